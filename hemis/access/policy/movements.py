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
