"""The refresh as a background job: the nightly run of the scheduler, and a job started by hand."""

from django.conf import settings

from hemis.audit.models import AuditEvent
from hemis.compliance import selectors, tasks
from hemis.compliance.models import Snapshot
from hemis.compliance.tests.conftest import at
from hemis.jobs.models import JobStatus
from hemis.jobs.scheduler import Scheduler
from hemis.jobs.services import start_job


def test_the_nightly_run_refreshes_the_snapshot(university, django_capture_on_commit_callbacks):
    nightly = {"compliance.refresh": settings.PERIODIC_JOBS["compliance.refresh"]}
    with django_capture_on_commit_callbacks(execute=True):
        (job,) = Scheduler(jobs=nightly).tick(now=at(2026, 12, 4, 2, 5))
    job.refresh_from_db()
    snapshot = selectors.latest_snapshot()
    assert (job.status, job.done, job.total, job.result) == (
        JobStatus.SUCCEEDED,
        82,
        82,
        {"snapshot": snapshot.pk},
    )
    assert (snapshot.job, snapshot.started_by) == (job, None)
    assert job.note.startswith("controlling.dormitory: ")
    event = AuditEvent.objects.get(action="compliance.snapshot.refreshed")
    assert (event.actor_id, event.target_id) == (None, str(snapshot.pk))


def test_a_failed_refresh_fails_its_job_and_keeps_the_old_snapshot(
    university, temporary_evaluator, rector, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = start_job(
            task=tasks.refresh_compliance,
            name="compliance.refresh",
            title="x",
            view_action="compliance.view",
            actor=rector,
        )

    def broken(context):
        raise RuntimeError("no data")
        yield

    temporary_evaluator("annex5.p14", broken)
    with django_capture_on_commit_callbacks(execute=True):  # the backend records the failure
        second = start_job(
            task=tasks.refresh_compliance,
            name="compliance.refresh",
            title="x",
            view_action="compliance.view",
            actor=rector,
        )
    second.refresh_from_db()
    assert (second.status, second.error) == (JobStatus.FAILED, "RuntimeError: no data")
    assert list(Snapshot.objects.values_list("job", flat=True)) == [first.pk]
