"""Structure: requisites, licences, accreditation, the org tree, buildings and rooms (annex 3, annex 4 item 5)."""

from hemis.access.policy.engine import scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "org.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD, R.ICT}),
    "org.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # requisites, licences, accreditation, structure
    "rooms.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC}),
    "rooms.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # buildings and rooms (annex 4 item 5)
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def visible_org_units(principal: Principal):
    from hemis.org.models import OrgUnit

    return scoped(principal, "org.view", OrgUnit, "path")


def editable_org_units(principal: Principal):
    """Units the active role may change the structure under: the parents a new unit or a moved unit
    may be given (none without ``org.edit``)."""
    from hemis.org.models import OrgUnit

    return scoped(principal, "org.edit", OrgUnit, "path")
