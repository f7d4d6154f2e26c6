import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hemis.audit.models import AuditEvent
from hemis.staff import services
from hemis.staff.enums import EmploymentForm
from hemis.staff.models import Appointment, Employee
from hemis.staff.tests.conftest import appointment_data, person_data
from hemis.testing import factories as f

D = dt.date


def test_create_employee_with_appointment(uni, hr):
    e = services.create_employee(actor=hr, data=person_data(), appointment=appointment_data(uni["inorganic"]))
    e.refresh_from_db()
    assert (e.full_name, e.pinfl, e.status, e.citizenship, e.created_by) == (
        "Toshmatov Ulugʻbek Rustamovich",
        "31203851234567",
        "11",
        "11",
        hr,
    )
    a = e.appointments.get()
    assert (a.org_unit, a.position, a.rate, a.order_number, a.order_date, a.start_date, a.end_date) == (
        uni["inorganic"],
        "14",
        Decimal("1.00"),
        "245-K",
        D(2025, 8, 28),
        D(2025, 9, 1),
        None,
    )
    event = AuditEvent.objects.get(action="staff.employee.created")
    assert event.data["after"]["pinfl"] == "•"
    assert event.data["after"]["appointment"]["unit"] == "D-INORG"


def test_duplicate_pinfl_refused_on_the_field(uni, hr):
    services.create_employee(actor=hr, data=person_data())
    with pytest.raises(ValidationError) as exc:
        services.create_employee(actor=hr, data=person_data(last_name="Boshqa"))
    assert exc.value.message_dict == {"pinfl": ["An employee with this PINFL already exists."]}
    assert Employee.objects.count() == 1


def test_pinfl_not_14_digits_refused(uni, hr):
    with pytest.raises(ValidationError) as exc:
        services.create_employee(actor=hr, data=person_data(pinfl="1234"))
    assert exc.value.message_dict == {"pinfl": ["PINFL must be exactly 14 digits."]}
    assert Employee.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": D(2025, 8, 1)}, "end_date", "The end date must not be before the start date."),
        ({"rate": Decimal("0.60")}, "rate", "The staff rate must be one of 1.00, 0.75, 0.50 or 0.25."),
    ],
)
def test_bad_appointment_refused_and_nothing_saved(uni, hr, overrides, field, message):
    with pytest.raises(ValidationError) as exc:
        services.create_employee(
            actor=hr, data=person_data(), appointment=appointment_data(uni["inorganic"], **overrides)
        )
    assert exc.value.message_dict[field] == [message]
    assert (Employee.objects.count(), Appointment.objects.count()) == (0, 0)


def test_appointment_in_closed_unit_refused(uni, hr):
    uni["inorganic"].active = False
    uni["inorganic"].save()
    employee = f.EmployeeFactory()
    with pytest.raises(ValidationError) as exc:
        services.add_appointment(employee=employee, actor=hr, **appointment_data(uni["inorganic"]))
    assert exc.value.message_dict == {"org_unit": ["The unit “Noorganik kimyo kafedrasi” is closed."]}
    assert Appointment.objects.count() == 0


def test_second_overlapping_main_appointment_refused(uni, hr):
    employee = f.EmployeeFactory()
    services.add_appointment(employee=employee, actor=hr, **appointment_data(uni["inorganic"]))
    with pytest.raises(ValidationError) as exc:
        services.add_appointment(
            employee=employee, actor=hr, **appointment_data(uni["accounting_dept"], start_date=D(2026, 1, 5))
        )
    assert exc.value.message_dict == {
        "employment_form": ["The employee already has a main place of work in this period."]
    }
    part_time = services.add_appointment(
        employee=employee,
        actor=hr,
        **appointment_data(
            uni["accounting_dept"], employment_form=EmploymentForm.INTERNAL_PART_TIME, rate=Decimal("0.25")
        ),
    )
    assert list(employee.appointments.order_by("pk"))[1] == part_time


def test_main_appointment_after_the_old_one_ended_is_allowed(uni, hr):
    employee = f.EmployeeFactory()
    old = services.add_appointment(
        employee=employee, actor=hr, **appointment_data(uni["inorganic"], end_date=D(2025, 12, 31))
    )
    new = services.add_appointment(
        employee=employee, actor=hr, **appointment_data(uni["accounting_dept"], start_date=D(2026, 1, 1))
    )
    assert [a.pk for a in employee.appointments.order_by("start_date")] == [old.pk, new.pk]


def test_update_employee_journals_changed_fields(uni, hr):
    e = services.create_employee(actor=hr, data=person_data())
    services.update_employee(employee=e, actor=hr, data={"academic_rank": "13", "phone": "+998935554433"})
    e.refresh_from_db()
    assert (e.academic_rank, e.phone) == ("13", "+998935554433")
    event = AuditEvent.objects.get(action="staff.employee.updated")
    assert event.data == {
        "before": {"academic_rank": "11", "phone": "•"},
        "after": {"academic_rank": "13", "phone": "•"},
    }


def test_photo_over_5_mb_refused(uni, hr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("p.jpg", b"\xff" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.create_employee(actor=hr, data=person_data(), photo=big)
    assert "The photo must not be larger than 5 MB." in exc.value.message_dict["photo"]
    assert Employee.objects.count() == 0


def test_end_appointment(uni, hr):
    employee = f.EmployeeFactory()
    a = services.add_appointment(employee=employee, actor=hr, **appointment_data(uni["inorganic"]))
    with pytest.raises(ValidationError) as exc:
        services.end_appointment(appointment=a, end_date=D(2025, 1, 1), actor=hr)
    assert exc.value.message_dict == {"end_date": ["The end date must not be before the start date."]}
    a.refresh_from_db()
    assert a.end_date is None
    services.end_appointment(appointment=a, end_date=D(2026, 2, 27), actor=hr)
    a.refresh_from_db()
    assert a.end_date == D(2026, 2, 27)
    assert AuditEvent.objects.get(action="staff.appointment.ended").data["after"] == {
        "end_date": "2026-02-27"
    }
