"""Helpers of the programme, catalogue and achievement pages: pagination, errors on forms, exports."""

from collections.abc import Iterable, Sequence

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone

from hemis.audit import services as audit
from hemis.core.excel import xlsx_response

PAGE_SIZE = 50


def paginate(request, items) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def form_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form's fields (unknown fields and ``__all__`` above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        known = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if known else None, messages)


def status_of(request, form: forms.Form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def export(*, request, action: str, name: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """An Excel file of a list, audited as ``action`` with the row count and the filter."""
    rows = list(rows)
    with transaction.atomic():
        audit.record(
            actor=request.user, action=action, data={"rows": len(rows), "query": request.GET.urlencode()}
        )
    filename = f"{name}-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    return xlsx_response(filename=filename, title=title, headers=headers, rows=rows)
