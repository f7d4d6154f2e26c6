"""HR adds an employee with an appointment and records a vacation by order; management then sees
the labour event counted on time in the compliance page (annex 3, item 5)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from hemis.compliance import services as compliance_services
from hemis.staff.enums import EmployeeStatus
from hemis.staff.models import Employee, LabourEvent
from hemis.testing import factories as f
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def d(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def test_hr_adds_employee_records_vacation_and_management_sees_it_on_time(page, live_server, uni, rector):
    hr = f.UserFactory(username="hr", first_name="Nigora", last_name="Karimova")
    f.grant(hr, "hr")
    today = timezone.localdate()
    login(page, live_server, "hr")

    page.goto(f"{live_server.url}/staff/employees/")
    page.click("[data-testid=add-employee]")
    page.fill("#id_last_name", "Ergasheva")
    page.fill("#id_first_name", "Dilnoza")
    page.fill("#id_pinfl", "41506951234567")
    page.fill("#id_birth_date", "06.05.1995")
    page.select_option("#id_gender", "12")
    page.select_option("#id_employee_type", "12")
    page.select_option("#id_a-org_unit", str(uni["inorganic"].pk))
    page.select_option("#id_a-position", "12")
    page.select_option("#id_a-employment_form", "11")
    page.select_option("#id_a-rate", "1.00")
    page.fill("#id_a-order_number", "301-K")
    page.fill("#id_a-order_date", d(today - dt.timedelta(days=20)))
    page.fill("#id_a-start_date", d(today - dt.timedelta(days=18)))
    with page.expect_navigation():
        page.click("[data-testid=employee-form] button[type=submit]")
    employee = Employee.objects.get(pinfl="41506951234567")
    assert page.url == f"{live_server.url}/staff/employees/{employee.pk}/"
    assert page.locator("[data-testid=employee-status]").inner_text() == uz("Working")
    assert "301-K" in page.locator("[data-testid=appointments]").inner_text()

    page.click("[data-testid=add-vacation]")
    page.fill("#id_order_number", "55-T")
    page.fill("#id_order_date", d(today))
    page.fill("#id_start_date", d(today))
    page.fill("#id_end_date", d(today + dt.timedelta(days=14)))
    with page.expect_navigation():
        page.click("[data-testid=labour-form] button[type=submit]")
    assert page.url == f"{live_server.url}/staff/employees/{employee.pk}/"
    assert page.locator("[data-testid=employee-status]").inner_text() == uz("On leave")
    assert "55-T" in page.locator("[data-testid=labour-events]").inner_text()
    employee.refresh_from_db()
    assert employee.status == EmployeeStatus.ON_LEAVE
    assert LabourEvent.objects.get().order_number == "55-T"

    compliance_services.refresh_snapshot()  # the page reads the snapshot, computed nightly or on demand
    page.context.clear_cookies()
    login(page, live_server, "rector")
    page.goto(f"{live_server.url}/compliance/processes/")
    row = page.locator("tr[data-process='annex3.p5']")
    assert row.locator("[data-count=on_time]").inner_text() == "1"
    assert row.locator("[data-count=late]").inner_text() == "0"
