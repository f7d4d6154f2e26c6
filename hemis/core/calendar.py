"""The working-day calendar every regulation deadline counts on.

Uzbekistan's public holidays, decree days off and transferred working Saturdays come from the
``holidays`` package; the university's study week (5 or 6 days) and its local overrides (extra
days off, extra working days) come from the database.

``WorkingCalendar`` loads the settings and overrides once; build one and reuse it when computing
many dates. The module functions build one per call, for the occasional question.

Conventions: ``add_working_days(d, n)`` is the n-th working day after ``d`` (before it when n < 0;
``d`` itself when n == 0). ``working_days_between(a, b)`` counts the working days in (a, b], and is
negative when b < a — so ``working_days_between(d, add_working_days(d, n)) == n``.
"""

import datetime as dt
from functools import cache

import holidays
from holidays.countries import Uzbekistan

SUNDAY = 6


class _SixDayUzbekistan(Uzbekistan):
    weekend = {SUNDAY}


@cache
def _national(study_week: int) -> holidays.HolidayBase:
    if study_week == 6:
        return _SixDayUzbekistan()
    return holidays.country_holidays("UZ")


class WorkingCalendar:
    def __init__(self, *, study_week: int | None = None, overrides: dict[dt.date, bool] | None = None):
        if study_week is None or overrides is None:
            from hemis.core.models import CalendarOverride, UniversitySettings

            if study_week is None:
                study_week = UniversitySettings.current().study_week
            if overrides is None:
                overrides = dict(CalendarOverride.objects.values_list("date", "is_working_day"))
        self.study_week = study_week
        self.overrides = overrides
        self._national = _national(study_week)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return self._national.is_working_day(day)

    def holiday_name(self, day: dt.date) -> str | None:
        return self._national.get(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def is_working_day(day: dt.date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    return WorkingCalendar().add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return WorkingCalendar().working_days_between(start, end)
