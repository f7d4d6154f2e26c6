"""The working-day calendar page: a month, its overrides, and the super administrator's forms."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.core.models import CalendarOverride, UniversitySettings
from hemis.testing import factories as f

PAGE = reverse("web:reference_calendar")
ADD = reverse("web:reference_override_add")


def _user(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return user


@pytest.fixture
def five_day_week(db):
    UniversitySettings.objects.all().delete()
    return UniversitySettings.objects.create(study_week=5)


def _cell(response, day: dt.date):
    return next(d for d in response.context["month"].days if d.date == day)


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [
        ("super_admin", True, True),
        ("management", True, False),
        ("academic", True, False),
        ("hr", False, False),
        ("dean", False, False),
        ("teacher", False, False),
    ],
)
def test_calendar_policy(db, role, view, edit):
    principal = build_principal(_user(role), None)
    assert policy.can(principal, "calendar.view") is view
    assert policy.can(principal, "calendar.edit") is edit


def test_month_view_shows_holidays_working_saturdays_and_overrides(client, five_day_week, rector, superadmin):
    CalendarOverride.objects.create(
        date=dt.date(2026, 12, 14), is_working_day=False, reason="Rektor buyrugʻi 7-U"
    )
    client.force_login(rector)
    client.cookies["hemis_language"] = "en"
    response = client.get(PAGE, {"month": "2026-12"})
    assert response.status_code == 200
    month = response.context["month"]
    assert month.first == dt.date(2026, 12, 1)
    assert len(month.days) == 31
    assert month.working_days == 21  # 23 weekdays, +12.12 (Saturday), −08.12, −31.12, −14.12 (override)
    constitution = _cell(response, dt.date(2026, 12, 8))
    assert (constitution.working, constitution.holiday) == (False, "Constitution Day")
    saturday = _cell(response, dt.date(2026, 12, 12))
    assert (saturday.working, saturday.weekend, saturday.holiday) == (True, True, None)
    assert _cell(response, dt.date(2026, 12, 14)).override.reason == "Rektor buyrugʻi 7-U"
    assert month.weeks[0][:2] == [None, _cell(response, dt.date(2026, 12, 1))]  # starts on a Tuesday
    text = response.content.decode()
    assert "transferred working day" in text
    assert "14.12.2026" in text
    assert 'data-testid="add-override"' not in text


def test_month_parameter_falls_back_to_the_current_month(client, five_day_week, rector):
    client.force_login(rector)
    for value in ("", "2026-13", "yesterday", "1900-01"):
        assert client.get(PAGE, {"month": value}).context["month"].first.day == 1
    assert client.get(PAGE, {"month": "2026-13"}).context["month"].first.year >= 2026


@pytest.mark.parametrize("role", ["hr", "dean", "teacher"])
def test_page_is_refused_to_other_roles(client, uni, role):
    client.force_login(_user(role, uni["chem"] if role == "dean" else None))
    assert client.get(PAGE).status_code == 403
    home = client.get(reverse("web:home"))
    assert PAGE not in [item["url"] for item in home.context["nav_items"]]


def test_page_is_in_the_menu_of_management(client, five_day_week, rector):
    client.force_login(rector)
    assert PAGE in [item["url"] for item in client.get(reverse("web:home")).context["nav_items"]]


@pytest.mark.parametrize("count", [1, 3])
def test_page_query_count_does_not_grow(client, five_day_week, superadmin, django_assert_num_queries, count):
    for n in range(count):
        CalendarOverride.objects.create(
            date=dt.date(2026, 3, 2 + n), is_working_day=False, reason=f"Buyruq {n}", created_by=superadmin
        )
    client.force_login(superadmin)
    with django_assert_num_queries(8):
        response = client.get(PAGE, {"month": "2026-03"})
    assert [o.reason for o in response.context["overrides"]] == [f"Buyruq {n}" for n in range(count)]
    assert sum(d.override is not None for d in response.context["month"].days) == count


def test_superadmin_adds_an_override_and_the_month_changes(client, five_day_week, superadmin):
    client.force_login(superadmin)
    assert 'data-testid="add-override"' in client.get(PAGE).content.decode()
    response = client.post(ADD, {"date": "2026-11-29", "is_working_day": "1", "reason": "Subbotnik"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?month=2026-11"
    override = CalendarOverride.objects.get()
    assert (override.date, override.is_working_day, override.created_by) == (
        dt.date(2026, 11, 29),
        True,
        superadmin,
    )
    page = client.get(response["Location"])
    assert _cell(page, dt.date(2026, 11, 29)).working is True
    assert AuditEvent.objects.filter(action="core.calendar_override.created", actor=superadmin).count() == 1


def test_an_extra_working_day_may_run_another_weekdays_timetable(client, five_day_week, superadmin):
    client.force_login(superadmin)
    response = client.post(
        ADD, {"date": "2026-11-28", "is_working_day": "1", "timetable_weekday": "3", "reason": "Buyruq 46-U"}
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert (override.date, override.timetable_weekday) == (dt.date(2026, 11, 28), 3)


def test_duplicate_date_is_shown_on_the_date_field(client, five_day_week, superadmin):
    CalendarOverride.objects.create(date=dt.date(2026, 11, 23), is_working_day=False, reason="Buyruq 1")
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    response = client.post(ADD, {"date": "23.11.2026", "is_working_day": "1", "reason": "Boshqa"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "date": ["23.11.2026 already has an override; delete it first."]
    }
    assert list(CalendarOverride.objects.values_list("is_working_day", "reason")) == [(False, "Buyruq 1")]


def test_superadmin_deletes_an_override(client, five_day_week, superadmin):
    override = CalendarOverride.objects.create(
        date=dt.date(2026, 11, 23), is_working_day=False, reason="Buyruq"
    )
    client.force_login(superadmin)
    response = client.post(reverse("web:reference_override_delete", kwargs={"pk": override.pk}))
    assert response["Location"] == f"{PAGE}?month=2026-11"
    assert not CalendarOverride.objects.exists()
    assert AuditEvent.objects.filter(action="core.calendar_override.deleted").count() == 1


@pytest.mark.parametrize("role", ["management", "academic"])
def test_viewers_cannot_add_or_delete_overrides(client, five_day_week, role):
    override = CalendarOverride.objects.create(
        date=dt.date(2026, 11, 23), is_working_day=False, reason="Buyruq"
    )
    client.force_login(_user(role))
    assert client.post(ADD, {"date": "2026-11-24", "is_working_day": "0", "reason": "X"}).status_code == 403
    delete = reverse("web:reference_override_delete", kwargs={"pk": override.pk})
    assert client.post(delete).status_code == 403
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [dt.date(2026, 11, 23)]
    assert not AuditEvent.objects.filter(action__startswith="core.calendar_override").exists()
