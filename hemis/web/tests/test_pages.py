"""What the list pages share: one page size, and exports the journal records."""

import io

from django.test import RequestFactory
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.web.pages import PAGE_SIZE, paginate, query_filters, xlsx_export


def test_paginate_gives_the_asked_page_and_the_last_one_past_the_end():
    rows = list(range(PAGE_SIZE * 2 + 1))
    second = paginate(RequestFactory().get("/", {"page": "2"}), rows)
    assert (second.number, list(second)) == (2, rows[PAGE_SIZE : PAGE_SIZE * 2])
    assert paginate(RequestFactory().get("/", {"page": "99"}), rows).number == 3
    assert paginate(RequestFactory().get("/", {"page": "x"}), rows).number == 1


def test_query_filters_leave_out_the_page_and_empty_values():
    request = RequestFactory().get("/", {"q": "kimyo", "faculty": "", "page": "2", "active": "1"})
    assert query_filters(request) == {"q": "kimyo", "active": "1"}


def test_xlsx_export_writes_the_rows_and_journals_the_export(superadmin):
    request = RequestFactory().get("/", {"q": "kimyo", "page": "3"})
    request.user = superadmin
    response = xlsx_export(
        request,
        action="org.room.exported",
        filename="rooms.xlsx",
        title="Rooms",
        headers=["Number"],
        rows=(["101"], ["102"]),
    )
    assert response["Content-Disposition"] == 'attachment; filename="rooms.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True)) == [("Number",), ("101",), ("102",)]
    event = AuditEvent.objects.get(action="org.room.exported")
    assert (event.actor, event.data) == (superadmin, {"filters": {"q": "kimyo"}, "rows": 2})
