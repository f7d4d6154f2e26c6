"""HR records a passed competitive selection for a teacher and finds it on the monitoring page."""

import datetime as dt

import pytest
from django.utils import timezone

from hemis.careers.dates import add_years
from hemis.careers.models import Competition
from hemis.staff.enums import Position
from hemis.testing import factories as f
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_hr_records_a_selection_and_sees_it_lapse_soon(page, live_server, uni):
    hr = f.UserFactory(username="hr_officer", first_name="Nilufar", last_name="Saidova")
    f.grant(hr, "hr")
    teacher = f.EmployeeFactory(last_name="Toshmatov", first_name="Jasur", patronymic="Olimovich")
    f.appoint(teacher, uni["inorganic"], Position.DOCENT)
    today = timezone.localdate()
    selected = add_years(today, -3) + dt.timedelta(days=45)  # a three-year term that lapses in 45 days

    login(page, live_server, "hr_officer")
    page.goto(f"{live_server.url}/careers/selections/")
    with page.expect_navigation():
        page.click("[data-testid=add]")
    page.select_option("#id_employee", str(teacher.pk))
    page.select_option("#id_position", Position.DOCENT.value)
    page.select_option("#id_org_unit", str(uni["inorganic"].pk))
    page.fill("#id_order_number", "245-K")
    page.fill("#id_order_date", f"{selected + dt.timedelta(days=7):%d.%m.%Y}")
    page.fill("#id_selection_date", f"{selected:%d.%m.%Y}")
    page.select_option("#id_term_years", "3")
    page.select_option("#id_result", "passed")
    with page.expect_navigation():
        page.click("[data-testid=competition-form] button[type=submit]")

    competition = Competition.objects.get()
    assert page.url == f"{live_server.url}/careers/selections/{competition.pk}/"
    assert page.locator(".message-success").count() == 1
    facts = page.locator("[data-testid=competition-facts]").inner_text()
    assert "245-K" in facts
    assert f"{add_years(selected, 3):%d.%m.%Y}" in facts

    page.goto(f"{live_server.url}/careers/selection-monitoring/?months=3")
    rows = page.locator("[data-testid=monitoring] tbody tr")
    assert rows.count() == 1
    assert "Toshmatov Jasur Olimovich" in rows.first.inner_text()
    assert f"{competition.valid_until:%d.%m.%Y}" in rows.first.inner_text()
    departments = page.locator("[data-testid=departments] tbody tr").first.inner_text()
    assert departments.split("\t") == ["Noorganik kimyo kafedrasi", "1", "0"]
