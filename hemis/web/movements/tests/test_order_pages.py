"""The student-order pages: prepare, add students, apply with confirmation, reverse; scope and queries."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.movements import services
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.students.models import StudentStatus
from hemis.testing import factories as f

D = dt.date
K = OrderKind


def url(name, *args):
    return reverse(f"web:orders_{name}", args=args)


SEPT_1 = D(2025, 9, 1)


def leave_order(actor, faculty, number="12-son", date=SEPT_1):
    return services.prepare_order(
        actor=actor, kind=K.ACADEMIC_LEAVE, number=number, date=date, faculty=faculty
    )


def test_dean_prepares_adds_applies_a_leave_order(client, uni, dean_chemistry, student_in_group):
    client.force_login(dean_chemistry)
    response = client.post(
        url("create"),
        {"kind": K.ACADEMIC_LEAVE, "number": "12-son", "date": "01.09.2025", "faculty": uni["chem"].pk},
    )
    order = Order.objects.get()
    assert response["Location"] == url("detail", order.pk)
    assert (order.kind, order.number, order.date, order.faculty) == (
        K.ACADEMIC_LEAVE,
        "12-son",
        D(2025, 9, 1),
        uni["chem"],
    )
    form_page = client.get(url("item_add", order.pk))
    assert list(form_page.context["form"].fields) == ["student", "leave_reason", "leave_until", "note"]
    response = client.post(
        url("item_add", order.pk),
        {"student": student_in_group.pk, "leave_reason": "12", "leave_until": "01.09.2026", "note": ""},
    )
    assert response["Location"] == url("detail", order.pk)
    confirm = client.get(url("apply", order.pk))
    (row,) = confirm.context["rows"]
    assert (row.before.status, row.after.status, row.errors) == (
        StudentStatus.STUDYING,
        StudentStatus.ACADEMIC_LEAVE,
        [],
    )
    assert confirm.context["blocked"] is False
    assert client.post(url("apply", order.pk))["Location"] == url("detail", order.pk)
    student_in_group.refresh_from_db()
    order.refresh_from_db()
    assert (student_in_group.status, order.status) == (StudentStatus.ACADEMIC_LEAVE, OrderStatus.APPLIED)
    detail = client.get(url("detail", order.pk))
    assert (detail.context["can_edit"], detail.context["can_apply"], detail.context["can_reverse"]) == (
        False,
        False,
        True,
    )
    page = detail.content.decode()
    assert 'data-testid="edit"' not in page and 'data-testid="remove-item"' not in page


def test_refused_item_shows_the_message_on_the_field(client, uni, dean_chemistry, student_in_group):
    order = leave_order(dean_chemistry, uni["chem"])
    client.force_login(dean_chemistry)
    client.cookies["hemis_language"] = "en"
    response = client.post(
        url("item_add", order.pk),
        {"student": student_in_group.pk, "leave_reason": "12", "leave_until": "01.09.2025"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "leave_until": ["Oʻrinboyeva Gulnoza: the leave must end after the order date."]
    }
    assert not OrderItem.objects.exists()


def test_applied_order_cannot_be_edited_or_applied_again_through_the_pages(
    client, uni, dean_chemistry, student_in_group
):
    order = leave_order(dean_chemistry, uni["chem"])
    services.add_item(actor=dean_chemistry, order=order, student=student_in_group, leave_reason="11")
    services.apply_order(actor=dean_chemistry, order=order)
    events = AuditEvent.objects.count()
    client.force_login(dean_chemistry)
    assert client.post(url("edit", order.pk), {"number": "99", "date": "02.09.2025"})["Location"] == url(
        "detail", order.pk
    )
    assert client.post(url("apply", order.pk))["Location"] == url("detail", order.pk)
    assert client.post(url("delete", order.pk))["Location"] == url("detail", order.pk)
    item = order.items.get()
    assert client.post(url("item_remove", order.pk, item.pk))["Location"] == url("detail", order.pk)
    order.refresh_from_db()
    assert (order.number, order.items.count(), AuditEvent.objects.count()) == ("12-son", 1, events)


def test_reversal_through_the_pages(client, uni, dean_chemistry, student_in_group):
    order = leave_order(dean_chemistry, uni["chem"])
    services.add_item(actor=dean_chemistry, order=order, student=student_in_group, leave_reason="11")
    services.apply_order(actor=dean_chemistry, order=order)
    client.force_login(dean_chemistry)
    response = client.post(url("reverse", order.pk), {"number": "13-son", "date": "02.09.2025"})
    reversal = Order.objects.get(reverses=order)
    assert response["Location"] == url("detail", reversal.pk)
    assert client.post(url("apply", reversal.pk))["Location"] == url("detail", reversal.pk)
    student_in_group.refresh_from_db()
    assert student_in_group.status == StudentStatus.STUDYING
    assert client.get(url("detail", order.pk)).context["reversed_by"] == reversal


def test_dean_of_another_faculty_cannot_see_apply_or_add(
    client, uni, dean_chemistry, dean_economics, student_in_group
):
    chem_order = leave_order(dean_chemistry, uni["chem"])
    services.add_item(actor=dean_chemistry, order=chem_order, student=student_in_group, leave_reason="11")
    econ_order = leave_order(dean_economics, uni["econ"], number="1-son")
    client.force_login(dean_economics)
    for name in ("detail", "apply", "edit", "delete", "item_add", "reverse"):
        assert client.get(url(name, chem_order.pk)).status_code == 404, name
    assert client.post(url("apply", chem_order.pk)).status_code == 404
    item = chem_order.items.get()
    assert client.post(url("item_remove", chem_order.pk, item.pk)).status_code == 404
    assert list(client.get(url("list")).context["page"]) == [econ_order]
    response = client.post(
        url("item_add", econ_order.pk), {"student": student_in_group.pk, "leave_reason": "11"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["student"]
    response = client.post(
        url("create"), {"kind": K.EXPULSION, "number": "2", "date": "01.09.2025", "faculty": uni["chem"].pk}
    )
    assert response.status_code == 400
    chem_order.refresh_from_db()
    student_in_group.refresh_from_db()
    assert (chem_order.status, student_in_group.status) == (OrderStatus.DRAFT, StudentStatus.STUDYING)
    assert (Order.objects.count(), econ_order.items.count()) == (2, 0)


def test_academic_reads_but_does_not_prepare(client, uni, academic, dean_chemistry):
    order = leave_order(dean_chemistry, uni["chem"])
    client.force_login(academic)
    listing = client.get(url("list"))
    assert (list(listing.context["page"]), listing.context["can_edit"]) == ([order], False)
    assert "faculty" in listing.context["form"].fields
    assert client.get(url("create")).status_code == 403
    assert client.post(url("apply", order.pk)).status_code == 403
    assert Order.objects.get().status == OrderStatus.DRAFT


def test_filters_and_export(client, uni, superadmin, dean_chemistry, dean_economics):
    chem = leave_order(dean_chemistry, uni["chem"], date=D(2025, 9, 1))
    econ = services.prepare_order(
        actor=dean_economics, kind=K.EXPULSION, number="7-son", date=D(2025, 10, 1), faculty=uni["econ"]
    )
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    page = lambda **q: list(client.get(url("list"), q).context["page"])  # noqa: E731
    assert page() == [econ, chem]
    assert page(kind=K.EXPULSION) == [econ]
    assert page(faculty=uni["chem"].pk) == [chem]
    assert page(date_from="15.09.2025") == [econ]
    assert page(number="12-") == [chem]
    assert page(status="applied") == []
    response = client.get(url("export"), {"kind": K.ACADEMIC_LEAVE})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][:6] == (
        "12-son",
        dt.datetime(2025, 9, 1),  # noqa: DTZ001 - Excel keeps naive dates
        "Academic leave",
        "Kimyo texnologiyasi fakulteti",
        None,
        0,
    )
    assert AuditEvent.objects.get(action="movements.order.exported").data == {
        "filters": {"kind": "academic_leave"},
        "rows": 1,
    }


def test_transitions_page_lists_every_kind(client, uni, dean_chemistry):
    client.force_login(dean_chemistry)
    client.cookies["hemis_language"] = "en"
    rows = client.get(url("transitions")).context["rows"]
    assert len(rows) == 11
    expulsion = next(r for r in rows if r["kind"] == "Expulsion")
    assert ([str(s) for s in expulsion["from"]], str(expulsion["to"])) == (
        ["Studying", "Academic leave"],
        "Expelled",
    )


def _orders(dean, faculty, group, n):
    for i in range(n):
        order = leave_order(dean, faculty, number=f"{i}-son")
        services.add_item(actor=dean, order=order, student=f.StudentFactory(group=group), leave_reason="11")
    return order


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    _orders(dean_chemistry, uni["chem"], uni["chem_group"], n)
    client.force_login(dean_chemistry)
    client.get(url("list"))  # warm the session
    with django_assert_num_queries(7):
        response = client.get(url("list"))
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_detail_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    order = leave_order(dean_chemistry, uni["chem"], number="x")
    for _ in range(n):
        services.add_item(
            actor=dean_chemistry,
            order=order,
            student=f.StudentFactory(group=uni["chem_group"]),
            leave_reason="11",
        )
    client.force_login(dean_chemistry)
    client.get(url("detail", order.pk))
    with django_assert_num_queries(8):
        response = client.get(url("detail", order.pk))
    assert len(response.context["items"]) == n


def test_every_page_of_a_draft_and_an_applied_order_renders(client, uni, dean_chemistry, student_in_group):
    draft = leave_order(dean_chemistry, uni["chem"], number="1-son")
    applied = leave_order(dean_chemistry, uni["chem"], number="2-son")
    services.add_item(actor=dean_chemistry, order=applied, student=student_in_group, leave_reason="11")
    services.apply_order(actor=dean_chemistry, order=applied)
    client.force_login(dean_chemistry)
    client.cookies["hemis_language"] = "en"
    pages = {
        "Delete the prepared order № 1-son of 01.09.2025": url("delete", draft.pk),
        "Edit the order": url("edit", draft.pk),
        "Add a student to the order": url("item_add", draft.pk),
        "A reversing order undoes Academic leave № 2-son of 01.09.2025": url("reverse", applied.pk),
        "No students in this order yet.": url("apply", draft.pk),
        "Studying → Academic leave": url("detail", applied.pk),
    }
    for text, address in pages.items():
        assert text in client.get(address).content.decode(), address
    assert client.get(url("apply", draft.pk)).context["blocked"] is True
