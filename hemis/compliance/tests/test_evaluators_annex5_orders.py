"""Annex 5 item 7 measured on prepared orders (5-day week): an order of Friday 26.12.2025 is due
three working days later: 29 and 30 December, then (31 December to 2 January are days off) Monday
5 January 2026."""

import datetime as dt

import pytest
from django.utils import translation

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.movements import services
from hemis.movements.enums import OrderKind
from hemis.movements.models import Order
from hemis.testing import factories as f

D = dt.date
ORDER = D(2025, 12, 26)


TODAY = D(2026, 1, 20)


def rows(today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=["annex5.p7"])
    return res.rows


def leave(dean, faculty, student, number="12-son", date=ORDER, applied_at=None):
    order = services.prepare_order(
        actor=dean, kind=OrderKind.ACADEMIC_LEAVE, number=number, date=date, faculty=faculty
    )
    services.add_item(actor=dean, order=order, student=student, leave_reason="11")
    if applied_at:
        services.apply_order(actor=dean, order=order)
        Order.objects.filter(pk=order.pk).update(applied_at=applied_at)
    return order


def test_applied_order_on_time_and_a_draft_not_done(university, uni, dean_chemistry, student_in_group):
    leave(dean_chemistry, uni["chem"], student_in_group, applied_at=at(2025, 12, 31, 17))
    other = f.StudentFactory(group=uni["chem_group"], last_name="Aliyev")
    leave(dean_chemistry, uni["chem"], other, number="13-son", date=D(2026, 1, 5))
    with translation.override("en"):
        result = rows()
    assert [(r.obligation.due, r.obligation.done_at, r.status) for r in result] == [
        (D(2026, 1, 5), D(2025, 12, 31), Status.ON_TIME),
        (D(2026, 1, 8), None, Status.OVERDUE),
    ]
    assert (result[0].obligation.user, result[0].obligation.unit) == (dean_chemistry, uni["chem"])
    assert result[0].obligation.subject == "Academic leave: order № 12-son of 26.12.2025"


def test_late_order_and_reversals_are_not_counted(university, uni, dean_chemistry, student_in_group):
    order = leave(dean_chemistry, uni["chem"], student_in_group, applied_at=at(2026, 1, 6, 9))
    services.prepare_reversal(actor=dean_chemistry, order=order, number="14-son", date=D(2026, 1, 5))
    (row,) = rows()
    assert (row.obligation.done_at, row.status) == (D(2026, 1, 6), Status.LATE)


def test_orders_due_before_launch_are_not_measured(university, uni, dean_chemistry, student_in_group):
    university.launch_date = D(2026, 1, 6)
    university.save()
    leave(dean_chemistry, uni["chem"], student_in_group, applied_at=at(2025, 12, 30))
    assert rows() == ()


def test_without_a_dean_the_faculty_answers(university, uni, superadmin):
    student = f.StudentFactory(group=uni["econ_group"])
    leave(superadmin, uni["econ"], student, applied_at=at(2025, 12, 29))
    (row,) = rows()
    assert (row.obligation.user, row.obligation.unit, row.status) == (None, uni["econ"], Status.ON_TIME)


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_is_constant(university, uni, dean_chemistry, django_assert_num_queries, n):
    for i in range(n):
        leave(dean_chemistry, uni["chem"], f.StudentFactory(group=uni["chem_group"]), number=f"{i}-son")
    context = engine.build_context(today=D(2026, 1, 20))
    with django_assert_num_queries(2):
        (result,) = engine.evaluate(context=context, process_ids=["annex5.p7"])
    assert len(result.rows) == n
