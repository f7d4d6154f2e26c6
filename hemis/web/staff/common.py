"""How the staff pages fetch an employee: through the policy, hidden and missing alike a 404."""

from django.shortcuts import get_object_or_404

from hemis.access import policy
from hemis.staff.models import Employee


def visible_employee(request, pk: int) -> Employee:
    """An employee the active role may see, or 404 (hidden and missing alike)."""
    policy.require(request.principal, "staff.view")
    return get_object_or_404(policy.visible_employees(request.principal), pk=pk)


def editable_employee(request, pk: int) -> Employee:
    employee = visible_employee(request, pk)
    policy.require(request.principal, "staff.edit", employee)
    return employee
