"""Curricula (oʻquv reja) of programmes per intake year (annex 5 items 2 and 3).

A curriculum has one ``CurriculumSemester`` per semester of the programme's duration, each with its
week schedule (``CurriculumWeek``) and its subjects (``CurriculumSubject``): type, block, credits,
hours per lesson type (``SubjectLoad``), control types with maximum points (``SubjectControl``),
final form and the responsible department. A curriculum is prepared as a draft and approved;
``approved_on`` is the date of approval (annex 4 item 8 is measured from it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import EducationForm
from hemis.core.models import TimeStamped
from hemis.curricula.enums import (
    CurriculumStatus,
    FinalForm,
    SubjectBlock,
    SubjectType,
    TrainingType,
    WeekKind,
)


class Curriculum(TimeStamped):
    programme = models.ForeignKey(
        "academics.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="curricula"
    )
    intake_year = models.PositiveSmallIntegerField(_("intake year"))
    education_form = models.CharField(
        _("education form"), max_length=2, choices=EducationForm.choices, default=EducationForm.FULL_TIME
    )
    marking_system = models.ForeignKey(
        "academics.MarkingSystem",
        verbose_name=_("marking system"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CurriculumStatus.choices, default=CurriculumStatus.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
    )

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        ordering = ["programme__code", "-intake_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "intake_year", "education_form"], name="curricula_one_per_intake"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} · {self.intake_year}"


class CurriculumSemester(TimeStamped):
    """Semester ``number`` (1, 2, … up to twice the duration) of a curriculum; odd ones are autumn."""

    curriculum = models.ForeignKey(
        Curriculum, verbose_name=_("curriculum"), on_delete=models.CASCADE, related_name="semesters"
    )
    number = models.PositiveSmallIntegerField(_("semester"))

    class Meta:
        verbose_name = _("curriculum semester")
        verbose_name_plural = _("curriculum semesters")
        ordering = ["curriculum", "number"]
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "number"], name="curricula_semester_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="curricula_semester_positive"),
        ]

    def __str__(self) -> str:
        return str(self.number)

    @property
    def course(self) -> int:
        return (self.number + 1) // 2

    @property
    def academic_year_start(self) -> int:
        """The calendar year in which this semester's academic year starts."""
        return self.curriculum.intake_year + (self.number - 1) // 2


class CurriculumWeek(models.Model):
    semester = models.ForeignKey(
        CurriculumSemester, verbose_name=_("semester"), on_delete=models.CASCADE, related_name="weeks"
    )
    number = models.PositiveSmallIntegerField(_("week"))
    kind = models.CharField(_("kind of week"), max_length=16, choices=WeekKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("curriculum week")
        verbose_name_plural = _("curriculum weeks")
        ordering = ["semester", "number"]
        constraints = [
            models.UniqueConstraint(fields=["semester", "number"], name="curricula_week_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="curricula_week_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.get_kind_display()}"


class CurriculumSubject(TimeStamped):
    """A subject in a curriculum semester; ``created_at`` is when it was entered (annex 5 item 3)."""

    semester = models.ForeignKey(
        CurriculumSemester, verbose_name=_("semester"), on_delete=models.CASCADE, related_name="subjects"
    )
    subject = models.ForeignKey(
        "academics.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="in_curricula"
    )
    subject_type = models.CharField(
        _("subject type"), max_length=2, choices=SubjectType.choices, default=SubjectType.MANDATORY
    )
    block = models.CharField(_("block"), max_length=8, choices=SubjectBlock.choices)
    credits = models.DecimalField(_("credits"), max_digits=4, decimal_places=1)
    final_form = models.CharField(
        _("final form"), max_length=2, choices=FinalForm.choices, default=FinalForm.EXAM
    )
    department = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="curriculum_subjects",
    )

    class Meta:
        verbose_name = _("curriculum subject")
        verbose_name_plural = _("curriculum subjects")
        ordering = ["semester", "subject__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["semester", "subject"], name="curricula_subject_once_per_semester"
            ),
            models.CheckConstraint(condition=models.Q(credits__gt=0), name="curricula_subject_credits"),
        ]

    def __str__(self) -> str:
        return str(self.subject)


class SubjectLoad(models.Model):
    """Hours of one lesson type of a curriculum subject (HEMIS ``CurriculumSubjectDetail``)."""

    curriculum_subject = models.ForeignKey(
        CurriculumSubject,
        verbose_name=_("curriculum subject"),
        on_delete=models.CASCADE,
        related_name="loads",
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices)
    hours = models.PositiveSmallIntegerField(_("hours"))

    class Meta:
        verbose_name = _("academic load")
        verbose_name_plural = _("academic loads")
        ordering = ["curriculum_subject", "training_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum_subject", "training_type"], name="curricula_load_once"
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="curricula_load_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.get_training_type_display()}: {self.hours}"


class SubjectControl(models.Model):
    """A control type of a curriculum subject with its maximum points (HEMIS ``CurriculumSubjectExamType``)."""

    curriculum_subject = models.ForeignKey(
        CurriculumSubject,
        verbose_name=_("curriculum subject"),
        on_delete=models.CASCADE,
        related_name="controls",
    )
    control_type = models.ForeignKey(
        "academics.ControlType", verbose_name=_("control type"), on_delete=models.PROTECT, related_name="+"
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"))

    class Meta:
        verbose_name = _("subject control")
        verbose_name_plural = _("subject controls")
        ordering = ["curriculum_subject", "control_type__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum_subject", "control_type"], name="curricula_control_once"
            ),
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="curricula_control_points"),
        ]

    def __str__(self) -> str:
        return f"{self.control_type}: {self.max_points}"
