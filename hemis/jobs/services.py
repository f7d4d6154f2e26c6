"""Starting background jobs and reporting their progress.

``start_job`` records a job and enqueues its task once the transaction commits; the task reports
through ``running(job_id)``::

    @task()
    def refresh_compliance(job_id: str) -> None:
        with running(job_id) as progress:
            for i, step in enumerate(steps):
                ...
                progress.report(done=i + 1, total=len(steps), note=step.title)
            progress.result = {"snapshot": snapshot.pk}

A task must not run its whole body in one transaction: each report is written at once, in its own
autocommit, so that the job page sees it while the task runs.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from django.db import transaction
from django.tasks import Task
from django.utils import timezone

from hemis.audit import services as audit
from hemis.jobs.models import Job, JobStatus

logger = logging.getLogger("hemis.jobs")

ERROR_LENGTH = 2000


def start_job(
    *, task: Task, name: str, title: str, view_action: str, actor, result_url: str = "", **task_kwargs: Any
) -> Job:
    """Record a queued job and enqueue ``task(job_id=..., **task_kwargs)`` when the transaction commits
    (a rolled-back request starts nothing). ``actor`` is None for the scheduler."""
    with transaction.atomic():
        job = Job.objects.create(
            name=name,
            title=str(title),
            view_action=view_action,
            result_url=result_url,
            started_by=actor if getattr(actor, "pk", None) else None,
        )
        audit.record(
            actor=actor, action="jobs.job.started", target=job, data={"name": name, "kwargs": task_kwargs}
        )
        transaction.on_commit(partial(_enqueue, task, job.pk, task_kwargs))
    return job


def _enqueue(task: Task, job_id, task_kwargs: dict) -> None:
    try:
        result = task.enqueue(job_id=str(job_id), **task_kwargs)
    except Exception as exc:
        # Nothing will ever run it: say so on the job rather than leave it queued for ever.
        logger.exception("job %s could not be enqueued", job_id)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=_readable(exc), finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


class Progress:
    """What a running task reports: ``report()`` steps, and the ``result`` dict it fills."""

    interval = 0.3  # seconds between two writes; the last step is always written

    def __init__(self, job_id) -> None:
        self._jobs = Job.objects.filter(pk=job_id)
        self._written_at: float | None = None
        self.done = 0
        self.total = 0
        self.note = ""
        self.result: dict = {}

    def report(self, *, done: int, total: int, note: str = "") -> None:
        if not 0 <= done <= total:
            raise ValueError(f"progress {done} of {total}: expected 0 <= done <= total")
        self.done, self.total, self.note = done, total, str(note)[:255]
        now = time.monotonic()
        if done < total and self._written_at is not None and now - self._written_at < self.interval:
            return
        self._jobs.update(done=done, total=total, note=self.note)
        self._written_at = now


@contextmanager
def running(job_id) -> Iterator[Progress]:
    """Mark the job running and yield its ``Progress``; on exit mark it succeeded (storing
    ``progress.result``), or failed with a readable error, re-raising so the task backend records
    the failure too. The traceback goes to the log, not to the page."""
    jobs = Job.objects.filter(pk=job_id)
    if not jobs.update(status=JobStatus.RUNNING, started_at=timezone.now(), finished_at=None, error=""):
        raise Job.DoesNotExist(f"no job {job_id}")
    progress = Progress(job_id)
    try:
        yield progress
    except BaseException as exc:
        error = _readable(exc)
        # The traceback is logged by django.tasks ("django.tasks" logger) when the failure reaches it.
        logger.warning("job %s failed: %s", job_id, error)
        try:
            jobs.update(
                status=JobStatus.FAILED,
                done=progress.done,
                total=progress.total,
                note=progress.note,
                error=error,
                finished_at=timezone.now(),
            )
        except Exception:
            logger.exception("job %s: its failure could not be recorded", job_id)
        raise
    jobs.update(
        status=JobStatus.SUCCEEDED,
        done=progress.total,
        total=progress.total,
        note=progress.note,
        result=progress.result,
        finished_at=timezone.now(),
    )


def _readable(exc: BaseException) -> str:
    message = str(exc)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text[:ERROR_LENGTH]
