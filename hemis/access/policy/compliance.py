"""Regulation compliance: management monitors the regulation (chapter 3.1.14)."""

from hemis.access.policy.engine import READ_ALL

RULES: dict[str, frozenset[str]] = {
    "compliance.view": READ_ALL,
    # Recompute the stored snapshot now rather than wait for the nightly run.
    "compliance.refresh": READ_ALL,
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
