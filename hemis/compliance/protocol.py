"""What an evaluator is: ``@evaluator("annex1.p2")`` on a function(context) -> Iterable[Obligation].

An evaluator reads the database (through selectors) and yields one ``Obligation`` per thing that had
to be done: who is responsible, what, by when (``due``) and when it was done (``done_at``, None if
not yet). It computes ``due`` with ``context.due(process_id, event_date)`` — the process's rule on
the run's one calendar — and yields nothing when the triggering event has no date yet.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemis.compliance import registry
from hemis.core.calendar import WorkingCalendar

TASHKENT = ZoneInfo("Asia/Tashkent")

# "Continuous" processes (kept current) are measured record by record: entered within a working week.
CONTINUOUS_DAYS = 5


@dataclass(frozen=True, kw_only=True)
class Obligation:
    process_id: str
    user: Any = None  # the responsible person (an access.User), when there is one
    unit: Any = None  # the responsible unit (an org.OrgUnit), when there is one
    subject: str
    due: dt.date
    done_at: dt.date | None = None


@dataclass(frozen=True)
class Context:
    """What every evaluator of one run shares: today (Tashkent), the calendar, the settings row."""

    today: dt.date
    calendar: WorkingCalendar
    university: Any  # core.UniversitySettings
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def due(self, process_id: str, event_date: dt.date, rule: int = 0) -> dt.date:
        """The due date by the process's rule number ``rule`` (as the university configured it).
        Remembered per run: thousands of records share a handful of event dates."""
        key = ("due", process_id, event_date, rule)
        if key not in self._cache:
            chosen = registry.BY_ID[process_id].effective(self.university).rules[rule]
            due = chosen.due(event_date, self.calendar)
            if due is None:
                raise ValueError(f"{process_id}: {chosen.text} fixes no date")
            self._cache[key] = due
        return self._cache[key]

    def continuous_due(self, event_date: dt.date) -> dt.date:
        """The due date of one record of a "continuous" process (kept current, no deadline in the
        regulation): the record counts as kept current when entered within ``CONTINUOUS_DAYS``
        working days of the event it records (an achievement awarded, a programme opened)."""
        return self.calendar.add_working_days(event_date, CONTINUOUS_DAYS)

    def cached(self, key: str, load: Callable[[], Any]) -> Any:
        """``load()`` once per run, for data several evaluators read (one query, not one each)."""
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]


Evaluator = Callable[[Context], Iterable[Obligation]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(process_id: str) -> Callable[[Evaluator], Evaluator]:
    def register_it(fn: Evaluator) -> Evaluator:
        register(process_id, fn)
        return fn

    return register_it


def register(process_id: str, fn: Evaluator) -> None:
    if registry.get(process_id) is None:
        raise KeyError(f"no process {process_id!r} in the compliance registry")
    if process_id in EVALUATORS and EVALUATORS[process_id] is not fn:
        raise KeyError(f"process {process_id!r} already has an evaluator")
    EVALUATORS[process_id] = fn


def unregister(process_id: str) -> None:
    EVALUATORS.pop(process_id, None)


def local_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Tashkent (the regulation's days are Tashkent days, whatever the server's zone)."""
    return timezone.localtime(now or timezone.now(), TASHKENT).date()


def local_date(moment: dt.datetime) -> dt.date:
    """The Tashkent date of a stored timestamp (``created_at`` …): the day a thing was done."""
    return timezone.localtime(moment, TASHKENT).date()
