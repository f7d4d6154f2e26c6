"""HEMIS classifier values used by staff records."""

from decimal import Decimal

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


class EmployeeStatus(models.TextChoices):
    """HEMIS classifier ``h_teacher_status``: follows the labour events."""

    WORKING = "11", _("Working")
    ON_LEAVE = "12", _("On leave")
    ON_TRIP = "13", _("On business trip")
    DISMISSED = "14", _("Dismissed")


class Citizenship(models.TextChoices):
    """HEMIS classifier ``h_citizenship_type``."""

    UZBEKISTAN = "11", _("Citizen of the Republic of Uzbekistan")
    FOREIGN = "12", _("Citizen of a foreign state")
    STATELESS = "13", _("Stateless person")


class AcademicDegree(models.TextChoices):
    """HEMIS classifier ``h_academic_degree``."""

    NONE = "10", _("No degree")
    PHD = "11", _("Candidate of sciences, PhD")
    DSC = "12", _("Doctor of sciences, DSc")


class AcademicRank(models.TextChoices):
    """HEMIS classifier ``h_academic_rank``."""

    NONE = "10", _("No rank")
    DOCENT = "11", _("Docent")
    SENIOR_RESEARCHER = "12", _("Senior researcher")
    PROFESSOR = "13", _("Professor")


class StaffRate(models.TextChoices):
    """HEMIS classifier ``h_employment_staff``: the only staff rates an appointment may have."""

    FULL = "11", _("1.00 rate")
    THREE_QUARTERS = "12", _("0.75 rate")
    HALF = "13", _("0.50 rate")
    QUARTER = "14", _("0.25 rate")


RATE_OF_CODE: dict[str, Decimal] = {
    StaffRate.FULL: Decimal("1.00"),
    StaffRate.THREE_QUARTERS: Decimal("0.75"),
    StaffRate.HALF: Decimal("0.50"),
    StaffRate.QUARTER: Decimal("0.25"),
}
ALLOWED_RATES: tuple[Decimal, ...] = tuple(RATE_OF_CODE.values())


class LabourEventKind(models.TextChoices):
    """Labour events entered by order (annex 3, item 5; position changes also annex 3, item 3)."""

    VACATION = "vacation", _("Vacation")
    BUSINESS_TRIP = "business_trip", _("Business trip")
    DISMISSAL = "dismissal", _("Dismissal")
    POSITION_CHANGE = "position_change", _("Position change")
