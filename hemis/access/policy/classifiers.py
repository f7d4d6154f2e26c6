"""HEMIS classifier tables."""

from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "classifiers.view": frozenset({R.SUPER_ADMIN, R.ACADEMIC, R.MANAGEMENT, R.HR}),
    "classifiers.edit": frozenset({R.SUPER_ADMIN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
