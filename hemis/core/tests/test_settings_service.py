"""update_university_settings: validates, saves only what changed, audits before/after."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hemis.audit.models import AuditEvent
from hemis.core.models import GpaMethod, GpaScope, UniversitySettings
from hemis.core.services import update_university_settings

D = dt.date


@pytest.fixture
def university(db):
    return UniversitySettings.objects.create(
        name_uz="Toshkent kimyo-texnologiya instituti",
        study_week=6,
        languages=["uz", "ru", "en"],
        integration={"sync_enabled": False, "api_base_url": "", "organisation_code": "", "legacy": 1},
    )


def snapshot() -> dict:
    return UniversitySettings.objects.values().get()


def events():
    return AuditEvent.objects.filter(action="core.settings.updated")


def test_changes_are_saved_and_audited_with_before_and_after(university, superadmin):
    update_university_settings(
        actor=superadmin,
        name_uz="Toshkent kimyo-texnologiya instituti",  # unchanged: neither saved nor audited
        study_week=5,
        launch_date=D(2025, 12, 26),
        languages=["en", "uz"],
    )
    university.refresh_from_db()
    assert (university.study_week, university.launch_date, university.languages) == (
        5,
        D(2025, 12, 26),
        ["uz", "en"],
    )
    event = events().get()
    assert event.actor == superadmin
    assert event.target_id == str(university.pk)
    assert event.data == {
        "before": {"study_week": 6, "launch_date": None, "languages": ["uz", "ru", "en"]},
        "after": {"study_week": 5, "launch_date": "2025-12-26", "languages": ["uz", "en"]},
    }


def test_nothing_changed_writes_nothing(university, superadmin):
    before = snapshot()
    update_university_settings(actor=superadmin, study_week=6, languages=["uz", "ru", "en"])
    assert snapshot() == before
    assert not events().exists()


def test_disabling_uzbek_is_refused_and_nothing_changes(university, superadmin):
    before = snapshot()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        update_university_settings(actor=superadmin, study_week=5, languages=["ru", "en"])
    assert error.value.message_dict == {"languages": ["Uzbek must stay enabled."]}
    assert snapshot() == before
    assert not events().exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"languages": ["uz", "de"]}, "languages"),
        ({"study_week": 7}, "study_week"),
        ({"gpa_method": "median"}, "gpa_method"),
        ({"staff_entry_days": 5}, "staff_entry_days"),
        ({"name_uz": ""}, "name_uz"),
        ({"integration": {"api_base_url": "ftp://hemis.edu.uz"}}, "api_base_url"),
        ({"integration": {"sync_enabled": True}}, "sync_enabled"),
        ({"integration": {"password": "x"}}, "integration"),
        ({"gpa_method_set_on": D(2026, 1, 1)}, "gpa_method_set_on"),
        ({"gpa_scope": "decade"}, "gpa_scope"),
        ({"gpa_transfer_threshold": Decimal("5.01")}, "gpa_transfer_threshold"),
        ({"gpa_transfer_threshold": Decimal("-0.1")}, "gpa_transfer_threshold"),
        ({"grade_lock_days": 0}, "grade_lock_days"),
        ({"bar_absence_percent": 101}, "bar_absence_percent"),
    ],
)
def test_invalid_input_names_the_field_and_changes_nothing(university, superadmin, changes, field):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        update_university_settings(actor=superadmin, launch_date=D(2025, 12, 26), **changes)
    assert list(error.value.message_dict) == [field]
    assert snapshot() == before
    assert not events().exists()


def test_setting_the_gpa_method_records_the_day(university, superadmin):
    update_university_settings(actor=superadmin, gpa_method=GpaMethod.CREDIT_WEIGHTED)
    university.refresh_from_db()
    today = timezone.localdate(timezone=ZoneInfo("Asia/Tashkent"))
    assert university.gpa_method_set_on == today
    assert events().get().data == {
        "before": {"gpa_method": "", "gpa_method_set_on": None},
        "after": {"gpa_method": "credit_weighted", "gpa_method_set_on": today.isoformat()},
    }


def test_the_same_gpa_method_again_keeps_its_day(university, superadmin):
    university.gpa_method = GpaMethod.SIMPLE_AVERAGE
    university.gpa_method_set_on = D(2026, 1, 6)
    university.save()
    update_university_settings(
        actor=superadmin, gpa_method=GpaMethod.SIMPLE_AVERAGE, gpa_method_decided_on=D(2026, 1, 5)
    )
    university.refresh_from_db()
    assert university.gpa_method_set_on == D(2026, 1, 6)
    assert events().get().data["after"] == {"gpa_method_decided_on": "2026-01-05"}


def test_the_gpa_scope_and_threshold_of_the_council_decision_record_the_day(university, superadmin):
    """Annex 1 item 7: the scope (one year / all years) and the transfer threshold are the GPA method too."""
    university.gpa_method = GpaMethod.CREDIT_WEIGHTED
    university.gpa_method_set_on = D(2026, 1, 6)
    university.save()
    update_university_settings(
        actor=superadmin, gpa_scope=GpaScope.ALL_YEARS, gpa_transfer_threshold=Decimal("2.6")
    )
    university.refresh_from_db()
    today = timezone.localdate(timezone=ZoneInfo("Asia/Tashkent"))
    assert (university.gpa_scope, university.gpa_transfer_threshold) == ("all", Decimal("2.60"))
    assert university.gpa_method_set_on == today
    assert events().get().data["before"] == {
        "gpa_scope": "year",
        "gpa_transfer_threshold": "2.40",
        "gpa_method_set_on": "2026-01-06",
    }


def test_the_grade_lock_and_absence_bar_do_not_touch_the_gpa_day(university, superadmin):
    update_university_settings(actor=superadmin, grade_lock_days=3, bar_absence_percent=30)
    university.refresh_from_db()
    assert (university.grade_lock_days, university.bar_absence_percent) == (3, 30)
    assert university.gpa_method_set_on is None


def test_integration_settings_merge_and_keep_other_keys(university, superadmin):
    update_university_settings(
        actor=superadmin,
        integration={
            "sync_enabled": True,
            "api_base_url": "https://hemis.edu.uz/rest/v1",
            "organisation_code": "331",
        },
    )
    university.refresh_from_db()
    assert university.integration == {
        "sync_enabled": True,
        "api_base_url": "https://hemis.edu.uz/rest/v1",
        "organisation_code": "331",
        "legacy": 1,
    }


def test_settings_row_is_created_when_missing(db, superadmin):
    update_university_settings(actor=superadmin, name_uz="Yangi universitet")
    assert UniversitySettings.objects.get().name_uz == "Yangi universitet"
    assert events().count() == 1
