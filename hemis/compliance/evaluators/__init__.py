"""Evaluators of the registry's processes, one module per annex.

Importing this package registers them all; a process without an evaluator is "not yet measured".
"""

from hemis.compliance.evaluators import (  # noqa: F401
    annex1,  # noqa: F401
    annex1_exchange,  # issue 15: the exchange with the ministry
    annex2_integrations,  # issue 15
    annex3_careers,
    annex3_org,  # noqa: F401
    annex3_staff,  # noqa: F401
    annex4_schedule,
    annex4_setup,  # noqa: F401
    annex4_training,
    annex5_admission,
    annex5_curricula,  # noqa: F401
    annex5_grading,  # issue 13
    # -- issue 5 evaluators, one import each --
    annex5_groups,
    annex5_orders,  # noqa: F401
    annex5_programmes,
    annex5_schedule,
    # -- issue 12 evaluators --
    annex6_department,
    annex7_grading,  # issue 13
    annex7_teaching,
    # -- first log-in (issue 14) --
    annex13_cabinet,
    # -- electives (issue 14) --
    annex13_electives,
    # -- graduation: the clearance sheet (issue 14) --
    controlling_clearance,
)
