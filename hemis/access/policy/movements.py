"""Student orders and movements, admission included (annex 5 items 5, 7)."""

from hemis.access.policy.engine import scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "orders.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    "orders.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # prepare orders and their students (annex 5 item 7)
    "orders.apply": frozenset({R.SUPER_ADMIN, R.DEAN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "movements.Order": ("faculty",),
    "movements.OrderItem": ("order", "faculty"),
}


def visible_orders(principal: Principal):
    """Student orders of the faculties in the active scope (university-wide roles: every order)."""
    from hemis.movements.models import Order

    return scoped(principal, "orders.view", Order, "faculty__path")


def order_faculties(principal: Principal):
    """Faculties the active role may prepare student orders for, admission orders included (a dean's
    office: its own faculty; none without ``orders.edit``)."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "orders.edit", OrgUnit, "path").filter(structure_type=StructureType.FACULTY)
