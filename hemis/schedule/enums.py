"""Choices of the timetable and the control schedule (HEMIS codes where HEMIS has a classifier)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Weeks(models.TextChoices):
    """Which weeks of the semester a timetable entry runs in (week 1 holds the semester's first day)."""

    ALL = "all", _("Every week")
    ODD = "odd", _("Odd weeks")
    EVEN = "even", _("Even weeks")
    LIST = "list", _("Listed weeks")


class LessonKind(models.TextChoices):
    LESSON = "lesson", _("Lesson")
    CONTROL = "control", _("Control")


class LessonStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class ControlKind(models.TextChoices):
    """HEMIS classifier ``h_exam_type`` (the three controls the timetable schedules)."""

    CURRENT = "11", _("Current control")
    MIDTERM = "12", _("Midterm control")
    FINAL = "13", _("Final control")


class Attempt(models.TextChoices):
    """HEMIS classifier ``h_final_exam_type``: the statement a control sits on (re-sits are the 2nd, 3rd)."""

    FIRST = "11", _("1st statement")
    SECOND = "12", _("2nd statement")
    THIRD = "13", _("3rd statement")


class DraftStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready")
    APPLIED = "applied", pgettext_lazy("draft", "Applied")
    FAILED = "failed", _("Failed")
