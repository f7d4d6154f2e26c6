"""Documents issued to a student (annex 13 item 6). Each is registered with a human-readable number
(``MA-2026-000123``, unique; per kind a prefix and a yearly sequence kept in ``DocumentCounter``) and a
random check code: the QR code on the PDF carries both to the public verification page, so a number
alone cannot be enumerated. ``facts`` holds what the document states, frozen when it is issued (the PDF
and the verification page are drawn from them), and never more personal data than the document shows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.documents.enums import DocumentKind


class DocumentCounter(models.Model):
    """The last number given to a kind of document in a year; the issuing service raises it with one
    conditional ``UPDATE`` (the row stays locked until the document is stored), so two issues never
    share a number."""

    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="documents_counter_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class IssuedDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("registration number"), max_length=24, unique=True)
    check_code = models.CharField(_("check code"), max_length=32)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    facts = models.JSONField(_("facts"), default=dict)
    order = models.ForeignKey(
        "movements.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason of revocation"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["student", "-issued_at"], name="documents_student_issued")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=DocumentKind.ORDER_EXTRACT) | models.Q(order__isnull=False),
                name="documents_order_extract_has_order",
            ),
        ]

    def __str__(self) -> str:
        return self.number
