"""The working-day calendar every regulation deadline counts on.

Uzbekistan's public holidays, decree days off and transferred working Saturdays come from the
``holidays`` package; the university's study week (5 or 6 days) and its local overrides (extra
days off, extra working days) come from the database.

``WorkingCalendar`` loads the settings and overrides once; build one and reuse it when computing
many dates. The module functions build one per call, for the occasional question.

Conventions: ``add_working_days(d, n)`` is the n-th working day after ``d`` (before it when n < 0;
``d`` itself when n == 0). ``working_days_between(a, b)`` counts the working days one steps onto
walking from ``a`` to ``b`` (``a`` excluded, ``b`` included): those in (a, b] when b ≥ a, and minus
those in [b, a) when b < a — so ``working_days_between(d, add_working_days(d, n)) == n`` for every
``d`` and ``n``, whether or not ``d`` itself is a working day.
"""

import datetime as dt
import threading
from functools import cache

import holidays
from django.utils.translation import get_language
from holidays.countries import Uzbekistan
from holidays.countries.uzbekistan import UzbekistanStaticHolidays

SUNDAY = 6
ONE_DAY = dt.timedelta(days=1)
# The package names Uzbek holidays in Uzbek and English only; Russian pages show the Uzbek name.
_NAME_LANGUAGES = {"uz": "uz", "en": "en_US"}


class _SixDayUzbekistan(Uzbekistan):
    weekend = {SUNDAY}


@cache
def _national(study_week: int, language: str = "uz") -> holidays.HolidayBase:
    if study_week == 6:
        return _SixDayUzbekistan(language=language)
    return holidays.country_holidays("UZ", language=language)


_fill_lock = threading.Lock()
_filled: set[tuple[int, str, int]] = set()


def _national_for(study_week: int, year: int, language: str = "uz") -> holidays.HolidayBase:
    """The shared national calendar with ``year`` filled in.

    The package fills a year on first use; two threads filling the same year at once would move
    the observed days off twice, so the first use of each year happens under a lock.
    """
    key = (study_week, language, year)
    calendar = _national(study_week, language)
    if key not in _filled:
        with _fill_lock:
            if key not in _filled:
                _ = dt.date(year, 1, 1) in calendar
                _filled.add(key)
    return calendar


@cache
def _days_off(study_week: int, year: int) -> frozenset[dt.date]:
    """The national days off of ``year`` (weekends, holidays, decree days) — asked once per year."""
    national = _national_for(study_week, year)
    first = dt.date(year, 1, 1)
    days = (first + dt.timedelta(days=i) for i in range(366))
    return frozenset(d for d in days if d.year == year and not national.is_working_day(d))


@cache
def _transferred_working_days() -> dict[dt.date, dt.date]:
    """National transfers: a weekend day made a working day → the weekday whose day off it paid for.

    The package lists each transfer under the year of the day off as (month, day, from-month,
    from-day[, from-year]); on the working day, that weekday's timetable runs."""
    out: dict[dt.date, dt.date] = {}
    for year, items in UzbekistanStaticHolidays.special_public_holidays.items():
        # A year holds one such tuple or a tuple of them.
        for item in items if isinstance(items[0], tuple) else (items,):
            if len(item) < 4:
                continue
            from_year = item[4] if len(item) == 5 else year
            out[dt.date(from_year, item[2], item[3])] = dt.date(year, item[0], item[1])
    return out


class WorkingCalendar:
    def __init__(
        self,
        *,
        study_week: int | None = None,
        overrides: dict[dt.date, bool] | None = None,
        timetable_weekdays: dict[dt.date, int] | None = None,
    ):
        if study_week is None or overrides is None:
            from hemis.core.models import CalendarOverride, UniversitySettings

            if study_week is None:
                study_week = UniversitySettings.current().study_week
            if overrides is None:
                rows = CalendarOverride.objects.values_list("date", "is_working_day", "timetable_weekday")
                overrides = {}
                timetable_weekdays = {}
                for day, working, weekday in rows:
                    overrides[day] = working
                    if weekday:
                        timetable_weekdays[day] = weekday
        self.study_week = study_week
        self.overrides = overrides
        self.timetable_weekdays = timetable_weekdays or {}

    def timetable_weekday(self, day: dt.date) -> int | None:
        """The ISO weekday (1 = Monday) whose timetable runs on ``day``; None on a day off.

        Usually the day's own weekday. A transferred working day (a Saturday worked in place of a
        Thursday off) runs the timetable of the day it replaces; a local extra working day runs the
        weekday its override names, or its own."""
        if not self.is_working_day(day):
            return None
        local = self.timetable_weekdays.get(day)
        if local:
            return local
        if day not in self.overrides:
            replaced = _transferred_working_days().get(day)
            if replaced is not None and self.is_weekend(day):
                return replaced.isoweekday()
        return day.isoweekday()

    def is_working_day(self, day: dt.date) -> bool:
        working = self.overrides.get(day)
        if working is not None:
            return working
        return day not in _days_off(self.study_week, day.year)

    def is_weekend(self, day: dt.date) -> bool:
        """Whether ``day`` is a rest day of the study week (a Sunday, or a Saturday in a 5-day week)."""
        return day.weekday() in _national(self.study_week).weekend

    def holiday_name(self, day: dt.date, language: str | None = None) -> str | None:
        """The national holiday or decree day off on ``day``, in ``language`` (default: the active one)."""
        code = _NAME_LANGUAGES.get((language or get_language() or "uz")[:2], "uz")
        return _national_for(self.study_week, day.year, code).get(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        step = ONE_DAY if n >= 0 else -ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self._count(end, start - ONE_DAY)
        return self._count(start + ONE_DAY, end)

    def _count(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last]."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count


def is_working_day(day: dt.date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    return WorkingCalendar().add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return WorkingCalendar().working_days_between(start, end)
