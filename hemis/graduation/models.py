"""The clearance sheet (bitiruv varagʻi) and the diploma gate.

- ``ClearanceUnit``: an office that signs the sheet (library, dormitory, accounting …), configured by the
  super administrator; ``role`` is the role code whose holders sign its lines.
- ``ClearanceSheet``: one per graduating student, opened by the student or the dean's office; a
  ``ClearanceLine`` per active unit at the moment it opened.
- ``ClearanceLine``: pending, signed or refused (with the reason: the debt). ``ready_at`` is when the
  line last became ready for the unit — the sheet opened, or the student reported the debt settled —
  the event the controlling roles' deadline counts from. ``ClearanceDecision`` keeps every decision and
  report, so a refusal is never lost when the line becomes pending again.
- ``Diploma``: the diploma department's record that a student's diploma is issued (series, number,
  date); the full diploma records come with a later issue.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import Named, TimeStamped
from hemis.graduation.enums import DecisionKind, LineState, SigningRole


class ClearanceUnit(Named, TimeStamped):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    role = models.CharField(_("signed by"), max_length=32, choices=SigningRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("clearance unit")
        verbose_name_plural = _("clearance units")
        ordering = ["order", "code"]


class ClearanceSheet(TimeStamped):
    student = models.OneToOneField(
        "students.Student",
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="clearance_sheet",
    )

    class Meta:
        verbose_name = _("clearance sheet")
        verbose_name_plural = _("clearance sheets")

    def __str__(self) -> str:
        return str(_("Clearance sheet of %(name)s") % {"name": self.student.full_name})


class ClearanceLine(models.Model):
    sheet = models.ForeignKey(
        ClearanceSheet, verbose_name=_("clearance sheet"), on_delete=models.CASCADE, related_name="lines"
    )
    unit = models.ForeignKey(
        ClearanceUnit, verbose_name=_("clearance unit"), on_delete=models.PROTECT, related_name="lines"
    )
    state = models.CharField(_("state"), max_length=8, choices=LineState.choices, default=LineState.PENDING)
    ready_at = models.DateTimeField(_("ready since"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("clearance line")
        verbose_name_plural = _("clearance lines")
        ordering = ["sheet", "unit__order", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "unit"], name="graduation_line_unique_unit"),
            models.CheckConstraint(
                condition=~models.Q(state=LineState.REFUSED) | ~models.Q(reason=""),
                name="graduation_line_refusal_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(state=LineState.PENDING) | models.Q(decided_at__isnull=False),
                name="graduation_line_decided_at",
            ),
        ]
        indexes = [models.Index(fields=["unit", "state"], name="graduation_line_unit_state")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_state_display()}"


class ClearanceDecision(models.Model):
    """One entry of a line's history: the unit's decision or the student's report (never changed)."""

    line = models.ForeignKey(
        ClearanceLine, verbose_name=_("clearance line"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("decision"), max_length=8, choices=DecisionKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    ready_at = models.DateTimeField(_("ready since"))  # the round the decision closed (or opened)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clearance decision")
        verbose_name_plural = _("clearance decisions")
        ordering = ["line", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d.%m.%Y}"


class Diploma(models.Model):
    student = models.OneToOneField(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="diploma"
    )
    series = models.CharField(_("series"), max_length=8)
    number = models.CharField(_("number"), max_length=16)
    issued_on = models.DateField(_("issued on"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="graduation_diploma_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.number}"
