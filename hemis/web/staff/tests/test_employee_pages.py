import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.staff.enums import EmployeeStatus
from hemis.staff.models import Appointment, Employee, LabourEvent
from hemis.testing import factories as f
from hemis.web.staff.tests.conftest import hire, text

D = dt.date


@pytest.mark.parametrize("extra", [0, 2])
def test_employee_list_query_count_is_constant(hr_client, hr, uni, django_assert_num_queries, extra):
    hire(uni["inorganic"], hr)
    for n in range(extra):
        hire(uni["accounting_dept"], hr, last_name=f"Xodim{n}")
    with django_assert_num_queries(9):
        response = hr_client.get(reverse("web:staff_employees"))
    assert len(response.context["page"].object_list) == 1 + extra


def test_employee_list_filters_by_unit_with_sub_units_and_search(hr_client, hr, uni):
    hire(uni["inorganic"], hr, last_name="Rahimov")
    hire(uni["accounting_dept"], hr, last_name="Saidova")
    response = hr_client.get(reverse("web:staff_employees"), {"unit": uni["chem"].pk})
    assert [e.last_name for e in response.context["page"]] == ["Rahimov"]
    response = hr_client.get(reverse("web:staff_employees"), {"q": "saido"})
    assert [e.last_name for e in response.context["page"]] == ["Saidova"]


def test_head_cannot_see_another_departments_employee(client, hr, uni):
    own = hire(uni["inorganic"], hr, last_name="Rahimov")
    other = hire(uni["accounting_dept"], hr, last_name="Saidova")
    head = f.UserFactory(username="head_inorg")
    f.grant(head, "head", uni["inorganic"])
    client.force_login(head)
    assert client.get(reverse("web:staff_employee", args=[other.pk])).status_code == 404
    page = client.get(reverse("web:staff_employee", args=[own.pk]))
    assert page.context["employee"] == own
    listed = client.get(reverse("web:staff_employees"))
    assert [e.last_name for e in listed.context["page"]] == ["Rahimov"]


def test_personal_data_masked_for_academic_role(client, hr, uni):
    employee = hire(uni["inorganic"], hr, pinfl="31203851234567")
    academic = f.UserFactory(username="academic")
    f.grant(academic, "academic")
    client.force_login(academic)
    body = text(client.get(reverse("web:staff_employee", args=[employee.pk])))
    assert "31203851234567" not in body
    assert "••••••••••••67" in body
    assert "+998901234567" not in body
    listing = text(client.get(reverse("web:staff_employees")))
    assert "••••••••••••67" in listing
    assert "31203851234567" not in listing


def test_hr_sees_personal_data(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr, pinfl="31203851234567")
    assert "31203851234567" in text(hr_client.get(reverse("web:staff_employee", args=[employee.pk])))


def test_create_employee_via_form(hr_client, uni):
    data = {
        "last_name": "Ergasheva",
        "first_name": "Dilnoza",
        "pinfl": "41506951234567",
        "birth_date": "06.05.1995",
        "gender": "12",
        "citizenship": "11",
        "employee_type": "12",
        "academic_degree": "10",
        "academic_rank": "10",
        "phone": "+998935551122",
        "a-org_unit": uni["inorganic"].pk,
        "a-position": "12",
        "a-employment_form": "11",
        "a-rate": "0.75",
        "a-order_number": "301-K",
        "a-order_date": "01.12.2025",
        "a-start_date": "02.12.2025",
    }
    response = hr_client.post(reverse("web:staff_employee_create"), data)
    employee = Employee.objects.get(pinfl="41506951234567")
    assert response["Location"] == reverse("web:staff_employee", args=[employee.pk])
    assert (
        employee.birth_date,
        employee.appointments.get().rate,
        employee.appointments.get().start_date,
    ) == (
        D(1995, 5, 6),
        __import__("decimal").Decimal("0.75"),
        D(2025, 12, 2),
    )


def test_create_employee_errors_on_fields_and_nothing_saved(hr_client, hr, uni):
    hire(uni["inorganic"], hr, pinfl="41506951234567")
    data = {
        "last_name": "Ergasheva",
        "first_name": "Dilnoza",
        "pinfl": "41506951234567",
        "gender": "12",
        "citizenship": "11",
        "employee_type": "12",
        "academic_degree": "10",
        "academic_rank": "10",
        "a-org_unit": uni["inorganic"].pk,
        "a-position": "12",
        "a-employment_form": "11",
        "a-rate": "0.75",
        "a-order_number": "301-K",
        "a-order_date": "01.12.2025",
        "a-start_date": "02.12.2025",
        "a-end_date": "01.11.2025",
    }
    response = hr_client.post(reverse("web:staff_employee_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {"pinfl": ["An employee with this PINFL already exists."]}
    assert Employee.objects.count() == 1


def test_employee_without_edit_right_cannot_add(client, dean_chemistry, uni):
    client.force_login(dean_chemistry)
    response = client.post(reverse("web:staff_employee_create"), {"last_name": "X"})
    assert response.status_code == 403
    assert Employee.objects.count() == 0


def test_vacation_via_form_shows_on_leave(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr)
    today = timezone.localdate()
    data = {
        "order_number": "55-T",
        "order_date": today.strftime("%d.%m.%Y"),
        "start_date": today.strftime("%d.%m.%Y"),
        "end_date": (today + dt.timedelta(days=14)).strftime("%d.%m.%Y"),
    }
    response = hr_client.post(reverse("web:staff_event_add", args=[employee.pk, "vacation"]), data)
    assert response.status_code == 302
    page = hr_client.get(reverse("web:staff_employee", args=[employee.pk]))
    assert page.context["status"] == EmployeeStatus.ON_LEAVE
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.ON_LEAVE
    again = hr_client.post(reverse("web:staff_event_add", args=[employee.pk, "vacation"]), data)
    assert again.status_code == 400
    assert list(again.context["form"].errors) == ["start_date"]
    assert LabourEvent.objects.count() == 1


def test_dismissal_via_form(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr, user=f.UserFactory(username="s.rahimov"))
    today = timezone.localdate().strftime("%d.%m.%Y")
    data = {"order_number": "90-K", "order_date": today, "start_date": today, "reason": "Oʻz xohishi"}
    hr_client.post(reverse("web:staff_event_add", args=[employee.pk, "dismissal"]), data)
    employee.refresh_from_db()
    assert (employee.status, employee.user.is_active) == (EmployeeStatus.DISMISSED, False)
    assert Appointment.objects.filter(end_date__isnull=True).count() == 0


def test_account_created_by_hr_only(client, hr_client, hr, superadmin, uni):
    employee = hire(uni["inorganic"], hr, first_name="Sherzod", last_name="Rahimov")
    client.force_login(superadmin)
    assert client.post(reverse("web:staff_account_create", args=[employee.pk])).status_code == 403
    employee.refresh_from_db()
    assert employee.user is None
    client.force_login(hr)
    response = client.post(reverse("web:staff_account_create", args=[employee.pk]))
    employee.refresh_from_db()
    assert employee.user.username == "s.rahimov"
    assert employee.user.check_password(response.context["password"])
    assert AuditEvent.objects.filter(action="staff.employee.account_created").count() == 1


def test_export_respects_scope_and_masks(client, hr, uni):
    hire(uni["inorganic"], hr, last_name="Rahimov", pinfl="31203851234567")
    hire(uni["accounting_dept"], hr, last_name="Saidova")
    manager = f.UserFactory(username="rector")
    f.grant(manager, "management")
    client.force_login(manager)
    response = client.get(reverse("web:staff_employees_export"), {"q": "rahim"})
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][:2] == ("Rahimov Sherzod Gʻulomovich", "••••••••••••67")
    event = AuditEvent.objects.get(action="staff.employee.exported")
    assert (event.data["rows"], event.data["personal_data"]) == (1, False)
