"""The working-day calendar: properties of its arithmetic (hypothesis) and worked examples."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from hemis.core import calendar
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import CalendarOverride, UniversitySettings

D = dt.date
FIRST, LAST = D(2020, 1, 1), D(2030, 12, 31)

days = st.dates(min_value=FIRST, max_value=LAST)
counts = st.integers(min_value=-250, max_value=250)
overrides = st.dictionaries(days, st.booleans(), max_size=5)


@st.composite
def calendars(draw):
    return WorkingCalendar(study_week=draw(st.sampled_from([5, 6])), overrides=draw(overrides))


FAST = settings(max_examples=200, deadline=None)


def brute_count(cal: WorkingCalendar, first: dt.date, last: dt.date) -> int:
    return sum(cal.is_working_day(first + dt.timedelta(days=i)) for i in range((last - first).days + 1))


@FAST
@given(calendars(), days, counts)
def test_add_then_count_round_trips(cal, day, n):
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@FAST
@given(calendars(), days, counts.filter(bool))
def test_add_lands_on_a_working_day(cal, day, n):
    assert cal.is_working_day(cal.add_working_days(day, n))


@FAST
@given(calendars(), days)
def test_add_zero_is_the_day_itself(cal, day):
    assert cal.add_working_days(day, 0) == day
    assert cal.working_days_between(day, day) == 0


@FAST
@given(calendars(), days, counts, counts)
def test_add_is_strictly_monotonic_in_n(cal, day, a, b):
    a, b = sorted((a, b))
    if a < b:
        assert cal.add_working_days(day, a) < cal.add_working_days(day, b)


@FAST
@given(calendars(), days, st.integers(min_value=0, max_value=40), counts)
def test_add_is_monotonic_in_the_start_day(cal, day, gap, n):
    later = day + dt.timedelta(days=gap)
    assert cal.add_working_days(day, n) <= cal.add_working_days(later, n)


@FAST
@given(
    calendars(),
    days,
    st.integers(min_value=0, max_value=150),
    st.integers(min_value=0, max_value=150),
    st.booleans(),
)
def test_add_composes_for_steps_of_one_sign(cal, day, a, b, backwards):
    if backwards:
        a, b = -a, -b
    assert cal.add_working_days(cal.add_working_days(day, a), b) == cal.add_working_days(day, a + b)


@FAST
@given(calendars(), days, counts)
def test_negative_steps_mirror_positive_ones_from_a_working_day(cal, day, n):
    start = cal.add_working_days(day, 1)  # a working day
    assert cal.add_working_days(cal.add_working_days(start, n), -n) == start
    assert cal.add_working_days(start, -abs(n)) <= start <= cal.add_working_days(start, abs(n))


@FAST
@given(calendars(), days, days)
def test_count_matches_a_day_by_day_count(cal, a, b):
    if a <= b:
        expected = brute_count(cal, a + dt.timedelta(days=1), b)
    else:
        expected = -brute_count(cal, b, a - dt.timedelta(days=1))
    assert cal.working_days_between(a, b) == expected


@FAST
@given(st.sampled_from([5, 6]), days, counts.filter(bool), st.booleans())
def test_an_override_is_obeyed(study_week, day, n, working):
    cal = WorkingCalendar(study_week=study_week, overrides={day: working})
    assert cal.is_working_day(day) is working
    if not working:
        assert cal.add_working_days(day - dt.timedelta(days=1), 1) != day


# --- worked examples -----------------------------------------------------------------------------

FIVE = WorkingCalendar(study_week=5, overrides={})
SIX = WorkingCalendar(study_week=6, overrides={})


def test_new_year_in_a_five_day_week():
    assert FIVE.add_working_days(D(2025, 12, 26), 5) == D(2026, 1, 7)
    assert FIVE.add_working_days(D(2024, 12, 31), 3) == D(2025, 1, 6)
    assert FIVE.working_days_between(D(2025, 12, 26), D(2026, 1, 7)) == 5
    assert FIVE.add_working_days(D(2026, 1, 7), -5) == D(2025, 12, 26)


def test_new_year_in_a_six_day_week():
    # 27.12 Sat, 29.12 Mon, 30.12 Tue, 03.01 Sat, 05.01 Mon: 31.12, 01.01 and 02.01 are days off.
    assert SIX.add_working_days(D(2025, 12, 26), 5) == D(2026, 1, 5)


def test_transferred_working_saturday_in_a_five_day_week():
    assert FIVE.is_working_day(D(2026, 12, 12)) is True
    assert FIVE.is_weekend(D(2026, 12, 12)) is True
    assert FIVE.is_working_day(D(2026, 12, 13)) is False
    assert FIVE.is_working_day(D(2026, 12, 31)) is False
    assert FIVE.holiday_name(D(2026, 12, 31), "uz") == "Dam olish kuni (12/12 2026 dan koʻchirilgan)"


def test_a_transferred_working_day_runs_the_timetable_of_the_day_it_replaces():
    # 12.12.2026 (a Saturday) is worked in a 5-day week for Thursday 31.12.2026, a day off.
    assert FIVE.timetable_weekday(D(2026, 12, 12)) == 4
    assert FIVE.timetable_weekday(D(2026, 12, 31)) is None
    assert FIVE.timetable_weekday(D(2026, 12, 11)) == 5
    # In a 6-day week that Saturday is an ordinary Saturday.
    assert SIX.timetable_weekday(D(2026, 12, 12)) == 6
    # A local override of the transferred day wins over the national transfer.
    local = WorkingCalendar(
        study_week=5, overrides={D(2026, 12, 12): True}, timetable_weekdays={D(2026, 12, 12): 1}
    )
    assert local.timetable_weekday(D(2026, 12, 12)) == 1


def test_navroz_is_a_holiday():
    assert FIVE.is_working_day(D(2025, 3, 21)) is False  # a Friday
    assert SIX.is_working_day(D(2026, 3, 21)) is False  # a Saturday, working in a 6-day week otherwise
    assert FIVE.holiday_name(D(2025, 3, 21), "uz") == "Navroʻz bayrami"
    assert FIVE.holiday_name(D(2025, 3, 21), "en") == "Nowruz"
    assert FIVE.holiday_name(D(2025, 3, 21), "ru") == "Navroʻz bayrami"  # no Russian names: Uzbek
    assert FIVE.holiday_name(D(2025, 3, 24), "uz") is None


def test_ordinary_saturday_depends_on_the_study_week():
    saturday = D(2026, 11, 28)
    assert SIX.is_working_day(saturday) is True
    assert FIVE.is_working_day(saturday) is False
    assert SIX.is_weekend(saturday) is False
    assert SIX.is_working_day(D(2026, 11, 29)) is False  # Sunday
    assert SIX.add_working_days(D(2026, 11, 27), 1) == saturday
    assert FIVE.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)


def test_overrides_change_the_results():
    friday, sunday, monday = D(2026, 11, 20), D(2026, 11, 22), D(2026, 11, 23)
    assert FIVE.add_working_days(friday, 1) == monday
    day_off = WorkingCalendar(study_week=5, overrides={monday: False})
    assert day_off.add_working_days(friday, 1) == D(2026, 11, 24)
    assert day_off.working_days_between(friday, D(2026, 11, 27)) == 4
    working_sunday = WorkingCalendar(study_week=5, overrides={sunday: True, monday: False})
    assert working_sunday.add_working_days(friday, 1) == sunday
    assert working_sunday.add_working_days(friday, 2) == D(2026, 11, 24)
    assert working_sunday.holiday_name(sunday, "uz") is None


def test_negative_count_from_a_day_off_round_trips():
    sunday = D(2026, 11, 29)
    friday = FIVE.add_working_days(sunday, -1)
    assert friday == D(2026, 11, 27)
    assert FIVE.working_days_between(sunday, friday) == -1
    assert FIVE.working_days_between(friday, sunday) == 0


def test_module_functions_read_settings_and_overrides(db):
    UniversitySettings.objects.all().delete()
    UniversitySettings.objects.create(study_week=5)
    saturday = D(2026, 11, 28)
    assert calendar.is_working_day(saturday) is False
    CalendarOverride.objects.create(date=saturday, is_working_day=True, reason="Subbotnik")
    assert calendar.is_working_day(saturday) is True
    assert calendar.add_working_days(D(2026, 11, 27), 1) == saturday
    assert calendar.working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 2
    UniversitySettings.objects.update(study_week=6)
    assert calendar.is_working_day(D(2026, 11, 21)) is True
