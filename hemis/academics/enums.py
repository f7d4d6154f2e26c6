"""HEMIS classifier values of the academic set-up (annex 4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MarkingSystemCode(models.TextChoices):
    """HEMIS ``h_marking_system``: the three standard systems (a university may add local ones)."""

    RATING = "11", _("Rating system (100-point)")
    FIVE_POINT = "12", _("Five-point system")
    CREDIT = "13", _("Credit system")


class ExamType(models.TextChoices):
    """HEMIS classifier ``h_exam_type``: the control (assessment) types."""

    CURRENT_AND_MIDTERM = "10", _("Current and midterm (JN+ON)")
    CURRENT = "11", _("Current control")
    MIDTERM = "12", _("Midterm control")
    FINAL = "13", _("Final control")
    OVERALL = "14", _("Overall")
    CURRENT_1 = "15", _("1st current control")
    CURRENT_2 = "16", _("2nd current control")
    MIDTERM_1 = "17", _("1st midterm control")
    MIDTERM_2 = "18", _("2nd midterm control")


class FinalExamType(models.TextChoices):
    """HEMIS classifier ``h_final_exam_type``: the statement (qaydnoma) types."""

    FIRST = "11", _("1st statement")
    SECOND = "12", _("2nd statement")
    THIRD = "13", _("3rd statement")


class SemesterType(models.TextChoices):
    """HEMIS classifier ``h_semestr_type``."""

    AUTUMN = "11", _("Autumn semester")
    SPRING = "12", _("Spring semester")


class RatingTarget(models.TextChoices):
    """Whom a rating criterion rates (annex 4, item 7)."""

    TEACHER = "teacher", _("Teachers")
    DEPARTMENT = "department", _("Departments")
    FACULTY = "faculty", _("Faculties")


class Language(models.TextChoices):
    """HEMIS classifier ``h_language``: the language of instruction."""

    UZBEK = "11", _("Uzbek")
    RUSSIAN = "12", _("Russian")
    KARAKALPAK = "13", _("Karakalpak")
    ENGLISH = "14", _("English")
