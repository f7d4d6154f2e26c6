"""The top bar's language switcher and the phone layout, in a real browser."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#lang-select", code)


def assert_language(page, code: str) -> None:
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("#lang-select").input_value() == code


def test_language_switch_uz_ru_en_persists(page, live_server, dean_chemistry):
    login(page, live_server, "dean_chem")
    assert_language(page, "uz")
    switch_language(page, "ru")
    assert page.url == f"{live_server.url}/"
    assert_language(page, "ru")
    page.goto(f"{live_server.url}/password/")
    assert_language(page, "ru")
    assert page.locator("label[for=id_old_password]").inner_text() == "Старый пароль *"
    with translation.override("ru"):
        assert page.locator("nav.sidebar").inner_text().splitlines()[1] == gettext("My profile")
    switch_language(page, "en")
    assert page.url == f"{live_server.url}/password/"
    assert_language(page, "en")
    assert page.locator("label[for=id_old_password]").inner_text() == "Old password *"
    page.goto(f"{live_server.url}/")
    assert_language(page, "en")
    assert page.locator("nav.sidebar").inner_text().splitlines()[:2] == ["Home", "My profile"]
    page.click("[data-testid=user-menu]")
    assert page.locator("[data-testid=logout]").inner_text() == "Log out"
    assert page.get_by_role("link", name="My profile", exact=True).first.is_visible()


def test_phone_sidebar_opens_with_burger(page, live_server, dean_chemistry):
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, "dean_chem")
    sidebar_links = page.locator("nav.sidebar a")
    burger = page.locator(".nav-burger")
    assert burger.is_visible()
    assert sidebar_links.count() >= 2
    assert not any(link.is_visible() for link in sidebar_links.all())
    burger.click()
    assert all(link.is_visible() for link in sidebar_links.all())
    with page.expect_navigation():
        sidebar_links.nth(1).click()
    assert page.url == f"{live_server.url}/profile/"


def test_desktop_shows_sidebar_without_burger(page, live_server, dean_chemistry):
    login(page, live_server, "dean_chem")
    assert not page.locator(".nav-burger").is_visible()
    assert all(link.is_visible() for link in page.locator("nav.sidebar a").all())
