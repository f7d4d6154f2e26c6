"""What the list pages share: one page size, pagination, Excel exports that the journal records, and
stored uploads served to those who may read their record.

Every export is journaled through ``hemis.audit.services.record_export`` (the API records its
exports with the same service) as ``<app>.<model>.exported`` with the filters and the row count.
"""

from collections.abc import Iterable, Sequence

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.utils import timezone

from hemis.audit import services as audit
from hemis.core.excel import xlsx_response

PAGE_SIZE = 50


def paginate(request, rows) -> Page:
    """The page of ``rows`` that ``?page=`` asks for (the last one when it is past the end)."""
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def query_filters(request) -> dict:
    """The filters a list was asked with: its query string without the page and the empty values."""
    return {key: value for key, value in request.GET.items() if key != "page" and value != ""}


def pdf_response(content: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    """A PDF to show in the browser (or, with ``attachment``, to save) under ``filename``."""
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def stamped(name: str) -> str:
    """``<name>-YYYYMMDD-HHMMSS.xlsx`` in local time."""
    return f"{name}-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"


def xlsx_export(
    request,
    *,
    action: str,
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    filters: dict | None = None,
    **details,
) -> HttpResponse:
    """The Excel file of a list, journaled as ``action`` with ``filters`` (default: the query string),
    the row count and ``details``."""
    rows = list(rows)
    audit.record_export(
        actor=request.user,
        action=action,
        filters=query_filters(request) if filters is None else filters,
        rows=len(rows),
        **details,
    )
    return xlsx_response(filename=filename, title=title, headers=headers, rows=rows)
