"""The default week schedule and the whole-year shift of copies."""

import datetime as dt
from collections import Counter

from hemis.curricula.enums import WeekKind
from hemis.curricula.services.schedule import default_weeks, first_monday, semester_start, year_shift

D = dt.date


def test_first_monday():
    assert first_monday(2026, 9) == D(2026, 9, 7)
    assert first_monday(2027, 2) == D(2027, 2, 1)


def test_semester_start_autumn_and_spring():
    assert semester_start(2026, 1) == D(2026, 9, 7)
    assert semester_start(2026, 2) == D(2027, 2, 1)


def test_autumn_semester_fills_holidays_up_to_the_spring_start():
    weeks = default_weeks(academic_year_start=2026, number=1, is_last=False)
    assert Counter(w.kind for w in weeks) == {WeekKind.THEORY: 15, WeekKind.EXAMS: 3, WeekKind.HOLIDAY: 3}
    assert (weeks[0].number, weeks[0].start_date, weeks[0].end_date) == (1, D(2026, 9, 7), D(2026, 9, 13))
    assert [w.kind for w in weeks[14:19]] == ["theory", "exams", "exams", "exams", "holiday"]
    assert weeks[-1].end_date == D(2027, 1, 31)


def test_spring_semester_holidays_last_the_summer():
    weeks = default_weeks(academic_year_start=2026, number=2, is_last=False)
    assert Counter(w.kind for w in weeks) == {WeekKind.THEORY: 15, WeekKind.EXAMS: 3, WeekKind.HOLIDAY: 13}
    assert weeks[-1].end_date == D(2027, 9, 5)


def test_last_semester_ends_with_practice_and_attestation():
    weeks = default_weeks(academic_year_start=2029, number=8, is_last=True)
    assert [(k, n) for k, n in Counter(w.kind for w in weeks).items()] == [
        ("theory", 12),
        ("exams", 2),
        ("practice", 4),
        ("attestation", 2),
    ]
    assert weeks[0].start_date == D(2030, 2, 4)


def test_year_shift_keeps_the_weekday():
    assert D(2026, 9, 7) + year_shift(D(2026, 9, 7), 1) == D(2027, 9, 6)
    assert D(2026, 9, 7) + year_shift(D(2026, 9, 7), -2) == D(2024, 9, 9)
    assert D(2028, 2, 29) + year_shift(D(2028, 2, 29), 1) == D(2029, 2, 27)
