"""Employees, appointments, the staff table, labour events and accounts (annex 3)."""

from hemis.access.policy.engine import can, scope_q, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "staff.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD}),
    "staff.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # employees, appointments, labour events, shtat, import
    "staff.create_account": frozenset({R.HR}),  # logins for employees: HR only
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def _employee_unit(employee):
    """An employee falls in the scope of the unit of their current appointment."""
    appointment = employee.appointments.filter(end_date__isnull=True).select_related("org_unit").first()
    return appointment.org_unit if appointment else None


UNIT_FINDERS = {"staff.Employee": _employee_unit}


def visible_employees(principal: Principal):
    from hemis.staff.models import Employee

    if principal.role == R.TEACHER:
        return Employee.objects.filter(user=principal.user)
    if not can(principal, "staff.view"):
        return Employee.objects.none()
    q = scope_q(principal, "appointments__org_unit__path")
    if q is None:
        return Employee.objects.all()
    return Employee.objects.filter(
        pk__in=Employee.objects.filter(q, appointments__end_date__isnull=True).values("pk")
    )


def visible_staff_units(principal: Principal):
    """Staff-table lines of the units inside the active scope (for the roles that see staff)."""
    from hemis.staff.models import StaffUnit

    return scoped(principal, "staff.view", StaffUnit, "org_unit__path")


def visible_staff_org_units(principal: Principal):
    """Units whose staff the active role may see (a head: its department; a dean: its faculty)."""
    from hemis.org.models import OrgUnit

    return scoped(principal, "staff.view", OrgUnit, "path")


def appointment_units(principal: Principal):
    """Units the active role may appoint employees to (none without ``staff.edit``)."""
    from hemis.org.models import OrgUnit

    return scoped(principal, "staff.edit", OrgUnit, "path")
