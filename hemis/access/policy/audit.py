"""The action journal (annex 1 item 5)."""

from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "audit.view": frozenset({R.SUPER_ADMIN}),
    "audit.export": frozenset({R.SUPER_ADMIN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
