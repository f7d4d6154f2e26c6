"""Issue 3, done-when: the super administrator grants the dean role for one faculty to a user; the user
switches to it and sees that faculty only; the journal shows both actions."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hemis.testing import factories as f
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def test_granted_dean_switches_role_and_sees_only_that_faculty(page, live_server, uni, superadmin):
    # Students in both faculties first: the economics ones must not leak to the chemistry dean.
    for _ in range(3):
        f.StudentFactory(group=uni["chem_group"])
    for _ in range(5):
        f.StudentFactory(group=uni["econ_group"])
    teacher = f.UserFactory(username="z.karimova", first_name="Zarina", last_name="Karimova")
    f.grant(teacher, "teacher", uni["inorganic"])

    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/users/{teacher.pk}/")
    page.select_option("#id_role", "dean")
    page.select_option("#id_org_unit", str(uni["chem"].pk))
    with page.expect_navigation():
        page.click("form[action$='/grants/'] button[type=submit]")
    grants = page.locator("[data-testid=grants]").inner_text()
    assert "Kimyo texnologiyasi fakulteti" in grants
    page.context.clear_cookies()

    login(page, live_server, "z.karimova")
    dean_key = page.locator("#role-select option", has_text="Kimyo texnologiyasi fakulteti").get_attribute(
        "value"
    )
    with page.expect_navigation():
        page.select_option("#role-select", dean_key)
    assert "Kimyo texnologiyasi fakulteti" in page.locator("[data-testid=acting-as]").inner_text()
    figures = dict(
        zip(
            page.locator(".figure-label").all_inner_texts(),
            page.locator(".figure-value").all_inner_texts(),
            strict=True,
        )
    )
    assert figures[uz("Students studying")] == "3"
    assert figures[uz("Academic groups")] == "1"
    page.context.clear_cookies()

    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/journal/")
    journal = page.locator("main").inner_text()
    assert "access.grant.created" in journal
    assert "auth.role_switched" in journal
    assert "z.karimova" in journal
