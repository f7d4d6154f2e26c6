"""The Unilibrary address on the university settings page (annex 13 item 8): set by the super
administrator, an http(s) address only, empty gives back the default."""

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings
from hemis.web.compliance.tests.test_settings_page import form_data

URL = reverse("web:compliance_settings")


@pytest.fixture
def settings_row(db):
    return UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", study_week=6)


def test_the_default_is_the_national_library(settings_row):
    assert settings_row.unilibrary_url == "https://unilibrary.uz"


def test_super_admin_sets_the_unilibrary_address(client, superadmin, settings_row):
    client.force_login(superadmin)
    assert 'value="https://unilibrary.uz"' in client.get(URL).content.decode()
    response = client.post(URL, form_data(unilibrary_url="https://unilibrary.uz/ttkti"))
    assert response.status_code == 302
    settings_row.refresh_from_db()
    assert settings_row.unilibrary_url == "https://unilibrary.uz/ttkti"
    event = AuditEvent.objects.get(action="core.settings.updated")
    assert event.data["after"]["unilibrary_url"] == "https://unilibrary.uz/ttkti"


def test_an_empty_address_restores_the_default(client, superadmin, settings_row):
    UniversitySettings.objects.update(unilibrary_url="https://kutubxona.example.uz")
    client.force_login(superadmin)
    client.post(URL, form_data(unilibrary_url=""))
    settings_row.refresh_from_db()
    assert settings_row.unilibrary_url == "https://unilibrary.uz"


def test_a_non_web_address_is_refused(client, superadmin, settings_row):
    client.force_login(superadmin)
    page = client.post(URL, form_data(unilibrary_url="ftp://unilibrary.uz"))
    assert page.status_code == 200
    assert page.context["form"].errors["unilibrary_url"]
    settings_row.refresh_from_db()
    assert settings_row.unilibrary_url == "https://unilibrary.uz"


def test_others_cannot_change_it(client, dean_chemistry, settings_row):
    client.force_login(dean_chemistry)
    assert client.post(URL, form_data(unilibrary_url="https://evil.example")).status_code == 403
    settings_row.refresh_from_db()
    assert settings_row.unilibrary_url == "https://unilibrary.uz"
