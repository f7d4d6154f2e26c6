"""Curricula by semester: weeks, subjects, approval (annex 5 items 2, 3)."""

from django.db.models import Q

from hemis.access.policy.engine import can, scope_q, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R
from hemis.access.roles import Scope

RULES: dict[str, frozenset[str]] = {
    "curricula.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "curricula.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # curricula, weeks, subjects (annex 5 items 2, 3)
    "curricula.approve": frozenset({R.SUPER_ADMIN, R.DEAN}),
    "curricula.return_to_draft": frozenset({R.SUPER_ADMIN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "curricula.Curriculum": ("programme", "faculty"),
    "curricula.CurriculumSemester": ("curriculum", "programme", "faculty"),
    "curricula.CurriculumSubject": ("semester", "curriculum", "programme", "faculty"),
}


def visible_curricula(principal: Principal):
    """Curricula the active role may read: deans their faculty's; heads of departments those of their
    faculty and those their department teaches in; university-wide roles every one."""
    from hemis.curricula.models import Curriculum

    if not can(principal, "curricula.view"):
        return Curriculum.objects.none()
    q = scope_q(principal, "programme__faculty__path")
    if q is None:
        return Curriculum.objects.all()
    if principal.active.scope == Scope.DEPARTMENT:
        unit = principal.active.unit
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        taught = Curriculum.objects.filter(semesters__subjects__department__path__startswith=unit.path)
        return Curriculum.objects.filter(
            Q(programme__faculty_id__in=ancestors) | Q(pk__in=taught.values("pk"))
        )
    return Curriculum.objects.filter(q)


def curriculum_programmes(principal: Principal):
    """Programmes the active role may prepare curricula for (its faculty's; all for university roles)."""
    from hemis.academics.models import Programme

    return scoped(principal, "curricula.edit", Programme, "faculty__path")
