"""Timetables and control schedules (annex 5 items 9–10, annex 4 item 10).

- ``TeachingLoad``: who teaches a group's subject, per lesson type (the department's distribution,
  annex 6); the timetable accepts a teacher only for a load they hold, and the solver schedules loads.
- ``TimetableEntry``: a weekly entry of a semester — subject, lesson type, teacher, room, weekday,
  pair and the weeks it runs — for one or more groups or subgroups (``EntryGroup``; several groups
  in one entry are a stream sharing a lecture).
- ``Lesson``: the dated lessons an entry expands into on the working-day calendar, and the control
  events of the control schedule (``kind``). A cancelled lesson keeps its row and its reason.
- ``LessonGroup``: who attends a lesson (a group, or a subgroup of it).
- ``GroupSlot``: the occupancy of a group at a date and pair. A whole-group lesson occupies the
  group's part 0 and every subgroup's part; a subgroup lesson its subgroup's part only. With the
  partial unique indexes on teacher, room and group slots, the database itself refuses a clash
  that two concurrent edits might otherwise both pass (the services check first, with a message).
- ``ControlPublication``: when a group's control schedule of a semester was published.
- ``CalendarFeed``: the secret per-person address of a teacher's or student's ``.ics`` feed.
- ``Draft`` / ``DraftItem``: a solver-made week the dean's office reviews and applies.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import WEEKDAYS, TimeStamped
from hemis.curricula.enums import TrainingType
from hemis.jobs.models import JobStatus
from hemis.schedule.enums import Attempt, ControlKind, DraftStatus, LessonKind, LessonStatus, Weeks

# A lesson pair is two academic hours.
PAIR_HOURS = 2


class TeachingLoad(TimeStamped):
    """A teacher assigned to one lesson type of a group's subject for its semester (annex 6).
    ``assigned_on`` is the assignment date the teacher's deadlines count from."""

    group_subject = models.ForeignKey(
        "students.GroupSubject",
        verbose_name=_("group subject"),
        on_delete=models.CASCADE,
        related_name="loads",
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices)
    teacher = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="teaching_loads"
    )
    assigned_on = models.DateField(_("assigned on"))

    class Meta:
        verbose_name = _("teaching load")
        verbose_name_plural = _("teaching loads")
        ordering = ["group_subject", "training_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["group_subject", "training_type", "teacher"], name="schedule_load_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_subject_id} {self.get_training_type_display()} {self.teacher}"


class TimetableEntry(TimeStamped):
    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="timetable"
    )
    # The faculty of the entry's groups (a stream is of one faculty): the dean's scope.
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="timetable_entries"
    )
    subject = models.ForeignKey(
        "academics.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices)
    teacher = models.ForeignKey(
        "staff.Employee",
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="timetable_entries",
    )
    room = models.ForeignKey("org.Room", verbose_name=_("room"), on_delete=models.PROTECT, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    pair = models.PositiveSmallIntegerField(_("pair"))
    weeks = models.CharField(_("weeks"), max_length=8, choices=Weeks.choices, default=Weeks.ALL)
    week_numbers = models.JSONField(_("week numbers"), default=list, blank=True)
    # An entry moved "from a date on" ends the day before and a new entry starts that day.
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("timetable entry")
        verbose_name_plural = _("timetable entries")
        ordering = ["semester", "weekday", "pair"]
        indexes = [models.Index(fields=["semester", "faculty"], name="schedule_entry_sem_faculty")]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7), name="schedule_entry_weekday"
            ),
            models.CheckConstraint(condition=Q(pair__gte=1), name="schedule_entry_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.get_weekday_display()} {self.pair}"


def attending_label(group: str, subgroup: str | None) -> str:
    """ "KT-21", or "KT-21 (1)" for its subgroup 1."""
    return group if not subgroup else f"{group} ({subgroup})"


class Attending(models.Model):
    """A group, or one subgroup of it, taking part (in an entry, in a dated lesson)."""

    group = models.ForeignKey(
        "students.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="+"
    )
    subgroup = models.ForeignKey(
        "students.Subgroup",
        verbose_name=_("subgroup"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.subgroup or self.group)

    @property
    def label(self) -> str:
        return attending_label(self.group.name, self.subgroup.name if self.subgroup else None)


class EntryGroup(Attending):
    entry = models.ForeignKey(TimetableEntry, on_delete=models.CASCADE, related_name="groups")

    class Meta:
        verbose_name = _("group of a timetable entry")
        verbose_name_plural = _("groups of timetable entries")
        constraints = [models.UniqueConstraint(fields=["entry", "group"], name="schedule_entry_group_once")]


class Lesson(TimeStamped):
    """A dated lesson (or control event) at a pair; the unit everything after the timetable stands on."""

    kind = models.CharField(_("kind"), max_length=8, choices=LessonKind.choices, default=LessonKind.LESSON)
    entry = models.ForeignKey(
        TimetableEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="lessons"
    )
    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="lessons"
    )
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        "academics.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices, blank=True)
    control_kind = models.CharField(_("control"), max_length=2, choices=ControlKind.choices, blank=True)
    attempt = models.CharField(_("statement"), max_length=2, choices=Attempt.choices, blank=True)
    teacher = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="lessons"
    )
    room = models.ForeignKey("org.Room", verbose_name=_("room"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    pair = models.PositiveSmallIntegerField(_("pair"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    status = models.CharField(
        _("status"), max_length=16, choices=LessonStatus.choices, default=LessonStatus.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    moved_from_date = models.DateField(_("moved from"), null=True, blank=True)
    moved_from_pair = models.PositiveSmallIntegerField(_("moved from pair"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["date", "pair"]
        indexes = [
            models.Index(fields=["semester", "faculty"], name="schedule_lesson_sem_faculty"),
            models.Index(fields=["teacher", "date"], name="schedule_lesson_teacher_date"),
            models.Index(fields=["room", "date"], name="schedule_lesson_room_date"),
            models.Index(fields=["date", "pair"], name="schedule_lesson_date_pair"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "date", "pair"],
                condition=Q(status="scheduled"),
                name="schedule_teacher_free",
                violation_error_message=_("The teacher already has a lesson at this pair."),
            ),
            models.UniqueConstraint(
                fields=["room", "date", "pair"],
                condition=Q(status="scheduled"),
                name="schedule_room_free",
                violation_error_message=_("The room is already taken at this pair."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="schedule_lesson_times"
            ),
            models.CheckConstraint(
                condition=Q(kind="lesson", control_kind="") | Q(kind="control", training_type=""),
                name="schedule_lesson_or_control",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.pair} {self.subject}"

    @property
    def kind_label(self) -> str:
        """What is held: the control ("Final control") or the lesson type ("Lecture")."""
        return self.get_control_kind_display() if self.control_kind else self.get_training_type_display()


class LessonGroup(Attending):
    """A group (or one subgroup of it) attending a lesson."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendees")

    class Meta:
        verbose_name = _("group of a lesson")
        verbose_name_plural = _("groups of lessons")
        indexes = [models.Index(fields=["group", "lesson"], name="schedule_attendee_group")]
        constraints = [models.UniqueConstraint(fields=["lesson", "group"], name="schedule_lesson_group_once")]


class GroupSlot(models.Model):
    """One part of a group (0: the whole group; else a subgroup's id) taken at a date and pair."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="slots")
    group = models.ForeignKey("students.Group", on_delete=models.CASCADE, related_name="+")
    part = models.PositiveIntegerField()
    date = models.DateField()
    pair = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "part", "date", "pair"],
                condition=Q(active=True),
                name="schedule_group_free",
                violation_error_message=_("The group already has a lesson at this pair."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.part} {self.date:%d.%m.%Y} {self.pair}"


class ControlPublication(TimeStamped):
    """A group's control schedule of a semester was published to its students and teachers."""

    group = models.ForeignKey("students.Group", on_delete=models.CASCADE, related_name="+")
    semester = models.ForeignKey("academics.Semester", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("control schedule publication")
        verbose_name_plural = _("control schedule publications")
        constraints = [
            models.UniqueConstraint(fields=["group", "semester"], name="schedule_control_published_once")
        ]


class CalendarFeed(TimeStamped):
    """The secret token of a person's ``.ics`` address; resetting it makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")


class Draft(TimeStamped):
    """A week proposed by the solver for a faculty's groups of a semester."""

    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="+"
    )
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DraftStatus.choices, default=DraftStatus.RUNNING
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    max_pairs_per_day = models.PositiveSmallIntegerField(_("at most pairs a day"), default=4)
    placed = models.PositiveIntegerField(_("placed"), default=0)
    requested = models.PositiveIntegerField(_("requested"), default=0)
    # What could not be placed, and why: [{"load": id, "group": name, "subject": name, "reason": text}].
    unplaced = models.JSONField(default=list, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("timetable draft")
        verbose_name_plural = _("timetable drafts")
        ordering = ["-created_at"]

    @property
    def state(self) -> str:
        """The status as a page tells it: a running draft whose job failed has failed."""
        if self.status == DraftStatus.RUNNING and self.job_id and self.job.status == JobStatus.FAILED:
            return DraftStatus.FAILED
        return self.status

    @property
    def state_label(self) -> str:
        return DraftStatus(self.state).label


class DraftItem(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="items")
    load = models.ForeignKey(TeachingLoad, on_delete=models.CASCADE, related_name="+")
    # The subgroup the lesson is for (a laboratory of one subgroup); empty: the load's whole group.
    subgroup = models.ForeignKey(
        "students.Subgroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    pair = models.PositiveSmallIntegerField()
    room = models.ForeignKey("org.Room", on_delete=models.CASCADE, related_name="+")
    weeks = models.CharField(max_length=8, choices=Weeks.choices, default=Weeks.ALL)

    class Meta:
        ordering = ["weekday", "pair"]

    def __str__(self) -> str:
        return f"{self.load_id} {self.weekday} {self.pair}"


class TeacherUnavailability(models.Model):
    """A weekday pair a teacher asked not to teach at (the solver avoids it; a soft rule)."""

    teacher = models.ForeignKey("staff.Employee", on_delete=models.CASCADE, related_name="unavailable_slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    pair = models.PositiveSmallIntegerField(_("pair"))

    class Meta:
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [
            models.UniqueConstraint(fields=["teacher", "weekday", "pair"], name="schedule_unavailable_once")
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id} {self.weekday} {self.pair}"
