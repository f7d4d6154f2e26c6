"""Reads of the university's settings and of the working-day calendar (a month, day by day, with the
local overrides)."""

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from hemis.core.calendar import WorkingCalendar
from hemis.core.models import CalendarOverride, UniversitySettings


def enabled_languages() -> list[tuple[str, str]]:
    """The interface languages the university enabled (all of them until it chose), in LANGUAGES order.

    Reads the settings row without creating it: the login page must not write.
    """
    chosen = UniversitySettings.objects.order_by("pk").values_list("languages", flat=True).first()
    return [(code, name) for code, name in settings.LANGUAGES if not chosen or code in chosen]


# --- the working-day calendar ---------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: dt.date
    working: bool
    weekend: bool
    holiday: str | None
    override: CalendarOverride | None
    today: bool

    @property
    def css(self) -> str:
        classes = ["cal-work" if self.working else "cal-off"]
        if self.override is not None:
            classes.append("cal-override")
        if self.today:
            classes.append("cal-today")
        return " ".join(classes)


@dataclass(frozen=True)
class Month:
    first: dt.date
    study_week: int
    weeks: list[list[Day | None]]

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day is not None]

    @property
    def working_days(self) -> int:
        return sum(day.working for day in self.days)

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=31)).replace(day=1)


def month(first: dt.date, today: dt.date) -> Month:
    """Every day of the month of ``first``, in weeks from Monday (None pads the first and last week)."""
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__range=(first, last))}
    study_week = UniversitySettings.current().study_week
    cal = WorkingCalendar(
        study_week=study_week, overrides={d: o.is_working_day for d, o in overrides.items()}
    )
    weeks = [
        [
            Day(
                date=d,
                working=cal.is_working_day(d),
                weekend=cal.is_weekend(d),
                holiday=cal.holiday_name(d),
                override=overrides.get(d),
                today=d == today,
            )
            if d.month == first.month
            else None
            for d in week
        ]
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    return Month(first=first, study_week=study_week, weeks=weeks)


def overrides_of_year(year: int) -> QuerySet[CalendarOverride]:
    return CalendarOverride.objects.filter(date__year=year).select_related("created_by").order_by("date")
