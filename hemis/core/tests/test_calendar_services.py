"""Calendar overrides: added and removed by the super administrator, audited, one per date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.audit.models import AuditEvent
from hemis.core import services
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import CalendarOverride, UniversitySettings

MONDAY = dt.date(2026, 11, 23)


def test_add_override_is_audited_and_obeyed(superadmin):
    UniversitySettings.objects.all().delete()
    UniversitySettings.objects.create(study_week=5)
    override = services.add_override(
        date=MONDAY, is_working_day=False, reason="  Rektor buyrugʻi 45-U  ", actor=superadmin
    )
    assert (override.date, override.is_working_day, override.reason) == (
        MONDAY,
        False,
        "Rektor buyrugʻi 45-U",
    )
    assert override.created_by == superadmin
    assert WorkingCalendar().is_working_day(MONDAY) is False
    event = AuditEvent.objects.get(action="core.calendar_override.created")
    assert (event.actor, event.target_id) == (superadmin, str(override.pk))
    assert event.data["after"] == {
        "date": "2026-11-23",
        "is_working_day": False,
        "reason": "Rektor buyrugʻi 45-U",
        "timetable_weekday": None,
    }


def test_an_extra_working_saturday_runs_the_weekday_its_override_names(superadmin):
    UniversitySettings.objects.all().delete()
    UniversitySettings.objects.create(study_week=5)
    saturday = dt.date(2026, 11, 28)
    services.add_override(
        date=saturday, is_working_day=True, reason="Buyruq 46-U", timetable_weekday=3, actor=superadmin
    )
    day_off = services.add_override(
        date=MONDAY, is_working_day=False, reason="Buyruq 47-U", timetable_weekday=2, actor=superadmin
    )
    calendar = WorkingCalendar()
    assert calendar.timetable_weekday(saturday) == 3
    # A day off runs no timetable, and keeps no weekday to run.
    assert (calendar.timetable_weekday(MONDAY), day_off.timetable_weekday) == (None, None)


def test_add_override_refuses_a_second_override_of_the_date(superadmin):
    services.add_override(date=MONDAY, is_working_day=False, reason="Buyruq 45-U", actor=superadmin)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.add_override(date=MONDAY, is_working_day=True, reason="Boshqa", actor=superadmin)
    assert exc.value.message_dict == {"date": ["23.11.2026 already has an override; delete it first."]}
    assert list(CalendarOverride.objects.values_list("date", "is_working_day", "reason")) == [
        (MONDAY, False, "Buyruq 45-U")
    ]
    assert AuditEvent.objects.filter(action="core.calendar_override.created").count() == 1


def test_add_override_requires_a_reason(superadmin):
    with pytest.raises(ValidationError) as exc:
        services.add_override(date=MONDAY, is_working_day=False, reason="   ", actor=superadmin)
    assert list(exc.value.message_dict) == ["reason"]
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()


def test_remove_override_is_audited(superadmin):
    override = services.add_override(
        date=dt.date(2026, 11, 22), is_working_day=True, reason="Subbotnik", actor=superadmin
    )
    pk = override.pk
    services.remove_override(override=override, actor=superadmin)
    assert not CalendarOverride.objects.exists()
    event = AuditEvent.objects.get(action="core.calendar_override.deleted")
    assert event.target_id == str(pk)
    assert event.data["before"] == {
        "date": "2026-11-22",
        "is_working_day": True,
        "reason": "Subbotnik",
        "timetable_weekday": None,
    }
