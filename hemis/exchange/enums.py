"""The record kinds HEMIS sends to the central registry, the states of a queued item and of a PINFL
correction request."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncKind(models.TextChoices):
    DEPARTMENTS = "departments", _("Departments (org units)")
    STUDENTS = "students", _("Students")
    EMPLOYEES = "employees", _("Employees")
    GROUPS = "groups", _("Groups")
    DIPLOMAS = "diplomas", _("Diplomas")
    BLANKS = "blanks", _("Diploma blanks")
    CONTRACTS_REPORT = "contracts_report", _("Contracts report")
    GRADUATE_EMPLOYMENT = "graduate_employment", _("Graduate employment")


# The kinds whose records OpenHEMIS keeps today; the others are listed with no items ("not kept yet").
KEPT_KINDS = (
    SyncKind.DEPARTMENTS,
    SyncKind.STUDENTS,
    SyncKind.EMPLOYEES,
    SyncKind.GROUPS,
    SyncKind.DIPLOMAS,
)


class SyncStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


LIVE_STATUSES = (SyncStatus.PENDING, SyncStatus.FAILED)


class CorrectionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    CORRECTED = "corrected", _("Corrected")


class PersonKind(models.TextChoices):
    STUDENT = "student", _("Student")
    EMPLOYEE = "employee", _("Employee")
