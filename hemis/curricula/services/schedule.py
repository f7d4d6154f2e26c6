"""The default week schedule (oʻquv grafigi) of a curriculum semester, from the academic calendar.

An autumn (odd) semester starts on the first Monday of September of its academic year, a spring
(even) one on the first Monday of February of the next calendar year. A semester has 15 weeks of
theory and 3 of examinations, then holidays up to the start of the next semester. The last semester
of the programme ends with pre-diploma practice and the state attestation instead of holidays.
"""

import datetime as dt
from dataclasses import dataclass

from hemis.curricula.enums import WeekKind

THEORY_WEEKS = 15
EXAM_WEEKS = 3
# The final semester: fewer theory weeks, then practice and the state attestation.
FINAL_PLAN = ((WeekKind.THEORY, 12), (WeekKind.EXAMS, 2), (WeekKind.PRACTICE, 4), (WeekKind.ATTESTATION, 2))


@dataclass(frozen=True)
class PlannedWeek:
    number: int
    kind: str
    start_date: dt.date
    end_date: dt.date


def first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def semester_start(academic_year_start: int, number: int) -> dt.date:
    """The Monday a curriculum semester starts: September for odd numbers, February for even ones."""
    if number % 2:
        return first_monday(academic_year_start, 9)
    return first_monday(academic_year_start + 1, 2)


def _next_start(academic_year_start: int, number: int) -> dt.date:
    if number % 2:
        return semester_start(academic_year_start, number + 1)
    return semester_start(academic_year_start + 1, number + 1)


def default_weeks(*, academic_year_start: int, number: int, is_last: bool) -> list[PlannedWeek]:
    """The weeks of semester ``number`` whose academic year starts in ``academic_year_start``."""
    start = semester_start(academic_year_start, number)
    if is_last:
        plan = list(FINAL_PLAN)
    else:
        study = THEORY_WEEKS + EXAM_WEEKS
        holidays = (_next_start(academic_year_start, number) - start).days // 7 - study
        plan = [(WeekKind.THEORY, THEORY_WEEKS), (WeekKind.EXAMS, EXAM_WEEKS), (WeekKind.HOLIDAY, holidays)]
    kinds = [kind for kind, count in plan for _ in range(count)]
    return [
        PlannedWeek(
            number=i,
            kind=kind,
            start_date=start + dt.timedelta(weeks=i - 1),
            end_date=start + dt.timedelta(weeks=i - 1, days=6),
        )
        for i, kind in enumerate(kinds, start=1)
    ]


def year_shift(anchor: dt.date, years: int) -> dt.timedelta:
    """Whole weeks that move ``anchor`` closest to the same date ``years`` later (weekdays kept)."""
    day = min(anchor.day, 28) if anchor.month == 2 else anchor.day
    target = anchor.replace(year=anchor.year + years, day=day)
    return dt.timedelta(weeks=round((target - anchor).days / 7))
