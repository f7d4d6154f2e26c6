"""Logging in and out, the student ID login, a wrong password and the role switcher, in a real browser."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hemis.testing import factories as f
from hemis.web.access.forms import LoginForm
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def test_login_lands_on_home_with_name(page, live_server, dean_chemistry):
    login(page, live_server, "dean_chem")
    assert page.url == f"{live_server.url}/"
    assert page.locator("[data-testid=user-menu]").inner_text() == "Yoʻldoshev Dilshod"
    assert page.locator("h1").inner_text() == uz("Welcome, %(name)s") % {"name": "Yoʻldoshev Dilshod"}
    assert "Kimyo texnologiyasi fakulteti" in page.locator("[data-testid=acting-as]").inner_text()


def test_student_logs_in_with_student_id(page, live_server, student_in_group):
    student_in_group.user.username = "gulnoza"
    student_in_group.user.save()
    login(page, live_server, "400251199999")
    assert page.url == f"{live_server.url}/"
    assert page.locator("[data-testid=user-menu]").inner_text() == "Oʻrinboyeva Gulnoza"
    facts = page.locator("dl.facts").inner_text()
    assert "400251199999" in facts
    assert "KT-11-24" in facts
    assert "Kimyo texnologiyasi fakulteti" in facts


def test_wrong_password_shows_error_and_stays_logged_out(page, live_server, dean_chemistry):
    login(page, live_server, "dean_chem", "wrong-password")
    assert page.url == f"{live_server.url}/login/"
    with translation.override("uz"):
        expected = str(LoginForm.error_messages["invalid_login"])
    assert page.locator(".message-error[role=alert]").inner_text() == expected
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/login/?next=/"
    assert page.locator("[data-testid=user-menu]").count() == 0


def test_logout_from_user_menu(page, live_server, dean_chemistry):
    login(page, live_server, "dean_chem")
    logout = page.locator("[data-testid=logout]")
    assert not logout.is_visible()
    page.click("[data-testid=user-menu]")
    assert logout.is_visible()
    with page.expect_navigation():
        logout.click()
    assert page.url == f"{live_server.url}/login/"
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/login/?next=/"
    assert page.locator("#id_username").is_visible()


def test_role_switch_changes_scope(page, live_server, uni, dean_chemistry):
    econ_grant = f.grant(dean_chemistry, "dean", uni["econ"])
    login(page, live_server, "dean_chem")
    acting_as = page.locator("[data-testid=acting-as]")
    assert "Kimyo texnologiyasi fakulteti" in acting_as.inner_text()
    with page.expect_navigation():
        page.select_option("#role-select", f"g{econ_grant.pk}")
    assert page.url == f"{live_server.url}/"
    assert "Iqtisodiyot fakulteti" in acting_as.inner_text()
    assert "Kimyo texnologiyasi fakulteti" not in acting_as.inner_text()
    assert page.locator("#role-select").input_value() == f"g{econ_grant.pk}"
    page.goto(f"{live_server.url}/profile/")
    assert page.locator("#role-select").input_value() == f"g{econ_grant.pk}"
