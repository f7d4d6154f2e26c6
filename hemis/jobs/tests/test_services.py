"""start_job and running(): a job is recorded and journaled, its progress is written while it runs, and
its end — success with a result, or failure with a readable error — is stored."""

import signal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from hemis.audit.models import AuditEvent
from hemis.jobs.models import Job, JobStatus
from hemis.jobs.services import running, start_job
from hemis.jobs.tests.tasks import count_to, fail_after_one

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def start(task, actor=None, **kwargs) -> Job:
    return start_job(
        task=task, name="tests.count", title="Counting", view_action="staff.view", actor=actor, **kwargs
    )


def test_start_job_records_a_queued_job_and_enqueues_only_on_commit(hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start(count_to, actor=hr, result_url="/staff/employees/", n=2)
    job.refresh_from_db()
    assert (job.status, job.started_by, job.result_url, job.task_result_id) == (
        JobStatus.QUEUED,
        hr,
        "/staff/employees/",
        "",
    )
    assert len(callbacks) == 1
    event = AuditEvent.objects.get(action="jobs.job.started")
    assert (event.actor, event.target_id, event.data) == (
        hr,
        str(job.pk),
        {"name": "tests.count", "kwargs": {"n": 2}},
    )


def test_progress_is_written_while_the_job_runs(db, no_throttle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start(count_to, n=3)
    job.refresh_from_db()
    assert job.result == {
        "seen": [
            ["running", 1, 3, "step 1"],
            ["running", 2, 3, "step 2"],
            ["running", 3, 3, "step 3"],
        ]
    }
    assert (job.status, job.done, job.total, job.percent, job.error) == (JobStatus.SUCCEEDED, 3, 3, 100, "")
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert len(job.task_result_id) == 32  # the ImmediateBackend's result id


def test_reports_closer_than_the_interval_are_not_written_except_the_last(db, slow_throttle):
    job = Job.objects.create(name="tests.count", title="Counting", view_action="staff.view")
    count_to.call(job_id=str(job.pk), n=4)
    job.refresh_from_db()
    assert job.result["seen"] == [
        ["running", 1, 4, "step 1"],
        ["running", 1, 4, "step 1"],
        ["running", 1, 4, "step 1"],
        ["running", 4, 4, "step 4"],
    ]


def test_a_failing_task_leaves_its_error_and_where_it_stopped(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start(fail_after_one)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.note, job.percent) == (
        JobStatus.FAILED,
        1,
        4,
        "asking the ministry",
        25,
    )
    assert job.error == "RuntimeError: the ministry server did not answer"
    assert "Traceback" not in job.error
    assert job.finished_at is not None


def test_running_reraises_so_the_task_backend_records_the_failure(db):
    job = Job.objects.create(name="tests.fail", title="Failing", view_action="staff.view")
    result = fail_after_one.enqueue(job_id=str(job.pk))  # the ImmediateBackend of the tests
    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "builtins.RuntimeError"
    with pytest.raises(KeyError), running(job.pk):
        raise KeyError("missing")
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "KeyError: 'missing'")


def test_a_job_that_reports_nothing_still_ends_at_100_percent(db):
    job = Job.objects.create(name="tests.quiet", title="Quiet", view_action="staff.view")
    with running(job.pk) as progress:
        progress.result = {"answer": 42}
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent, job.result) == (
        JobStatus.SUCCEEDED,
        0,
        0,
        100,
        {"answer": 42},
    )


def test_progress_beyond_the_total_is_a_programming_error(db):
    job = Job.objects.create(name="tests.count", title="Counting", view_action="staff.view")
    with pytest.raises(ValueError), running(job.pk) as progress:
        progress.report(done=5, total=4)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("ValueError: progress 5 of 4")


@pytest.fixture
def keep_signal_handlers():
    """db_worker installs its own SIGINT/SIGTERM handlers; give pytest back its own."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_worker_runs_the_jobs_and_records_both_ends(
    db, keep_signal_handlers, keep_test_connection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        good = start(count_to, n=2)
        bad = start(fail_after_one)
    good.refresh_from_db()
    assert good.status == JobStatus.QUEUED  # waiting for a worker
    assert DBTaskResult.objects.filter(id=good.task_result_id, status="READY").exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, good.done, good.total) == (JobStatus.SUCCEEDED, 2, 2)
    assert (bad.status, bad.error) == (JobStatus.FAILED, "RuntimeError: the ministry server did not answer")
    assert DBTaskResult.objects.get(id=good.task_result_id).status == "SUCCESSFUL"
    failed = DBTaskResult.objects.get(id=bad.task_result_id)
    assert (failed.status, failed.exception_class_path) == ("FAILED", "builtins.RuntimeError")


def test_percent_rounds_down_and_stays_within_bounds():
    assert Job(status=JobStatus.RUNNING, done=1, total=3).percent == 33
    assert Job(status=JobStatus.RUNNING, done=0, total=0).percent == 0
    assert Job(status=JobStatus.FAILED, done=2, total=4).percent == 50
    assert Job(status=JobStatus.SUCCEEDED, done=0, total=0).percent == 100
