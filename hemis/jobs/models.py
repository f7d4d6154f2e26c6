"""Background jobs: what was started, by whom, how far it has got, and how it ended."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED})


class Job(models.Model):
    """One run of a background task. Its progress is visible to those who may perform ``view_action``
    (the action that shows its result) and to whoever started it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("job"), max_length=100, db_index=True)  # a dotted code: "compliance.refresh"
    title = models.CharField(_("title"), max_length=255)
    view_action = models.CharField(_("who may see it"), max_length=100)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    note = models.CharField(_("current step"), max_length=255, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        """0–100: a finished job is at 100 whatever it counted, a failed one where it stopped."""
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)


class ScheduledRun(models.Model):
    """The claim of one period of one periodic job: the unique pair is what keeps two schedulers from
    enqueueing the same period twice (the second insert fails)."""

    name = models.CharField(_("job"), max_length=100)
    period_key = models.CharField(_("period"), max_length=32)  # "2026-12-04" for a daily job
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    job = models.ForeignKey(Job, verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["name", "period_key"], name="jobs_one_run_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.period_key}"
