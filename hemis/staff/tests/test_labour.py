import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.staff import selectors, services
from hemis.staff.enums import EmployeeStatus, EmploymentForm, LabourEventKind, Position
from hemis.staff.models import Appointment, LabourEvent
from hemis.staff.tests.conftest import appointment_data
from hemis.testing import factories as f

D = dt.date
TODAY = timezone.localdate


@pytest.fixture
def employee(uni, hr):
    e = f.EmployeeFactory(user=f.UserFactory(username="s.rahimov"))
    services.add_appointment(employee=e, actor=hr, **appointment_data(uni["inorganic"]))
    return e


def vacation(employee, hr, start, end, number="31-T"):
    return services.record_absence(
        employee=employee,
        actor=hr,
        kind=LabourEventKind.VACATION,
        order_number=number,
        order_date=start - dt.timedelta(days=3),
        start_date=start,
        end_date=end,
    )


def test_current_vacation_puts_employee_on_leave(employee, hr):
    today = TODAY()
    vacation(employee, hr, today - dt.timedelta(days=2), today + dt.timedelta(days=10))
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.ON_LEAVE
    assert selectors.status_on(employee, today + dt.timedelta(days=11)) == EmployeeStatus.WORKING
    event = AuditEvent.objects.get(action="staff.labour_event.vacation")
    assert event.data["after"]["order_number"] == "31-T"


def test_business_trip_needs_destination_and_sets_status(employee, hr):
    today = TODAY()
    kwargs = {
        "employee": employee,
        "actor": hr,
        "kind": LabourEventKind.BUSINESS_TRIP,
        "order_number": "12-X",
        "order_date": today,
        "start_date": today,
        "end_date": today + dt.timedelta(days=3),
    }
    with pytest.raises(ValidationError) as exc:
        services.record_absence(**kwargs)
    assert exc.value.message_dict == {"destination": ["Enter the destination of the business trip."]}
    services.record_absence(destination="Samarqand", **kwargs)
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.ON_TRIP


def test_overlapping_absence_refused(employee, hr):
    vacation(employee, hr, D(2026, 7, 1), D(2026, 7, 24))
    with pytest.raises(ValidationError) as exc:
        services.record_absence(
            employee=employee,
            actor=hr,
            kind=LabourEventKind.BUSINESS_TRIP,
            order_number="40-X",
            order_date=D(2026, 7, 10),
            start_date=D(2026, 7, 20),
            end_date=D(2026, 7, 30),
            destination="Buxoro",
        )
    assert exc.value.message_dict == {
        "start_date": ["The period overlaps the vacation from 01.07.2026 to 24.07.2026."]
    }
    assert LabourEvent.objects.count() == 1


def test_reversed_dates_refused(employee, hr):
    with pytest.raises(ValidationError) as exc:
        vacation(employee, hr, D(2026, 7, 10), D(2026, 7, 1))
    assert exc.value.message_dict == {"end_date": ["The end date must not be before the start date."]}
    assert LabourEvent.objects.count() == 0


def test_dismissal_ends_appointments_and_disables_account(uni, employee, hr):
    services.add_appointment(
        employee=employee,
        actor=hr,
        **appointment_data(
            uni["accounting_dept"], employment_form=EmploymentForm.INTERNAL_PART_TIME, rate=Decimal("0.50")
        ),
    )
    day = TODAY() - dt.timedelta(days=1)
    services.dismiss(
        employee=employee,
        actor=hr,
        order_number="88-K",
        order_date=day,
        date=day,
        reason="Oʻz xohishiga binoan",
    )
    employee.refresh_from_db()
    employee.user.refresh_from_db()
    assert employee.status == EmployeeStatus.DISMISSED
    assert employee.user.is_active is False
    assert list(Appointment.objects.filter(employee=employee).values_list("end_date", flat=True)) == [
        day,
        day,
    ]
    event = AuditEvent.objects.get(action="staff.labour_event.dismissal")
    assert event.data["account_disabled"] == "s.rahimov"
    assert event.data["after"]["reason"] == "Oʻz xohishiga binoan"


def test_no_event_for_a_dismissed_employee(employee, hr):
    day = TODAY()
    services.dismiss(
        employee=employee, actor=hr, order_number="88-K", order_date=day, date=day, reason="Pensiya"
    )
    with pytest.raises(ValidationError) as exc:
        vacation(employee, hr, day + dt.timedelta(days=5), day + dt.timedelta(days=9))
    assert exc.value.messages == ["The employee is dismissed: nothing more can be entered."]
    with pytest.raises(ValidationError):
        services.add_appointment(
            employee=employee, actor=hr, **appointment_data(employee.appointments.get().org_unit)
        )
    assert LabourEvent.objects.count() == 1
    assert Appointment.objects.count() == 1


def test_position_change_ends_old_and_opens_new(uni, employee, hr):
    old = employee.appointments.get()
    event = services.change_position(
        employee=employee,
        actor=hr,
        appointment=old,
        order_number="101-K",
        order_date=D(2026, 1, 28),
        date=D(2026, 2, 1),
        org_unit=uni["inorganic"],
        position=Position.HEAD_OF_DEPARTMENT,
        employment_form=EmploymentForm.MAIN,
        rate=Decimal("1.00"),
    )
    old.refresh_from_db()
    new = event.new_appointment
    assert old.end_date == D(2026, 1, 31)
    assert (new.position, new.start_date, new.order_number, new.end_date) == (
        "16",
        D(2026, 2, 1),
        "101-K",
        None,
    )
    assert (event.kind, event.ended_appointment) == (LabourEventKind.POSITION_CHANGE, old)


def test_refresh_statuses_follows_time(employee, hr):
    vacation(employee, hr, D(2026, 7, 1), D(2026, 7, 24))
    assert services.refresh_statuses(on=D(2026, 7, 2)) == 1
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.ON_LEAVE
    assert services.refresh_statuses(on=D(2026, 7, 25)) == 1
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.WORKING
