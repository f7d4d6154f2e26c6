"""Groups, students, subgroups, group subjects (annex 5 items 4, 6, 8, 20) and achievements (item 17)."""

from hemis.access.policy.engine import scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "students.view": frozenset(
        {
            R.SUPER_ADMIN,
            R.MANAGEMENT,
            R.ACADEMIC,
            R.DEAN,
            R.MARKETING,
            R.ACCOUNTING,
            R.DIPLOMA,
            R.LIBRARY,
            R.DORMITORY,
        }
    ),
    "students.groups.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # groups, subgroups (annex 5 item 4)
    "students.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # person and non-movement data of a student
    "students.assign_group": frozenset({R.SUPER_ADMIN, R.DEAN}),  # students without a group (item 6)
    "students.group_subjects.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # annex 5 item 8
    "achievements.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    "achievements.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # annex 5 item 17
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "students.Group": ("faculty",),
    "students.Student": ("faculty",),
    "students.Subgroup": ("group", "faculty"),
    "students.GroupSubject": ("group", "faculty"),
    "students.Achievement": ("student", "faculty"),
}


def visible_students(principal: Principal):
    from hemis.students.models import Student

    if principal.role == R.STUDENT:
        return Student.objects.filter(user=principal.user)
    return scoped(principal, "students.view", Student, "faculty__path")


def visible_groups(principal: Principal):
    from hemis.students.models import Group

    if principal.role == R.STUDENT:
        return Group.objects.filter(students__user=principal.user)
    return scoped(principal, "students.view", Group, "faculty__path")


def group_programmes(principal: Principal):
    """Programmes a group may be opened for: those of the faculties the active role edits groups of."""
    from hemis.academics.models import Programme

    return scoped(principal, "students.groups.edit", Programme, "faculty__path")


def visible_achievements(principal: Principal):
    """Achievements of the students in the active scope (a dean's office: its faculty's students)."""
    from hemis.students.models import Achievement

    return scoped(principal, "achievements.view", Achievement, "student__faculty__path")


def visible_subgroups(principal: Principal):
    """Subgroups of the groups the active role may see."""
    from hemis.students.models import Subgroup

    return Subgroup.objects.filter(group__in=visible_groups(principal))


def assignable_groups(principal: Principal):
    """Groups the active role may put students into (annex 5 item 6): those of its faculty's."""
    from hemis.students.models import Group

    return scoped(principal, "students.assign_group", Group, "faculty__path")
