"""The scheduler of periodic jobs: ``settings.PERIODIC_JOBS`` says what runs when, ``tick()`` starts what
is due. Any number of schedulers may tick at once: each period of each job is claimed by inserting a
``ScheduledRun`` (unique per name and period), and only the scheduler whose insert succeeds starts it.

An entry::

    "staff.refresh_statuses": {
        "task": "hemis.staff.tasks.refresh_staff_statuses",  # a @task, as a dotted path
        "title": "Staff status refresh",  # shown on the job page (a msgid: translated on display)
        "view_action": "staff.view",  # who may see the job
        "result_url": "web:staff_employees",  # optional: a URL name, or a path
        "every": "day",
        "at": "00:05",  # local time (Asia/Tashkent): due from then until the day ends
    }

A scheduler that was down at the appointed time starts the job when it comes back the same day;
a missed day is not made up.

An hourly entry (``"every": "hour"``) reads only the minutes of ``at``: ``"at": "00:20"`` runs at twenty
past every hour (local time), each hour a period of its own (``"2026-12-04T13"``); a missed hour is not
made up either.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from hemis.jobs.models import Job, ScheduledRun
from hemis.jobs.services import start_job

logger = logging.getLogger("hemis.jobs.scheduler")

PERIODS = ("day", "hour")


@dataclass(frozen=True)
class Entry:
    name: str
    task: str
    title: str
    view_action: str
    at: dt.time
    every: str = "day"
    result_url: str = ""

    @classmethod
    def parse(cls, name: str, config: dict) -> "Entry":
        every = config.get("every", "day")
        if every not in PERIODS:
            raise ValueError(f"every={every!r}: expected one of {PERIODS}")
        return cls(
            name=name,
            task=config["task"],
            title=config.get("title", name),
            view_action=config["view_action"],
            at=dt.time.fromisoformat(config.get("at", "00:00")),
            every=every,
            result_url=config.get("result_url", ""),
        )

    def start(self, *, actor) -> Job:
        """Start this job now (the scheduler's claimed period, or on demand with the user as actor)."""
        return start_job(
            task=import_string(self.task),
            name=self.name,
            title=self.title,
            view_action=self.view_action,
            actor=actor,
            result_url=_url(self.result_url),
        )

    def due_period(self, now: dt.datetime) -> str | None:
        """The key of the current period ("2026-12-04", hourly "2026-12-04T13") if the job is due in it
        at ``now``, else None."""
        local = timezone.localtime(now)
        if self.every == "hour":
            return f"{local.date().isoformat()}T{local.hour:02d}" if local.minute >= self.at.minute else None
        return local.date().isoformat() if local.time() >= self.at else None


class Scheduler:
    def __init__(self, jobs: dict[str, dict] | None = None) -> None:
        self.jobs = settings.PERIODIC_JOBS if jobs is None else jobs
        self._failing: dict[str, str] = {}  # entry -> its last error, so that a loop logs it once

    def tick(self, now: dt.datetime | None = None) -> list[Job]:
        """Start every job due at ``now`` whose period no scheduler has claimed yet; returns those
        started here. A bad entry (unknown task, wrong settings) is logged and skipped."""
        now = now or timezone.now()
        started = []
        for name, config in self.jobs.items():
            try:
                job = self._run_if_due(Entry.parse(name, config), now)
            except Exception as exc:
                if self._failing.get(name) != repr(exc):
                    logger.exception("periodic job %s was not started", name)
                self._failing[name] = repr(exc)
                continue
            self._failing.pop(name, None)
            if job is not None:
                started.append(job)
        return started

    def _run_if_due(self, entry: Entry, now: dt.datetime) -> Job | None:
        period = entry.due_period(now)
        if period is None or self._claimed(entry.name, period):
            return None
        # Resolved before the claim: a task that cannot be imported leaves the period open for a
        # later tick, once it can.
        import_string(entry.task)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    run = ScheduledRun.objects.create(name=entry.name, period_key=period)
            except IntegrityError:
                return None  # another scheduler claimed this period first
            job = entry.start(actor=None)
            run.job = job
            run.save(update_fields=["job"])
        logger.info("periodic job %s started for %s", entry.name, period, extra={"job": str(job.pk)})
        return job

    @staticmethod
    def _claimed(name: str, period: str) -> bool:
        """A cheap look first, so that ticks after the claim do not fail an insert each time; the
        unique constraint, not this, is what decides between schedulers that tick together."""
        return ScheduledRun.objects.filter(name=name, period_key=period).exists()


def start_now(name: str, *, actor) -> Job:
    """Start the periodic job ``name`` of ``settings.PERIODIC_JOBS`` at once, outside its schedule
    (a user asking for the nightly work now): one definition of the job for both ways of starting it."""
    return Entry.parse(name, settings.PERIODIC_JOBS[name]).start(actor=actor)


def _url(value: str) -> str:
    if not value or value.startswith("/"):
        return value
    try:
        return reverse(value)
    except NoReverseMatch:
        logger.warning("result_url %r of a periodic job names no URL", value)
        return ""
