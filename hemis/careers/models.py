"""Competitive selection (tanlov) of teachers and their professional-development (malaka oshirish) records."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hemis.careers.enums import (
    TEACHER_SUCCESS_SELECTION,
    TERM_YEARS_MAX,
    TERM_YEARS_MIN,
    CompetitionResult,
    TrainingPlace,
)
from hemis.core.models import TimeStamped
from hemis.staff.enums import Position


class Competition(TimeStamped):
    """A teacher's competitive selection for a position in a department, confirmed by an order.

    A passed selection holds from ``selection_date`` for ``term_years`` years and lapses on
    ``valid_until`` (computed by the service, stored so that monitoring can filter on it).
    """

    employee = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="competitions"
    )
    position = models.CharField(_("position"), max_length=2, choices=Position.choices)
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    selection_date = models.DateField(_("selection date"))
    term_years = models.PositiveSmallIntegerField(_("term (years)"))
    valid_until = models.DateField(_("valid until"), editable=False)
    result = models.CharField(_("result"), max_length=16, choices=CompetitionResult.choices)
    success_type = models.CharField(
        _("HEMIS achievement type"), max_length=2, default=TEACHER_SUCCESS_SELECTION, editable=False
    )  # h_teacher_success
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("competitive selection")
        verbose_name_plural = _("competitive selections")
        ordering = ["-selection_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__gte=TERM_YEARS_MIN) & Q(term_years__lte=TERM_YEARS_MAX),
                name="competition_term_range",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("selection_date")), name="competition_valid_after_selection"
            ),
        ]
        indexes = [models.Index(fields=["employee", "result", "selection_date"])]

    def __str__(self) -> str:
        return f"{self.employee} — {self.get_position_display()} ({self.selection_date:%d.%m.%Y})"

    @property
    def passed(self) -> bool:
        return self.result == CompetitionResult.PASSED


class TrainingRecord(TimeStamped):
    """A completed professional-development course of an employee, with its certificate and order."""

    employee = models.ForeignKey(
        "staff.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    place = models.CharField(_("type of training place"), max_length=2, choices=TrainingPlace.choices)
    institution = models.CharField(_("institution"), max_length=255)
    programme = models.CharField(_("programme or topic"), max_length=255)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    hours = models.PositiveIntegerField(_("hours"))
    certificate_number = models.CharField(_("certificate number"), max_length=64)
    certificate_date = models.DateField(_("certificate date"))
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))

    class Meta:
        verbose_name = _("professional-development record")
        verbose_name_plural = _("professional-development records")
        ordering = ["-date_to", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=F("date_from")), name="training_period_ordered"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive"),
            models.CheckConstraint(
                condition=Q(certificate_date__gte=F("date_to")), name="training_certificate_after_period"
            ),
        ]
        indexes = [models.Index(fields=["employee", "date_to"])]

    def __str__(self) -> str:
        return f"{self.employee} — {self.programme} ({self.date_from:%d.%m.%Y}–{self.date_to:%d.%m.%Y})"
