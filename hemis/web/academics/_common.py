"""Helpers of the academic set-up pages: pagination, Excel export, service errors on the form."""

from collections.abc import Iterable, Sequence

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.shortcuts import render
from django.utils import timezone

from hemis.audit import services as audit
from hemis.core.excel import xlsx_response

PAGE_SIZE = 50


def paginate(request, items) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def form_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (unknown fields and ``__all__`` on the form)."""
    for field, messages in error.message_dict.items():
        known = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if known else None, messages)


def export(
    *, request, model: type[Model], name: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]
):
    """An Excel file of a list, audited as ``academics.<model>.exported``."""
    rows = list(rows)
    audit.record(
        actor=request.user,
        action=f"academics.{model._meta.model_name}.exported",
        data={"rows": len(rows), "query": request.GET.urlencode()},
    )
    filename = f"{name}-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    return xlsx_response(filename=filename, title=title, headers=headers, rows=rows)


def confirm(request, *, obj: Model, back: str):
    """The confirmation page of a deletion: the same URL answers the POST that deletes."""
    return render(request, "web/academics/confirm_delete.html", {"object": obj, "back": back})
