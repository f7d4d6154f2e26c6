"""Choices of the teaching app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ResourceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class WorkKind(models.TextChoices):
    METHODOLOGICAL = "methodological", _("Methodological work")
    RESEARCH = "research", _("Research work")


class WorkStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("work", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("work", "Approved")
    RETURNED = "returned", pgettext_lazy("work", "Returned")


class AbsenceLevel(models.TextChoices):
    """The lists a student's unexcused hours of a semester put them on (annex 5 item 14)."""

    WARNING = "warning", _("Warning")
    REPRIMAND = "reprimand", _("Reprimand")
    EXPULSION = "expulsion", _("Expulsion")
