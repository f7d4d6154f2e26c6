"""Grading (annex 7 item 5, annex 5 items 11–13, annex 1 item 7). The dean's office generates, reopens
and signs off its faculty's statements, keeps debts, individual plans and paid re-study; an examiner
enters the grades of their own statements only; the academic department and management read
everything; the super administrator sets the GPA method and starts the university's recomputation; a
student reads their own record and GPA."""

from hemis.access.policy.engine import can, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # read statements, records, rating and summary statements, debts, plans, re-study, GPA lists
    "grading.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    # generate statements of the faculty's groups, reopen a locked one, sign them off
    "grading.statements.manage": frozenset({R.SUPER_ADMIN, R.DEAN}),
    # enter grades (and import them from Excel): the examiner of the statement
    "grading.grade": frozenset({R.TEACHER}),
    # individual plans and paid re-study (annex 5 items 11–12)
    "grading.plans.manage": frozenset({R.SUPER_ADMIN, R.DEAN}),
    "grading.restudy.manage": frozenset({R.SUPER_ADMIN, R.DEAN}),
    # recompute the records and GPA of the whole university (a background job)
    "grading.gpa.recompute": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),
    # a student's own record, GPA and plan
    "grading.own": frozenset({R.STUDENT}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "grading.Statement": ("faculty",),
    "grading.RestudyGroup": ("faculty",),
    "grading.PlanItem": ("student", "faculty"),
}


def visible_statements(principal: Principal):
    """Statements the active role reads: an examiner their own; the dean's office its faculty's; the
    academic department and management all."""
    from hemis.grading.models import Statement

    if principal.role == R.TEACHER:
        return Statement.objects.filter(examiner__user=principal.user)
    return scoped(principal, "grading.view", Statement, "faculty__path")


def gradable_statements(principal: Principal):
    """Statements whose grades the active role enters: the examiner's own (the lock is the service's)."""
    from hemis.grading.models import Statement

    if not can(principal, "grading.grade"):
        return Statement.objects.none()
    return Statement.objects.filter(examiner__user=principal.user)


def managed_statements(principal: Principal):
    """Statements the active role reopens and signs off: the dean's office, its faculty's."""
    from hemis.grading.models import Statement

    return scoped(principal, "grading.statements.manage", Statement, "faculty__path")


def statement_group_subjects(principal: Principal):
    """Group subjects the active role generates statements of: the dean's office, its faculty's."""
    from hemis.students.models import GroupSubject

    return scoped(principal, "grading.statements.manage", GroupSubject, "group__faculty__path")


def grading_groups(principal: Principal):
    """Groups whose records, rating and summary statements, debts and GPA the active role reads."""
    from hemis.students.models import Group

    return scoped(principal, "grading.view", Group, "faculty__path")


def grading_students(principal: Principal):
    """Students whose records, debts, plans and GPA the active role reads (a student: themselves)."""
    from hemis.students.models import Student

    if principal.role == R.STUDENT:
        if not can(principal, "grading.own"):
            return Student.objects.none()
        return Student.objects.filter(user=principal.user)
    return scoped(principal, "grading.view", Student, "faculty__path")


def plan_students(principal: Principal):
    """Students whose individual plan the active role keeps: the dean's office, its faculty's."""
    from hemis.students.models import Student

    return scoped(principal, "grading.plans.manage", Student, "faculty__path")


def visible_restudy_groups(principal: Principal):
    """Re-study groups the active role reads: a teacher the ones they teach; the others their scope."""
    from hemis.grading.models import RestudyGroup

    if principal.role == R.TEACHER:
        return RestudyGroup.objects.filter(teacher__user=principal.user)
    return scoped(principal, "grading.view", RestudyGroup, "faculty__path")


def managed_restudy_groups(principal: Principal):
    """Re-study groups the active role keeps (enrolments, sessions, statements)."""
    from hemis.grading.models import RestudyGroup

    return scoped(principal, "grading.restudy.manage", RestudyGroup, "faculty__path")


def restudy_faculties(principal: Principal):
    """Faculties the active role opens re-study groups in."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "grading.restudy.manage", OrgUnit, "path").filter(
        structure_type=StructureType.FACULTY
    )


def plan_groups(principal: Principal):
    """Groups whose students' individual plans the active role makes at once: the dean's office, its
    faculty's."""
    from hemis.students.models import Group

    return scoped(principal, "grading.plans.manage", Group, "faculty__path")


def restudy_students(principal: Principal):
    """Students the active role enrols in paid re-study: the dean's office, its faculty's."""
    from hemis.students.models import Student

    return scoped(principal, "grading.restudy.manage", Student, "faculty__path")


def reads_restudy(principal: Principal) -> bool:
    """Whether the active role opens the re-study periods: the readers of grading, and a teacher of a
    re-study group (who sees only their groups in them)."""
    return can(principal, "grading.view") or visible_restudy_groups(principal).exists()
