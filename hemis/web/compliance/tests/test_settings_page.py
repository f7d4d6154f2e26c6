"""The university settings page (annex 1 item 1) and the language switchers it drives."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings

URL = reverse("web:compliance_settings")


@pytest.fixture
def settings_row(db):
    return UniversitySettings.objects.create(
        name_uz="Toshkent kimyo-texnologiya instituti",
        study_week=6,
        languages=["uz", "ru", "en"],
    )


def form_data(**overrides):
    data = {
        "name_uz": "Toshkent kimyo-texnologiya instituti",
        "name_ru": "Ташкентский химико-технологический институт",
        "name_en": "Tashkent Institute of Chemical Technology",
        "hemis_code": "331",
        "launch_date": "26.12.2025",
        "languages": ["uz", "ru", "en"],
        "study_week": "5",
        "gpa_method": "credit_weighted",
        "gpa_method_decided_on": "05.01.2026",
        "gpa_scope": "all",
        "gpa_transfer_threshold": "2.6",
        "grade_lock_days": "3",
        "bar_absence_percent": "30",
        "staff_entry_days": "3",
        "sync_enabled": "on",
        "api_base_url": "https://hemis.edu.uz/rest/v1",
        "organisation_code": "331",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_super_admin_sees_the_current_settings(client, superadmin, settings_row):
    client.force_login(superadmin)
    page = client.get(URL)
    html = page.content.decode()
    assert 'value="Toshkent kimyo-texnologiya instituti"' in html
    assert page.context["form"].initial["languages"] == ["uz", "ru", "en"]
    assert page.context["form"].initial["study_week"] == 6


def test_super_admin_saves_the_settings(client, superadmin, settings_row):
    client.force_login(superadmin)
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == URL
    settings_row.refresh_from_db()
    assert settings_row.study_week == 5
    assert settings_row.launch_date == dt.date(2025, 12, 26)
    assert settings_row.gpa_method == "credit_weighted"
    assert (settings_row.gpa_scope, str(settings_row.gpa_transfer_threshold)) == ("all", "2.60")
    assert (settings_row.grade_lock_days, settings_row.bar_absence_percent) == (3, 30)
    assert settings_row.gpa_method_decided_on == dt.date(2026, 1, 5)
    assert settings_row.gpa_method_set_on is not None
    assert settings_row.name_en == "Tashkent Institute of Chemical Technology"
    assert settings_row.integration == {
        "sync_enabled": True,
        "api_base_url": "https://hemis.edu.uz/rest/v1",
        "organisation_code": "331",
    }
    event = AuditEvent.objects.get(action="core.settings.updated")
    assert event.actor == superadmin
    assert event.data["before"]["study_week"] == 6
    assert event.data["after"]["study_week"] == 5


def test_unchecking_uzbek_is_refused_and_nothing_changes(client, superadmin, settings_row):
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    before = UniversitySettings.objects.values().get()
    page = client.post(URL, form_data(languages=["ru", "en"]))
    assert page.status_code == 200
    assert page.context["form"].errors["languages"] == ["Uzbek must stay enabled."]
    assert UniversitySettings.objects.values().get() == before
    assert not AuditEvent.objects.filter(action="core.settings.updated").exists()


def test_sync_without_address_is_refused_on_the_field(client, superadmin, settings_row):
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    page = client.post(URL, form_data(api_base_url=""))
    assert page.context["form"].errors["sync_enabled"] == [
        "Synchronisation needs the central API address and the organisation code."
    ]
    settings_row.refresh_from_db()
    assert settings_row.study_week == 6


@pytest.mark.parametrize("persona", ["dean_chemistry", "rector"])
def test_others_are_refused_and_nothing_changes(client, request, settings_row, persona):
    client.force_login(request.getfixturevalue(persona))
    before = UniversitySettings.objects.values().get()
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert UniversitySettings.objects.values().get() == before
    assert not AuditEvent.objects.filter(action="core.settings.updated").exists()


def test_nav_shows_settings_only_to_the_super_admin(client, superadmin, rector, settings_row):
    client.force_login(superadmin)
    assert URL in client.get(reverse("web:home")).content.decode()
    client.force_login(rector)
    assert URL not in client.get(reverse("web:home")).content.decode()


def test_switchers_list_only_enabled_languages(client, superadmin, settings_row):
    settings_row.languages = ["uz", "en"]
    settings_row.save()
    login_page = client.get(reverse("web:login")).content.decode()
    assert 'name="language" value="uz"' in login_page
    assert 'name="language" value="en"' in login_page
    assert 'value="ru"' not in login_page
    client.force_login(superadmin)
    home = client.get(reverse("web:home")).content.decode()
    assert '<option value="uz"' in home and '<option value="en"' in home
    assert '<option value="ru"' not in home


def test_switchers_list_every_language_until_the_university_chooses(client, db):
    login_page = client.get(reverse("web:login")).content.decode()
    for code in ("uz", "ru", "en"):
        assert f'name="language" value="{code}"' in login_page
    assert not UniversitySettings.objects.exists()  # the login page does not write
