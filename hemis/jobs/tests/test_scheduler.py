"""The scheduler starts each periodic job once per period, however many schedulers tick."""

import datetime as dt
import logging
import os
import signal
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings

from hemis.audit.models import AuditEvent
from hemis.jobs.models import Job, JobStatus, ScheduledRun
from hemis.jobs.scheduler import Scheduler
from hemis.testing.concurrency import run_twice

TASHKENT = ZoneInfo("Asia/Tashkent")
NIGHTLY = {
    "tests.nightly": {
        "task": "hemis.jobs.tests.tasks.tick_tock",
        "title": "Nightly tick",
        "view_action": "compliance.view",
        "result_url": "web:home",
        "every": "day",
        "at": "02:00",
    }
}
BROKEN = {
    "tests.missing": {
        "task": "hemis.jobs.tests.no_such_module.refresh",
        "view_action": "staff.view",
        "at": "00:00",
    }
}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=TASHKENT)


def test_two_schedulers_start_a_period_once(db):
    first = Scheduler(NIGHTLY).tick(at(4, 2, 0))
    second = Scheduler(NIGHTLY).tick(at(4, 2, 0))
    third = Scheduler(NIGHTLY).tick(at(4, 23, 59))
    assert (len(first), second, third) == (1, [], [])
    job = Job.objects.get()
    assert (job.name, job.title, job.view_action, job.result_url, job.started_by, job.status) == (
        "tests.nightly",
        "Nightly tick",
        "compliance.view",
        "/",
        None,
        JobStatus.QUEUED,  # the test's transaction never commits: nothing was enqueued
    )
    run = ScheduledRun.objects.get()
    assert (run.name, run.period_key, run.job) == ("tests.nightly", "2026-12-04", job)
    assert AuditEvent.objects.filter(action="jobs.job.started", actor=None).count() == 1


def test_a_claim_lost_to_another_scheduler_starts_nothing(db, monkeypatch):
    # Both schedulers looked before either claimed: the insert of the second one fails.
    monkeypatch.setattr(Scheduler, "_claimed", staticmethod(lambda name, period: False))
    assert len(Scheduler(NIGHTLY).tick(at(4, 2))) == 1
    assert Scheduler(NIGHTLY).tick(at(4, 2)) == []
    assert (Job.objects.count(), ScheduledRun.objects.count()) == (1, 1)
    assert AuditEvent.objects.filter(action="jobs.job.started").count() == 1


def test_the_next_period_starts_it_again(db):
    scheduler = Scheduler(NIGHTLY)
    scheduler.tick(at(4, 3))
    started = scheduler.tick(at(5, 2, 1))
    assert len(started) == 1
    assert list(ScheduledRun.objects.order_by("period_key").values_list("period_key", flat=True)) == [
        "2026-12-04",
        "2026-12-05",
    ]


def test_a_job_not_yet_due_is_not_started(db):
    assert Scheduler(NIGHTLY).tick(at(4, 1, 59)) == []
    # 21:30 UTC on the 3rd is 02:30 on the 4th in Tashkent: due, in the period of the 4th.
    started = Scheduler(NIGHTLY).tick(dt.datetime(2026, 12, 3, 21, 30, tzinfo=dt.UTC))
    assert [run.period_key for run in ScheduledRun.objects.all()] == ["2026-12-04"]
    assert len(started) == 1


def test_the_unique_constraint_refuses_a_second_claim_of_a_period(db):
    ScheduledRun.objects.create(name="tests.nightly", period_key="2026-12-04")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledRun.objects.create(name="tests.nightly", period_key="2026-12-04")
    ScheduledRun.objects.create(name="tests.nightly", period_key="2026-12-05")
    ScheduledRun.objects.create(name="tests.other", period_key="2026-12-04")
    assert ScheduledRun.objects.count() == 3


def test_the_scheduler_enqueues_the_task_when_its_claim_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Scheduler(NIGHTLY).tick(at(4, 2))
    job = Job.objects.get()
    assert (job.status, job.note, job.percent) == (JobStatus.SUCCEEDED, "tock", 100)


def test_a_task_that_cannot_be_imported_is_logged_once_and_the_others_still_run(db, caplog):
    scheduler = Scheduler({**BROKEN, **NIGHTLY})
    with caplog.at_level(logging.ERROR, logger="hemis.jobs.scheduler"):
        started = scheduler.tick(at(4, 2))
        scheduler.tick(at(4, 2, 1))
    assert [job.name for job in started] == ["tests.nightly"]
    assert [r.getMessage() for r in caplog.records] == ["periodic job tests.missing was not started"]
    assert caplog.records[0].exc_info[0] is ModuleNotFoundError
    # Its period was not claimed: once the task exists, the same day still gets its run.
    assert not ScheduledRun.objects.filter(name="tests.missing").exists()
    fixed = {"tests.missing": {**BROKEN["tests.missing"], "task": "hemis.jobs.tests.tasks.tick_tock"}}
    assert [job.name for job in Scheduler(fixed).tick(at(4, 9))] == ["tests.missing"]


def test_a_wrong_entry_is_logged_and_skipped(db, caplog):
    wrong = {"tests.weekly": {**NIGHTLY["tests.nightly"], "every": "fortnight"}}
    with caplog.at_level(logging.ERROR, logger="hemis.jobs.scheduler"):
        assert Scheduler({**wrong, **NIGHTLY}).tick(at(4, 3))[0].name == "tests.nightly"
    assert "every='fortnight'" in caplog.text


@override_settings(PERIODIC_JOBS={"tests.nightly": {**NIGHTLY["tests.nightly"], "at": "00:00"}})
def test_run_scheduler_once_starts_what_is_due(db, capsys):
    call_command("run_scheduler", "--once")
    job = Job.objects.get()
    assert capsys.readouterr().out == f"started tests.nightly ({job.pk})\n"
    call_command("run_scheduler", "--once")
    assert Job.objects.count() == 1


@override_settings(PERIODIC_JOBS={"tests.nightly": {**NIGHTLY["tests.nightly"], "at": "00:00"}})
def test_run_scheduler_stops_cleanly_on_sigterm(db, keep_test_connection):
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("run_scheduler", "--interval", "60")  # returns on SIGTERM, not after 60 s
    finally:
        timer.cancel()
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    assert Job.objects.count() == 1


# Transactional (the two threads commit), so the rows the migrations load are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_ticking_at_the_same_moment_start_one_job(monkeypatch):
    monkeypatch.setattr(Scheduler, "_claimed", staticmethod(lambda name, period: False))  # both insert
    # SQLite takes one writer at a time: there the two ticks run one after the other, and the second
    # insert still fails on the unique constraint; PostgreSQL runs them truly at once.
    started, errors = run_twice(lambda _i: len(Scheduler(NIGHTLY).tick(at(4, 2))))
    assert errors == []
    assert sorted(started) == [0, 1]
    assert Job.objects.count() == 1
    assert ScheduledRun.objects.count() == 1


def test_the_periodic_jobs_of_the_settings_are_well_formed():
    from django.conf import settings
    from django.utils.module_loading import import_string

    from hemis.jobs.scheduler import Entry

    entries = [Entry.parse(name, config) for name, config in settings.PERIODIC_JOBS.items()]
    assert [(e.name, e.every, e.at) for e in entries] == [
        ("staff.refresh_statuses", "day", dt.time(0, 5)),
        ("grading.records", "day", dt.time(1, 30)),
        ("compliance.refresh", "day", dt.time(2, 0)),
        ("exchange.sync", "hour", dt.time(0, 20)),
    ]
    assert import_string(entries[3].task).name == "sync"
    assert import_string(entries[0].task).name == "refresh_staff_statuses"


HOURLY = {
    "tests.hourly": {
        "task": "hemis.jobs.tests.tasks.tick_tock",
        "title": "Hourly tick",
        "view_action": "compliance.view",
        "every": "hour",
        "at": "00:20",  # twenty past every hour
    }
}


def test_an_hourly_job_is_claimed_once_per_hour_from_its_minute(db):
    assert Scheduler(HOURLY).tick(at(4, 13, 19)) == []  # not yet twenty past
    assert len(Scheduler(HOURLY).tick(at(4, 13, 20))) == 1
    assert Scheduler(HOURLY).tick(at(4, 13, 59)) == []  # the 13 o'clock period is claimed
    assert Scheduler(HOURLY).tick(at(4, 14, 5)) == []  # the next hour, before its minute
    assert len(Scheduler(HOURLY).tick(at(4, 14, 45))) == 1
    assert len(Scheduler(HOURLY).tick(at(5, 0, 20))) == 1  # a new day, a new hour
    assert list(ScheduledRun.objects.order_by("period_key").values_list("period_key", flat=True)) == [
        "2026-12-04T13",
        "2026-12-04T14",
        "2026-12-05T00",
    ]
    assert Job.objects.filter(name="tests.hourly").count() == 3


def test_an_hourly_claim_lost_to_another_scheduler_starts_nothing(db, monkeypatch):
    monkeypatch.setattr(Scheduler, "_claimed", staticmethod(lambda name, period: False))
    assert len(Scheduler(HOURLY).tick(at(4, 9, 30))) == 1
    assert Scheduler(HOURLY).tick(at(4, 9, 31)) == []  # the unique insert fails: claimed already
    assert (Job.objects.count(), ScheduledRun.objects.count()) == (1, 1)


def test_hourly_periods_are_hours_of_tashkent(db):
    # 08:25 UTC is 13:25 in Tashkent: the period of 13 o'clock.
    Scheduler(HOURLY).tick(dt.datetime(2026, 12, 4, 8, 25, tzinfo=dt.UTC))
    assert ScheduledRun.objects.get().period_key == "2026-12-04T13"
