"""Competitive selection (annex 3 item 4) and professional development (annex 4 item 9)."""

from django.db.models import Q

from hemis.access.policy.engine import can, scope_q, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "careers.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD}),
    "careers.competition.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # annex 3 item 4
    "careers.training.edit": frozenset({R.SUPER_ADMIN, R.HR, R.ACADEMIC}),  # annex 4 item 9
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def _visible_by_current_appointment(principal: Principal, model, action: str):
    """Records of employees whose current appointment lies in the active scope (all for university roles)."""
    if not can(principal, action):
        return model.objects.none()
    q = scope_q(principal, "employee__appointments__org_unit__path")
    if q is None:
        return model.objects.all()
    return model.objects.filter(
        pk__in=model.objects.filter(q, employee__appointments__end_date__isnull=True).values("pk")
    )


def visible_competitions(principal: Principal):
    from hemis.careers.models import Competition

    return _visible_by_current_appointment(principal, Competition, "careers.view")


def visible_training_records(principal: Principal):
    from hemis.careers.models import TrainingRecord

    return _visible_by_current_appointment(principal, TrainingRecord, "careers.view")


def visible_career_employees(principal: Principal):
    """Employees with a current appointment in the active scope: whom the careers pages list and pick."""
    from hemis.staff.models import Employee

    if not can(principal, "careers.view"):
        return Employee.objects.none()
    current = Q(appointments__end_date__isnull=True)
    q = scope_q(principal, "appointments__org_unit__path")
    return Employee.objects.filter(pk__in=Employee.objects.filter(current & (q or Q())).values("pk"))


def competition_units(principal: Principal):
    """Units a competitive selection may be recorded for (none without ``careers.competition.edit``)."""
    from hemis.org.models import OrgUnit

    return scoped(principal, "careers.competition.edit", OrgUnit, "path")
