"""Evaluators of the registry's processes, one module per annex.

Importing this package registers them all; a process without an evaluator is "not yet measured".
"""

from hemis.compliance.evaluators import annex1  # noqa: F401
