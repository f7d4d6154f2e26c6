"""Teaching: what teachers enter and department heads and deans check (annex 6, annex 7 items 1–4 and 6,
annex 5 item 14). The distribution of subjects to teachers is ``schedule.TeachingLoad``.

- ``Topic``: the calendar plan of a curriculum subject's lesson type (annex 7 item 1). Topics belong to
  the subject as the curriculum has it: every group on the curriculum and every teacher of it share them.
- ``Resource``: a file or a link of a subject's content (item 2), optionally of one topic.
- ``Assignment`` / ``Submission``: a task for the group of a load, with a deadline, maximum points and
  attempts (item 3); students submit files within the attempts and the teacher grades each.
- ``LessonRecord``: a lesson of the timetable recorded as held (item 4), with its topic; ``Absence``
  rows are the students absent (in academic hours, a pair is 2) and ``DailyMark`` the marks of the
  day where the marking system uses them. A present student has no row. ``version`` grows with each
  save of the journal, so that two people editing it do not overwrite each other silently.
- ``JournalReopening``: the dean's office reopened a lesson's locked journal for its teacher until a day.
- ``Excuse``: the dean's office excuses a student's absences of a period with a document.
- ``AttendanceRules``: per marking system, whether daily marks are kept and the unexcused hours of a
  semester that put a student on the warning, reprimand and expulsion lists.
- ``Work``: a teacher's methodological or research work, approved or returned by the department head
  (item 6, annex 6; maker–checker).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.curricula.enums import TrainingType
from hemis.teaching.enums import ResourceKind, WorkKind, WorkStatus


class Topic(TimeStamped):
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices)
    position = models.PositiveSmallIntegerField(_("no."))
    title = models.CharField(_("topic"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("hours"))  # academic hours
    week = models.PositiveSmallIntegerField(_("week"), null=True, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["curriculum_subject", "training_type", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum_subject", "training_type", "position"], name="teaching_topic_position"
            ),
            models.CheckConstraint(condition=Q(hours__gte=1), name="teaching_topic_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Resource(TimeStamped):
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.CASCADE,
        related_name="resources",
    )
    training_type = models.CharField(_("lesson type"), max_length=2, choices=TrainingType.choices)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    teacher = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="teaching/resources/%Y/%m/", blank=True, max_length=255)
    url = models.URLField(_("link"), blank=True, max_length=500)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["curriculum_subject", "training_type", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="file", url="") & ~Q(file="") | Q(kind="link", file="") & ~Q(url=""),
                name="teaching_resource_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(TimeStamped):
    load = models.ForeignKey(
        "schedule.TeachingLoad", verbose_name=_("load"), on_delete=models.CASCADE, related_name="assignments"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="teaching/assignments/%Y/%m/", blank=True, max_length=255)
    deadline = models.DateTimeField(_("deadline"))
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="teaching_assignment_points"),
            models.CheckConstraint(condition=Q(attempts__gte=1), name="teaching_assignment_attempts"),
        ]

    def __str__(self) -> str:
        return self.title


class Submission(TimeStamped):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="submissions"
    )
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="submissions"
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    file = models.FileField(_("file"), upload_to="teaching/submissions/%Y/%m/", max_length=255)
    comment = models.TextField(_("comment"), blank=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, null=True, blank=True)
    teacher_comment = models.TextField(_("teacher's comment"), blank=True)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment", "student", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student", "attempt"], name="teaching_submission_attempt_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.student_id} #{self.attempt}"


class LessonRecord(TimeStamped):
    """``created_at`` is when the lesson was recorded (annex 7 item 4 is measured on it)."""

    lesson = models.OneToOneField(
        "schedule.Lesson", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="record"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("lesson record")
        verbose_name_plural = _("lesson records")

    def __str__(self) -> str:
        return f"{self.lesson}"


class JournalReopening(TimeStamped):
    """The dean's office reopened a lesson's locked journal for its teacher until ``until`` (kept apart
    from the record: a lesson reopened but never recorded has no record)."""

    lesson = models.OneToOneField(
        "schedule.Lesson",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="journal_reopening",
    )
    until = models.DateField(_("reopened until"))

    class Meta:
        verbose_name = _("journal reopening")
        verbose_name_plural = _("journal reopenings")

    def __str__(self) -> str:
        return f"{self.lesson_id} {self.until:%d.%m.%Y}"


class Excuse(TimeStamped):
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="excuses"
    )
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=255)
    document_number = models.CharField(_("document number"), max_length=64)
    document = models.FileField(
        _("document"), upload_to="teaching/excuses/%Y/%m/", blank=True, max_length=255
    )

    # A withdrawn excuse stays, with who withdrew it and when; its absences are unexcused again.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("excuse")
        verbose_name_plural = _("excuses")
        ordering = ["-from_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_date__gte=F("from_date")), name="teaching_excuse_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.from_date:%d.%m.%Y}–{self.to_date:%d.%m.%Y}"


class Absence(models.Model):
    """A student absent from a recorded lesson, for ``hours`` academic hours; excused by ``excuse``."""

    record = models.ForeignKey(LessonRecord, on_delete=models.CASCADE, related_name="absences")
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="absences"
    )
    hours = models.PositiveSmallIntegerField(_("hours"))
    excuse = models.ForeignKey(
        Excuse,
        verbose_name=_("excuse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absences",
    )

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [models.Index(fields=["student", "record"], name="teaching_absence_student")]
        constraints = [
            models.UniqueConstraint(fields=["record", "student"], name="teaching_absence_once"),
            models.CheckConstraint(condition=Q(hours__gte=1), name="teaching_absence_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.student_id} {self.hours}"


class DailyMark(models.Model):
    record = models.ForeignKey(LessonRecord, on_delete=models.CASCADE, related_name="marks")
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="daily_marks"
    )
    value = models.PositiveSmallIntegerField(_("mark"))

    class Meta:
        verbose_name = _("daily mark")
        verbose_name_plural = _("daily marks")
        constraints = [models.UniqueConstraint(fields=["record", "student"], name="teaching_mark_once")]

    def __str__(self) -> str:
        return f"{self.record_id} {self.student_id} {self.value}"


class AttendanceRules(TimeStamped):
    """Per marking system: daily marks kept or not, and the unexcused hours of a semester behind each
    list. A marking system without a row follows ``teaching.rules.DEFAULTS``."""

    marking_system = models.OneToOneField(
        "academics.MarkingSystem",
        verbose_name=_("marking system"),
        on_delete=models.CASCADE,
        related_name="attendance_rules",
    )
    daily_marks = models.BooleanField(_("daily marks"), default=False)
    daily_mark_min = models.PositiveSmallIntegerField(_("lowest daily mark"), default=2)
    daily_mark_max = models.PositiveSmallIntegerField(_("highest daily mark"), default=5)
    warning_hours = models.PositiveSmallIntegerField(_("unexcused hours for a warning"))
    reprimand_hours = models.PositiveSmallIntegerField(_("unexcused hours for a reprimand"))
    expulsion_hours = models.PositiveSmallIntegerField(_("unexcused hours for expulsion"))

    class Meta:
        verbose_name = _("attendance rules")
        verbose_name_plural = _("attendance rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(warning_hours__lt=F("reprimand_hours"), reprimand_hours__lt=F("expulsion_hours")),
                name="teaching_rules_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=Q(daily_mark_max__gt=F("daily_mark_min")), name="teaching_rules_marks_ordered"
            ),
        ]

    def __str__(self) -> str:
        return str(self.marking_system)


class Work(TimeStamped):
    """``created_at`` is when the teacher entered it; ``department`` is the teacher's department then
    (whose head approves it)."""

    teacher = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="works"
    )
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=WorkKind.choices)
    title = models.CharField(_("title"), max_length=500)
    completed_on = models.DateField(_("completed on"))
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="teaching/works/%Y/%m/", blank=True, max_length=255)
    url = models.URLField(_("link"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("methodological or research work")
        verbose_name_plural = _("methodological and research works")
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return self.title
