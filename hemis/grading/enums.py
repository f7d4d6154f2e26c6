"""The states of grading: a record's result, a debt's clearing, a re-study enrolment."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecordStatus(models.TextChoices):
    """Where a student stands in a curriculum subject, as the academic record computes it."""

    IN_PROGRESS = "in_progress", _("In progress")
    PASSED = "passed", pgettext_lazy("grade", "Passed")
    FAILED = "failed", pgettext_lazy("grade", "Failed")  # the final control graded below the pass border
    MISSING = "missing", _("Missing")  # the final control is past and the student has no grade
    BARRED = "barred", _("Barred")  # barred from the final control by absences


# The statuses that are an academic debt (annex 5 item 12).
DEBTS = (RecordStatus.FAILED, RecordStatus.MISSING, RecordStatus.BARRED)


class ClearingWay(models.TextChoices):
    """How an individual plan clears a debt."""

    RESIT = "resit", _("Re-sit (2nd or 3rd statement)")
    RESTUDY = "restudy", _("Paid re-study")


class PlanItemStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("state", "Open")
    CLEARED = "cleared", _("Cleared")
    CANCELLED = "cancelled", _("Cancelled")


class SessionKind(models.TextChoices):
    """A re-study session: a lesson, or a control of the re-study group."""

    LESSON = "lesson", _("Lesson")
    CONTROL = "control", _("Control")
