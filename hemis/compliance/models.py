"""The stored compliance snapshot: every obligation of one evaluation run, classified, and the counts
per process. The pages read the latest complete snapshot instead of evaluating per request; the
scheduler refreshes it nightly and management on demand (``services.refresh_snapshot``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.compliance.enums import Status


class Snapshot(models.Model):
    """One evaluation run. Its rows are written first and ``is_complete`` is set last, in one short
    transaction with the counts: the pages read only complete snapshots, never a half-written one."""

    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    today = models.DateField(_("evaluated for"))  # the Tashkent date that pending/overdue refer to
    duration_ms = models.PositiveIntegerField(_("duration, ms"), null=True, blank=True)
    obligations_count = models.PositiveIntegerField(_("obligations"), default=0)
    # The university's configured days at evaluation time (``Process.configurable_days``): the pages
    # show the rules the counts were computed under, whatever the settings say since.
    configured_days = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_complete = models.BooleanField(_("complete"), default=False)

    class Meta:
        verbose_name = _("compliance snapshot")
        verbose_name_plural = _("compliance snapshots")
        indexes = [models.Index(fields=["is_complete", "-computed_at"], name="compliance_snap_latest")]

    def __str__(self) -> str:
        return f"compliance snapshot {self.pk} ({self.today:%d.%m.%Y})"


class SnapshotProcess(models.Model):
    """The counts of one process in a snapshot; ``measured`` False: no evaluator, no counts."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="processes")
    process_id = models.CharField(max_length=32)
    measured = models.BooleanField()
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "process_id"], name="compliance_snapprocess_unique")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} in snapshot {self.snapshot_id}"


class SnapshotObligation(models.Model):
    """One obligation as an evaluator yielded it, with the status it had on the snapshot's ``today``.
    ``subject`` is in the university's language (``LANGUAGE_CODE``): it is stored text, not a msgid."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="obligations")
    process_id = models.CharField(max_length=32)
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.TextField()
    due = models.DateField()
    done_at = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        indexes = [
            # a process's rows by due date (the detail page)
            models.Index(fields=["snapshot", "process_id", "due"], name="compliance_snapob_process"),
            # the obligations of a status (the overdue of the whole university)
            models.Index(fields=["snapshot", "status"], name="compliance_snapob_status"),
            # the unit filter: the units under a path, then their rows
            models.Index(fields=["snapshot", "unit"], name="compliance_snapob_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.subject}"
