"""The exchange with the ministry (annex 1 items 4 and 6): the outbound queue of records sent to the
central registry, where each kind's collection got to, and the PINFL correction requests (the letter to
the ministry centre, RTTRM) with the records they flag."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.exchange.enums import CorrectionStatus, PersonKind, SyncKind, SyncStatus


class SyncItem(models.Model):
    """One record to send (or sent) to the central registry, with its payload in the ministry's layout.
    A record has at most one live (pending or failed) item: a newer change replaces its payload; a sent
    item stays as the history of what left."""

    kind = models.CharField(_("kind"), max_length=32, choices=SyncKind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(
        _("status"), max_length=8, choices=SyncStatus.choices, default=SyncStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the next attempt may be made; None on a pending item means "now", on a failed one "never"
    # (it failed for good and waits for a retry by hand or a newer change).
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # The first failed attempt of the current failing spell (compliance measures it: annex 1 item 6).
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The batch the item is in (claimed while sending, then the batch it was sent in).
    batch = models.CharField(_("batch"), max_length=100, blank=True, db_index=True)
    queued_at = models.DateTimeField(_("queued at"))  # when its payload was last set

    class Meta:
        verbose_name = _("sync item")
        verbose_name_plural = _("sync items")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=Q(status__in=["pending", "failed"]),
                name="exchange_one_live_item_per_record",
            )
        ]
        indexes = [models.Index(fields=["kind", "status"], name="exchange_item_kind_status")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.status})"

    @property
    def given_up(self) -> bool:
        return self.status == SyncStatus.FAILED and self.next_attempt_at is None


class SyncKindState(models.Model):
    """Where the collection of one kind got to (its watermark: the latest ``updated_at`` queued) and how
    its last push went."""

    kind = models.CharField(_("kind"), max_length=32, choices=SyncKind.choices, unique=True)
    watermark = models.DateTimeField(_("collected up to"), null=True, blank=True)
    collected_at = models.DateTimeField(_("last collected at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sync state")
        verbose_name_plural = _("sync states")

    def __str__(self) -> str:
        return self.kind


class PinflCorrection(TimeStamped):
    """A request to the ministry centre (RTTRM) to correct wrongly entered PINFLs: a draft collects the
    flagged records, the letter is generated and sent, and the request is corrected once every record
    carries its correct PINFL (checked by the service, never marked by hand)."""

    number = models.CharField(_("letter number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.DRAFT
    )
    signatory_name = models.CharField(_("signatory"), max_length=255, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=255, blank=True)
    sent_on = models.DateField(_("letter date"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("PINFL correction request")
        verbose_name_plural = _("PINFL correction requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class PinflCorrectionLine(models.Model):
    """One flagged record of a request: the student or the employee, the wrong and the correct PINFL,
    the reason."""

    request = models.ForeignKey(
        PinflCorrection, verbose_name=_("request"), on_delete=models.CASCADE, related_name="lines"
    )
    person_kind = models.CharField(_("record"), max_length=8, choices=PersonKind.choices)
    student = models.ForeignKey(
        "students.Student",
        verbose_name=_("student"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employee = models.ForeignKey(
        "staff.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    wrong_value = models.CharField(_("wrong PINFL"), max_length=14)
    correct_value = models.CharField(_("correct PINFL"), max_length=14)
    reason = models.CharField(_("reason"), max_length=255)
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flagged PINFL")
        verbose_name_plural = _("flagged PINFLs")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person_kind="student", student__isnull=False, employee__isnull=True))
                | (Q(person_kind="employee", employee__isnull=False, student__isnull=True)),
                name="exchange_line_one_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.person}"

    @property
    def person(self):
        return self.student if self.person_kind == PersonKind.STUDENT else self.employee
