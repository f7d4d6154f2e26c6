"""Due dates of the rules on known calendars (the worked examples of MACHINE-NOTES.md)."""

import datetime as dt

import pytest
from django.utils import translation

from hemis.compliance.rules import (
    After,
    Before,
    Continuous,
    LastWorkingDaysOfMonth,
    MonthlyBy,
    OnDemand,
    QuarterStart,
    SameDay,
)
from hemis.core.calendar import WorkingCalendar

D = dt.date
FIVE = WorkingCalendar(study_week=5, overrides={})
SIX = WorkingCalendar(study_week=6, overrides={})


def test_after_counts_working_days_over_the_new_year():
    # 31.12.2025 and 02.01.2026 are decree days off, 01.01 is a holiday: the fifth working day is 07.01.
    assert After("launch", 5).due(D(2025, 12, 26), FIVE) == D(2026, 1, 7)
    assert After("order", 3).due(D(2024, 12, 31), FIVE) == D(2025, 1, 6)


def test_after_in_a_six_day_week_counts_saturdays():
    assert After("launch", 5).due(D(2025, 12, 26), SIX) == D(2026, 1, 5)


def test_after_one_day_from_a_friday_is_monday():
    assert After("launch", 1).due(D(2025, 12, 26), FIVE) == D(2025, 12, 29)


def test_after_respects_local_overrides():
    extra_day_off = WorkingCalendar(study_week=5, overrides={D(2025, 12, 29): False})
    assert After("launch", 1).due(D(2025, 12, 26), extra_day_off) == D(2025, 12, 30)


def test_before_counts_back():
    assert Before("semester_start", 10).due(D(2026, 1, 5), FIVE) == D(2025, 12, 17)
    assert Before("semester_start", 1).due(D(2026, 1, 5), FIVE) == D(2025, 12, 30)


def test_same_day_is_the_event_day():
    assert SameDay("lesson").due(D(2026, 1, 6), FIVE) == D(2026, 1, 6)


def test_monthly_by_day_of_the_events_month():
    assert MonthlyBy(26).due(D(2026, 3, 2), FIVE) == D(2026, 3, 26)
    assert MonthlyBy(31).due(D(2026, 2, 10), FIVE) == D(2026, 2, 28)


def test_last_working_days_of_month():
    rule = LastWorkingDaysOfMonth(5)
    # 31.01.2026 is a Saturday: the last working day is Friday 30.01; the window opens on 26.01.
    assert rule.due(D(2026, 1, 9), FIVE) == D(2026, 1, 30)
    assert rule.window_start(D(2026, 1, 9), FIVE) == D(2026, 1, 26)
    assert rule.due(D(2026, 1, 9), SIX) == D(2026, 1, 31)


def test_quarter_start_is_the_first_working_day_of_the_quarter():
    # 01.01 holiday, 02.01 decree day off, 03–04.01 weekend in a 5-day week.
    assert QuarterStart().due(D(2026, 2, 15), FIVE) == D(2026, 1, 5)
    assert QuarterStart().due(D(2026, 2, 15), SIX) == D(2026, 1, 3)
    assert QuarterStart().due(D(2026, 11, 30), FIVE) == D(2026, 10, 2)  # 01.10 is Teachers' Day


def test_continuous_and_on_demand_fix_no_date():
    assert Continuous().due(D(2026, 1, 5), FIVE) is None
    assert OnDemand().due(D(2026, 1, 5), FIVE) is None


def test_unknown_event_is_refused():
    with pytest.raises(ValueError, match="unknown event"):
        After("lunch", 1)


@pytest.mark.parametrize(
    ("rule", "text", "english"),
    [
        (After("launch", 1), "after(launch, 1)", "Within 1 working day after the system launch"),
        (After("order", 3), "after(order, 3)", "Within 3 working days after the order"),
        (
            Before("semester_start", 10),
            "before(semester_start, 10)",
            "At least 10 working days before the semester start",
        ),
        (SameDay("lesson"), "same_day", "By the end of the day of the lesson"),
        (MonthlyBy(26), "monthly_by(26)", "Every month by day 26"),
        (LastWorkingDaysOfMonth(5), "last_wd_of_month(5)", "In the last 5 working days of every month"),
        (QuarterStart(), "quarter_start", "At the start of every quarter"),
        (Continuous(), "continuous", "Continuously"),
        (OnDemand(), "on_demand", "On demand"),
    ],
)
def test_text_and_description(rule, text, english):
    assert rule.text == text
    with translation.override("en"):
        assert rule.description() == english


def test_rules_are_immutable():
    rule = After("launch", 1)
    with pytest.raises(AttributeError):
        rule.days = 2
