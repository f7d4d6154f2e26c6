"""Annex 3 items 3 and 5 measured on prepared data (5-day week)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.core.models import StaffEntryDays
from hemis.staff import services
from hemis.staff.enums import EmploymentForm, LabourEventKind, Position
from hemis.staff.models import Appointment, LabourEvent, StaffUnit
from hemis.testing import factories as f

D = dt.date
ORDER = D(
    2025, 12, 26
)  # Friday: +3 wd = Wednesday 31.12.2025, +2 wd = Tuesday 30.12.2025, +10 wd = 12.01.2026


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr")
    f.grant(user, "hr")
    return user


def appointed(unit, hr, entered, *, order_date=ORDER, last_name="Rahimov"):
    employee = f.EmployeeFactory(last_name=last_name)
    a = services.add_appointment(
        employee=employee,
        actor=hr,
        org_unit=unit,
        position=Position.DOCENT,
        employment_form=EmploymentForm.MAIN,
        rate=Decimal("1.00"),
        order_number="245-K",
        order_date=order_date,
        start_date=order_date,
    )
    Appointment.objects.filter(pk=a.pk).update(created_at=entered)
    return employee


def result(process_id, today=None):
    context = engine.build_context(today=today or D(2026, 2, 1))
    (res,) = engine.evaluate(context=context, process_ids=[process_id])
    return res


def test_appointment_entered_within_3_wd_is_on_time(university, uni, hr):
    appointed(uni["inorganic"], hr, at(2025, 12, 31, 17))
    (row,) = result("annex3.p3").rows
    assert row.status is Status.ON_TIME
    assert (row.obligation.due, row.obligation.done_at, row.obligation.unit) == (
        D(2026, 1, 5),
        D(2025, 12, 31),
        uni["inorganic"],
    )
    assert (
        row.obligation.subject
        == "Appointment of Rahimov S.G.: Associate professor (docent), order № 245-K of 26.12.2025"
    )


def test_ten_day_setting_makes_the_same_entry_on_time(university, uni, hr):
    appointed(uni["inorganic"], hr, at(2026, 1, 9))
    assert result("annex3.p3").rows[0].status is Status.LATE
    university.staff_entry_days = StaffEntryDays.TEN
    university.save()
    (row,) = result("annex3.p3").rows
    assert (row.status, row.obligation.due) == (Status.ON_TIME, D(2026, 1, 14))


def test_staff_lines_count_in_item_3(university, uni, hr):
    line = services.create_staff_unit(
        actor=hr,
        org_unit=uni["inorganic"],
        position=Position.DOCENT,
        planned_rate=Decimal("3.00"),
        order_number="3-SH",
        order_date=ORDER,
    )
    StaffUnit.objects.filter(pk=line.pk).update(created_at=at(2026, 1, 6))
    (row,) = result("annex3.p3").rows
    assert (row.status, row.obligation.due, row.obligation.done_at) == (
        Status.LATE,
        D(2026, 1, 5),
        D(2026, 1, 6),
    )


def test_labour_events_due_2_wd_after_order(university, uni, hr):
    employee = appointed(uni["inorganic"], hr, at(2025, 12, 26))
    trip = services.record_absence(
        employee=employee,
        actor=hr,
        kind=LabourEventKind.BUSINESS_TRIP,
        order_number="12-X",
        order_date=ORDER,
        start_date=D(2026, 1, 5),
        end_date=D(2026, 1, 9),
        destination="Samarqand",
    )
    LabourEvent.objects.filter(pk=trip.pk).update(created_at=at(2025, 12, 30, 18))
    vacation = services.record_absence(
        employee=employee,
        actor=hr,
        kind=LabourEventKind.VACATION,
        order_number="13-T",
        order_date=ORDER,
        start_date=D(2026, 1, 12),
        end_date=D(2026, 1, 20),
    )
    LabourEvent.objects.filter(pk=vacation.pk).update(created_at=at(2025, 12, 31, 9))
    rows = result("annex3.p5").rows
    assert [(r.status, r.obligation.due, r.obligation.done_at) for r in rows] == [
        (Status.ON_TIME, D(2025, 12, 30), D(2025, 12, 30)),
        (Status.LATE, D(2025, 12, 30), D(2025, 12, 31)),
    ]
    assert rows[0].obligation.subject == "Business trip of Rahimov S.G., order № 12-X of 26.12.2025"


def test_position_change_is_counted_in_item_3_not_5(university, uni, hr):
    employee = appointed(uni["inorganic"], hr, at(2025, 12, 26))
    services.change_position(
        employee=employee,
        actor=hr,
        appointment=employee.appointments.get(),
        order_number="20-K",
        order_date=D(2026, 1, 15),
        date=D(2026, 1, 16),
        org_unit=uni["inorganic"],
        position=Position.HEAD_OF_DEPARTMENT,
        employment_form=EmploymentForm.MAIN,
        rate=Decimal("1.00"),
    )
    assert result("annex3.p5").rows == ()
    assert len(result("annex3.p3").rows) == 2


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_is_constant(university, uni, hr, django_assert_num_queries, count):
    for n in range(count):
        employee = appointed(uni["inorganic"], hr, at(2025, 12, 29), last_name=f"Xodim{n}")
        services.record_absence(
            employee=employee,
            actor=hr,
            kind=LabourEventKind.VACATION,
            order_number=f"{n}-T",
            order_date=ORDER,
            start_date=D(2026, 1, 12),
            end_date=D(2026, 1, 20),
        )
    context = engine.build_context(today=D(2026, 2, 1))
    with django_assert_num_queries(3):
        results = engine.evaluate(context=context, process_ids=["annex3.p3", "annex3.p5"])
    assert [len(r.rows) for r in results] == [count, count]
