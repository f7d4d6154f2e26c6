"""Deadline rules of the regulation (annexes 1–13), as small immutable values.

Every rule has a text form (``after(launch, 1)``) for reports and machines, a translated
``description()`` for people, and — where the rule fixes a date — ``due(event_date, calendar)``:
the last day on which the duty is still on time, counted on the university's working-day calendar.

``event_date`` means the triggering event for ``after``/``before``/``same_day`` (the order date,
the semester start …) and any day of the period for the periodic rules (the month for
``monthly_by`` and ``last_wd_of_month``, the quarter for ``quarter_start``). ``continuous`` and
``on_demand`` fix no date: ``due`` returns None.
"""

import calendar as _month
import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hemis.core.calendar import WorkingCalendar

# The triggering events the annexes name; the keys appear in the text form of the rules.
EVENTS = {
    "launch": gettext_lazy("the system launch"),
    "council_decision": gettext_lazy("the council decision taking effect"),
    "integration": gettext_lazy("the integration with the university's system"),
    "instruction_approved": gettext_lazy("approval of the technological instruction"),
    "order": gettext_lazy("the order"),
    "document": gettext_lazy("the official document"),
    "semester_start": gettext_lazy("the semester start"),
    "academic_year_start": gettext_lazy("the academic year start"),
    "curriculum_approved": gettext_lazy("approval of the curriculum"),
    "programme_opened": gettext_lazy("the opening of the programme"),
    "admission_order": gettext_lazy("the admission order"),
    "control_week_start": gettext_lazy("the start of the control week"),
    "grades_entered": gettext_lazy("entry of the grades"),
    "semester_and_resits_end": gettext_lazy("the end of the semester and the re-sits"),
    "attestation_order": gettext_lazy("the state attestation commission's order on graduates"),
    "subject_assigned": gettext_lazy("assignment of the subject to the teacher"),
    "lesson": gettext_lazy("the lesson"),
    "control": gettext_lazy("the control"),
    "quotas_approved": gettext_lazy("approval of the admission quotas"),
    "printing": gettext_lazy("printing"),
    "first_login": gettext_lazy("the first login"),
    "assignment_deadline": gettext_lazy("the assignment deadline set by the teacher or the dean's office"),
    "debt_cleared": gettext_lazy("clearing of the student's debt"),
}


class Rule(Protocol):
    @property
    def text(self) -> str: ...

    def description(self) -> str: ...

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date | None: ...


def _event(key: str) -> str:
    return str(EVENTS[key])


def _check_event(key: str) -> None:
    if key not in EVENTS:
        raise ValueError(f"unknown event {key!r}: add it to compliance.rules.EVENTS")


def _first_working_day_from(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    return day if calendar.is_working_day(day) else calendar.add_working_days(day, 1)


def _last_working_day_until(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    return day if calendar.is_working_day(day) else calendar.add_working_days(day, -1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=_month.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class After:
    """Within ``days`` working days after the event."""

    event: str
    days: int

    def __post_init__(self) -> None:
        _check_event(self.event)

    @property
    def text(self) -> str:
        return f"after({self.event}, {self.days})"

    def description(self) -> str:
        return ngettext(
            "Within %(n)d working day after %(event)s",
            "Within %(n)d working days after %(event)s",
            self.days,
        ) % {"n": self.days, "event": _event(self.event)}

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        return calendar.add_working_days(event_date, self.days)


@dataclass(frozen=True)
class Before:
    """At least ``days`` working days before the event."""

    event: str
    days: int

    def __post_init__(self) -> None:
        _check_event(self.event)

    @property
    def text(self) -> str:
        return f"before({self.event}, {self.days})"

    def description(self) -> str:
        return ngettext(
            "At least %(n)d working day before %(event)s",
            "At least %(n)d working days before %(event)s",
            self.days,
        ) % {"n": self.days, "event": _event(self.event)}

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        return calendar.add_working_days(event_date, -self.days)


@dataclass(frozen=True)
class SameDay:
    """On the day of the event itself (the text form is ``same_day``; the event is for people)."""

    event: str

    def __post_init__(self) -> None:
        _check_event(self.event)

    @property
    def text(self) -> str:
        return "same_day"

    def description(self) -> str:
        return _("By the end of the day of %(event)s") % {"event": _event(self.event)}

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        return event_date


@dataclass(frozen=True)
class MonthlyBy:
    """Every month by calendar day ``day`` (the last day of a shorter month)."""

    day: int

    @property
    def text(self) -> str:
        return f"monthly_by({self.day})"

    def description(self) -> str:
        return _("Every month by day %(day)d") % {"day": self.day}

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        return event_date.replace(day=min(self.day, _month_end(event_date).day))


@dataclass(frozen=True)
class LastWorkingDaysOfMonth:
    """In the last ``days`` working days of every month: due on the month's last working day."""

    days: int

    @property
    def text(self) -> str:
        return f"last_wd_of_month({self.days})"

    def description(self) -> str:
        return ngettext(
            "In the last %(n)d working day of every month",
            "In the last %(n)d working days of every month",
            self.days,
        ) % {"n": self.days}

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        return _last_working_day_until(_month_end(event_date), calendar)

    def window_start(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        """The first day of the window (doing it earlier is too early, not late)."""
        return calendar.add_working_days(self.due(event_date, calendar), -(self.days - 1))


@dataclass(frozen=True)
class QuarterStart:
    """At the start of every quarter: due on the quarter's first working day."""

    @property
    def text(self) -> str:
        return "quarter_start"

    def description(self) -> str:
        return _("At the start of every quarter")

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> dt.date:
        first = dt.date(event_date.year, 3 * ((event_date.month - 1) // 3) + 1, 1)
        return _first_working_day_from(first, calendar)


@dataclass(frozen=True)
class Continuous:
    """Kept current all the time; no single date to measure against."""

    @property
    def text(self) -> str:
        return "continuous"

    def description(self) -> str:
        return _("Continuously")

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> None:
        return None


@dataclass(frozen=True)
class OnDemand:
    """Done when needed or asked for; no deadline to measure against."""

    @property
    def text(self) -> str:
        return "on_demand"

    def description(self) -> str:
        return _("On demand")

    def due(self, event_date: dt.date, calendar: WorkingCalendar) -> None:
        return None


# The short names the registry is written in.
after = After
before = Before
same_day = SameDay
monthly_by = MonthlyBy
last_wd_of_month = LastWorkingDaysOfMonth
quarter_start = QuarterStart()
continuous = Continuous()
on_demand = OnDemand()
