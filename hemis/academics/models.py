"""Programmes offered by faculties, and the academic set-up of annex 4: marking systems with their
grade bands, control and statement types, academic years and semesters, lesson pairs, rating criteria."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.academics.enums import Language, RatingTarget, SemesterType
from hemis.core.models import Named, TimeStamped, localized


class EducationType(models.TextChoices):
    """HEMIS classifier ``h_education_type``."""

    BACHELOR = "11", _("Bachelor")
    MASTER = "12", _("Master")


class EducationForm(models.TextChoices):
    """HEMIS classifier ``h_education_form``."""

    FULL_TIME = "11", _("Full-time")
    EVENING = "12", _("Evening")
    PART_TIME = "13", _("Part-time")


class Programme(Named, TimeStamped):
    """A bachelor direction or a master specialty (HEMIS ``Specialty``) opened at a faculty.

    ``opened_on`` is the date of the order that opened it: annex 5 item 1 is due one working day
    after it, and annex 4 item 4 asks the academic department to add newly opened programmes."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="programmes"
    )
    education_type = models.CharField(_("education type"), max_length=2, choices=EducationType.choices)
    education_form = models.CharField(
        _("education form"), max_length=2, choices=EducationForm.choices, default=EducationForm.FULL_TIME
    )
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, default=Language.UZBEK
    )
    duration_years = models.PositiveSmallIntegerField(_("duration, years"), default=4)
    qualification_uz = models.CharField(_("qualification (Uzbek)"), max_length=255, blank=True)
    qualification_ru = models.CharField(_("qualification (Russian)"), max_length=255, blank=True)
    qualification_en = models.CharField(_("qualification (English)"), max_length=255, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    opening_order = models.CharField(_("opening order number"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_years__gte=1, duration_years__lte=7),
                name="academics_programme_duration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def qualification(self) -> str:
        return localized(self, "qualification")


class Subject(Named, TimeStamped):
    """The subject catalogue (annex 4 item 8): one entry per subject, in Uzbek and English, with the
    department responsible for it. ``catalogued_at`` is when the entry first had its Uzbek and English
    names and descriptions (the evaluator measures the catalogue on it)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="subjects"
    )
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    catalogued_at = models.DateTimeField(_("catalogued at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["code"]

    @property
    def description(self) -> str:
        return localized(self, "description")


# --- marking systems and grade bands (annex 4, item 1) -----------------------------------------


class MarkingSystem(Named, TimeStamped):
    """A marking system (HEMIS ``h_marking_system``): the points scale and the pass border."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    pass_border = models.PositiveSmallIntegerField(_("minimum pass border"))
    max_value = models.PositiveSmallIntegerField(_("maximum value"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("marking system")
        verbose_name_plural = _("marking systems")
        ordering = ["code"]


class GradeBand(Named, TimeStamped):
    """A grade type of a marking system: the points from ``min_value`` to ``max_value`` (inclusive)."""

    marking_system = models.ForeignKey(
        MarkingSystem, verbose_name=_("marking system"), on_delete=models.CASCADE, related_name="bands"
    )
    grade = models.CharField(_("grade"), max_length=8)
    min_value = models.PositiveSmallIntegerField(_("from"))
    max_value = models.PositiveSmallIntegerField(_("to"))
    grade_point = models.DecimalField(_("grade point"), max_digits=3, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["marking_system", "-min_value"]
        constraints = [
            models.UniqueConstraint(fields=["marking_system", "grade"], name="academics_band_grade_unique"),
            models.CheckConstraint(
                condition=models.Q(max_value__gte=models.F("min_value")), name="academics_band_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade} ({self.min_value}–{self.max_value})"


# --- control (assessment) types and statement types (annex 4, items 1 and 3) --------------------


class ControlType(Named, TimeStamped):
    """An assessment (control) type, HEMIS ``h_exam_type``; loaded by a data migration."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("control type")
        verbose_name_plural = _("control types")
        ordering = ["code"]


class StatementType(Named, TimeStamped):
    """A statement (qaydnoma) type: HEMIS ``h_final_exam_type`` 11–13, and the university's own."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("statement type")
        verbose_name_plural = _("statement types")
        ordering = ["code"]


# --- academic years, semesters, lesson pairs, rating criteria (annex 4, items 2, 6, 7) ----------


class AcademicYear(TimeStamped):
    """An academic year such as "2026-2027"; exactly one is current once the academic department sets it."""

    name = models.CharField(_("academic year"), max_length=9, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_current = models.BooleanField(_("current"), default=False, editable=False)

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="academics_one_current_year"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="academics_year_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Semester(TimeStamped):
    """A semester of an academic year. ``made_current_on`` is the first day it was made current
    (kept when a later semester replaces it): annex 4 item 2 is measured on it."""

    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("academic year"), on_delete=models.PROTECT, related_name="semesters"
    )
    semester_type = models.CharField(_("semester type"), max_length=2, choices=SemesterType.choices)
    number = models.PositiveSmallIntegerField(_("number in the year"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_current = models.BooleanField(_("current"), default=False, editable=False)
    made_current_on = models.DateField(_("made current on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("semester")
        verbose_name_plural = _("semesters")
        ordering = ["academic_year__start_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "number"], name="academics_semester_number"),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="academics_one_current_semester",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="academics_semester_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.academic_year.name}, {self.get_semester_type_display()}"


class LessonPair(TimeStamped):
    """A numbered lesson pair (juftlik) of an academic year, with its start and end time."""

    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("academic year"), on_delete=models.CASCADE, related_name="lesson_pairs"
    )
    number = models.PositiveSmallIntegerField(_("pair number"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))

    class Meta:
        verbose_name = _("lesson pair")
        verbose_name_plural = _("lesson pairs")
        ordering = ["academic_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "number"], name="academics_pair_number"),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="academics_pair_times"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class RatingCriterion(Named, TimeStamped):
    """A criterion of the yearly rating of teachers, departments or faculties, with its weight (%)."""

    academic_year = models.ForeignKey(
        AcademicYear,
        verbose_name=_("academic year"),
        on_delete=models.CASCADE,
        related_name="rating_criteria",
    )
    target = models.CharField(_("rated"), max_length=16, choices=RatingTarget.choices)
    weight = models.DecimalField(_("weight, %"), max_digits=5, decimal_places=2)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("rating criterion")
        verbose_name_plural = _("rating criteria")
        ordering = ["academic_year", "target", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="academics_criterion_weight"),
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="academics_criterion_points"),
        ]
