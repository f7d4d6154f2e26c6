"""The sixteen roles of the regulation (chapter 1.3, chapter 3), and the "API User" role of annex 2 that the\ndata API's tokens are issued to, as data loaded into ``Role``."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    UNIVERSITY = "university", _("Whole university")
    FACULTY = "faculty", _("Faculty")
    DEPARTMENT = "department", _("Department")
    OWN = "own", _("Own records")


class Family(models.TextChoices):
    ENTERING = "entering", _("Entering and editing")
    CONTROLLING = "controlling", _("Controlling")
    RECEIVING = "receiving", _("Information receiving")


class RoleCode(models.TextChoices):
    SUPER_ADMIN = "super_admin", _("Super administrator")
    ICT = "ict", _("ICT department")
    HR = "hr", _("HR department")
    ACADEMIC = "academic", _("Academic department")
    DEAN = "dean", _("Dean's office")
    HEAD = "head", _("Head of department")
    TEACHER = "teacher", _("Teacher")
    ACCOUNTING = "accounting", _("Accounting")
    SCIENCE = "science", _("Research department")
    DOCTORATE = "doctorate", _("Doctoral studies department")
    MARKETING = "marketing", _("Marketing department")
    DIPLOMA = "diploma", _("Diploma department")
    STUDENT = "student", _("Student")
    MANAGEMENT = "management", _("Management")
    LIBRARY = "library", _("Information resource centre")
    DORMITORY = "dormitory", _("Dormitory")
    # Annex 2: an account the data (Backend) API's tokens are issued to; it opens no page.
    API_USER = "api_user", _("API user")


@dataclass(frozen=True)
class RoleSpec:
    code: str
    scope: str
    family: str
    name_uz: str
    name_ru: str
    name_en: str


ROLE_SPECS: tuple[RoleSpec, ...] = (
    RoleSpec(
        "super_admin",
        Scope.UNIVERSITY,
        Family.ENTERING,
        "Super administrator",
        "Суперадминистратор",
        "Super administrator",
    ),
    RoleSpec(
        "ict", Scope.UNIVERSITY, Family.ENTERING, "OTT RTTM (AKT boʻlimi)", "Отдел ИКТ", "ICT department"
    ),
    RoleSpec("hr", Scope.UNIVERSITY, Family.ENTERING, "Kadrlar boʻlimi", "Отдел кадров", "HR department"),
    RoleSpec(
        "academic", Scope.UNIVERSITY, Family.ENTERING, "Oʻquv boʻlimi", "Учебный отдел", "Academic department"
    ),
    RoleSpec("dean", Scope.FACULTY, Family.ENTERING, "Dekanat", "Деканат", "Dean's office"),
    RoleSpec(
        "head",
        Scope.DEPARTMENT,
        Family.ENTERING,
        "Kafedra mudiri",
        "Заведующий кафедрой",
        "Head of department",
    ),
    RoleSpec("teacher", Scope.OWN, Family.ENTERING, "Professor-oʻqituvchi", "Преподаватель", "Teacher"),
    RoleSpec("accounting", Scope.UNIVERSITY, Family.ENTERING, "Buxgalteriya", "Бухгалтерия", "Accounting"),
    RoleSpec(
        "science", Scope.UNIVERSITY, Family.ENTERING, "Ilmiy boʻlim", "Научный отдел", "Research department"
    ),
    RoleSpec(
        "doctorate",
        Scope.UNIVERSITY,
        Family.ENTERING,
        "Doktorantura boʻlimi",
        "Отдел докторантуры",
        "Doctoral studies department",
    ),
    RoleSpec(
        "marketing",
        Scope.UNIVERSITY,
        Family.ENTERING,
        "Marketing boʻlimi",
        "Отдел маркетинга",
        "Marketing department",
    ),
    RoleSpec(
        "diploma",
        Scope.UNIVERSITY,
        Family.ENTERING,
        "Diplom boʻlimi",
        "Дипломный отдел",
        "Diploma department",
    ),
    RoleSpec("student", Scope.OWN, Family.RECEIVING, "Talaba", "Студент", "Student"),
    RoleSpec("management", Scope.UNIVERSITY, Family.CONTROLLING, "Rahbariyat", "Руководство", "Management"),
    RoleSpec(
        "library",
        Scope.UNIVERSITY,
        Family.CONTROLLING,
        "Axborot-resurs markazi",
        "Информационно-ресурсный центр",
        "Information resource centre",
    ),
    RoleSpec(
        "dormitory",
        Scope.UNIVERSITY,
        Family.CONTROLLING,
        "Talabalar turar joyi",
        "Студенческое общежитие",
        "Dormitory",
    ),
    RoleSpec(
        "api_user", Scope.UNIVERSITY, Family.RECEIVING, "API foydalanuvchisi", "Пользователь API", "API user"
    ),
)
