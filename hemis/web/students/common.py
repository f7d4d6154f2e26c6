"""How the groups and students pages fetch a group, a subgroup or a student: through the policy,
hidden and missing alike a 404, visible but not editable a 403."""

from django.shortcuts import get_object_or_404

from hemis.access import policy
from hemis.students.models import Group, Student, Subgroup


def visible_group(request, pk: int) -> Group:
    """A group the active role may see, or 404 (hidden and missing alike)."""
    policy.require(request.principal, "students.view")
    groups = policy.visible_groups(request.principal).select_related("programme", "faculty", "curriculum")
    return get_object_or_404(groups, pk=pk)


def editable_group(request, pk: int, action: str = "students.groups.edit") -> Group:
    group = visible_group(request, pk)
    policy.require(request.principal, action, group)
    return group


def editable_subgroup(request, pk: int) -> Subgroup:
    policy.require(request.principal, "students.view")
    subgroups = policy.visible_subgroups(request.principal).select_related("group__faculty")
    subgroup = get_object_or_404(subgroups, pk=pk)
    policy.require(request.principal, "students.groups.edit", subgroup)
    return subgroup


def visible_student(request, pk: int) -> Student:
    policy.require(request.principal, "students.view")
    students = policy.visible_students(request.principal).select_related(
        "faculty", "programme", "group", "user"
    )
    return get_object_or_404(students, pk=pk)
