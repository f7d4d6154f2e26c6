"""HEMIS classifier values used by staff records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    """HEMIS classifier ``h_teacher_position_type``."""

    INTERN_TEACHER = "11", _("Intern teacher")
    ASSISTANT = "12", _("Assistant")
    SENIOR_TEACHER = "13", _("Senior teacher")
    DOCENT = "14", _("Associate professor (docent)")
    PROFESSOR = "15", _("Professor")
    HEAD_OF_DEPARTMENT = "16", _("Head of department")
    HEAD_OF_DIVISION = "17", _("Head of division")
    METHODOLOGIST = "18", _("Methodologist")
    HEAD_OF_CENTRE = "19", _("Head of centre")
    RECTOR = "20", _("Rector")
    VICE_RECTOR_RESEARCH = "21", _("Vice-rector for research and innovation")
    FIRST_VICE_RECTOR = "22", _("First vice-rector for academic affairs")
    VICE_RECTOR_YOUTH = "23", _("Vice-rector for youth affairs")
    VICE_RECTOR_FINANCE = "24", _("Vice-rector for finance and economics")
    DEAN = "25", _("Dean")
    DEPUTY_DEAN = "26", _("Deputy dean")
    INSPECTOR = "27", _("Inspector")
    VICE_RECTOR_IT = "28", _("Vice-rector for information technology")
    TEACHER = "29", _("Teacher")
    ACCOUNTANT = "30", _("Accountant")
    DIRECTOR = "31", _("Director")
    TUTOR = "34", _("Tutor")


class EmploymentForm(models.TextChoices):
    """HEMIS classifier ``h_employment_form``."""

    MAIN = "11", _("Main place of work")
    INTERNAL_PART_TIME = "12", _("Internal part-time")
    EXTERNAL_PART_TIME = "13", _("External part-time")
    HOURLY = "14", _("Hourly")
