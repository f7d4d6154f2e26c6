"""The shell every user has, personal data, the working-day calendar and the university settings."""

from hemis.access.policy.engine import EVERYONE, can
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "web.dashboard": EVERYONE,
    "web.profile": EVERYONE,
    "people.personal_data": frozenset({R.SUPER_ADMIN, R.HR, R.DEAN}),
    "calendar.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC}),
    "calendar.edit": frozenset({R.SUPER_ADMIN}),
    "settings.edit": frozenset({R.SUPER_ADMIN}),  # annex 1 item 1
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def sees_personal_data(principal: Principal, obj: object = None) -> bool:
    """PINFL, passport, phone, address, birth date: only for entitled roles, or for one's own record."""
    if (
        obj is not None
        and getattr(obj, "user_id", None)
        and principal.user is not None
        and obj.user_id == principal.user.pk
    ):
        return True
    return can(principal, "people.personal_data", obj)
