"""Helpers shared by the staff views."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404

from hemis.access import policy
from hemis.staff.models import Employee

PAGE_SIZE = 50


def visible_employee(request, pk: int) -> Employee:
    """An employee the active role may see, or 404 (hidden and missing alike)."""
    policy.require(request.principal, "staff.view")
    return get_object_or_404(policy.visible_employees(request.principal), pk=pk)


def editable_employee(request, pk: int) -> Employee:
    employee = visible_employee(request, pk)
    policy.require(request.principal, "staff.edit", employee)
    return employee


def add_errors(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """A service's errors onto the form: on their field when the form has it, else above the form."""
    rename = rename or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = rename.get(field, field)
        form.add_error(
            target if target in form.fields else None, errors if target != NON_FIELD_ERRORS else errors
        )
