"""Helpers shared by the groups and students views."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404

from hemis.access import policy
from hemis.students.models import Group, Student, Subgroup

PAGE_SIZE = 50


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
    visible = policy.visible_groups(request.principal)
    subgroup = get_object_or_404(Subgroup.objects.select_related("group__faculty"), pk=pk, group__in=visible)
    policy.require(request.principal, "students.groups.edit", subgroup)
    return subgroup


def visible_student(request, pk: int) -> Student:
    policy.require(request.principal, "students.view")
    students = policy.visible_students(request.principal).select_related(
        "faculty", "programme", "group", "user"
    )
    return get_object_or_404(students, pk=pk)


def add_errors(form, exc: ValidationError) -> None:
    """A service's errors onto the form: on their field when the form has it, else above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, errors)
