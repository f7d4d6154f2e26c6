"""Grading (annex 7 item 5, annex 5 items 11–13, annex 1 item 7).

- ``Statement`` (qaydnoma): the official sheet of one control (current, midterm, final) of one group's
  subject — or of one paid re-study group — and its attempt (1st, 2nd, 3rd statement). The dean's
  office generates it with a ``StatementLine`` per student (barred students marked), the examiner
  enters the points until ``grade_lock_days`` working days after the control, the dean's office
  reopens it (``StatementReopening``) and signs it off.
- ``AcademicRecord``: the snapshot per student × curriculum subject computed from the statement
  lines (total points, the grade of the marking system's band, credits, status); ``Gpa`` the snapshot
  per student and academic year (and cumulative, ``academic_year`` empty), both recomputed set-based in
  SQL (``services.records``).
- ``PlanItem``: a line of a student's individual plan for clearing a debt.
- Paid re-study (annex 5 item 11): ``RestudyPeriod`` → ``RestudyGroup`` (a subject, a teacher) →
  ``RestudyEnrolment`` (a student, the curriculum subject they failed) and ``RestudySession`` (the
  group's timetable and control schedule); its statements are ``Statement`` rows of the group.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus, SessionKind
from hemis.schedule.enums import Attempt, ControlKind

USER = settings.AUTH_USER_MODEL


# --- paid re-study (annex 5 item 11) ------------------------------------------------------------


class RestudyPeriod(TimeStamped):
    """A period of paid re-study, with its fee per credit."""

    name = models.CharField(_("name"), max_length=255)
    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    fee_per_credit = models.DecimalField(_("fee per credit, UZS"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("re-study period")
        verbose_name_plural = _("re-study periods")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="grading_period_dates"),
            models.CheckConstraint(condition=Q(fee_per_credit__gte=0), name="grading_period_fee"),
        ]

    def __str__(self) -> str:
        return self.name


class RestudyGroup(TimeStamped):
    """The students of a period re-studying one subject together, with their teacher. ``faculty`` is
    the dean's office that keeps it."""

    period = models.ForeignKey(
        RestudyPeriod, verbose_name=_("re-study period"), on_delete=models.CASCADE, related_name="groups"
    )
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        "academics.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=64)
    teacher = models.ForeignKey(
        "staff.Employee", verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="restudy_groups"
    )

    class Meta:
        verbose_name = _("re-study group")
        verbose_name_plural = _("re-study groups")
        ordering = ["period", "name"]
        constraints = [models.UniqueConstraint(fields=["period", "name"], name="grading_restudy_group_name")]

    def __str__(self) -> str:
        return self.name


class RestudyEnrolment(TimeStamped):
    """A student re-studying the curriculum subject they have a debt in; ``paid_on`` when the dean's
    office confirmed the payment (the fee is the period's per credit × the subject's credits)."""

    group = models.ForeignKey(
        RestudyGroup, verbose_name=_("re-study group"), on_delete=models.CASCADE, related_name="enrolments"
    )
    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.PROTECT, related_name="restudies"
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fee = models.DecimalField(_("fee, UZS"), max_digits=12, decimal_places=2, default=0)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-study enrolment")
        verbose_name_plural = _("re-study enrolments")
        ordering = ["group", "student__last_name", "student__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "student"], name="grading_enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.student}"


class RestudySession(TimeStamped):
    """A dated lesson or control of a re-study group (its timetable and control schedule)."""

    group = models.ForeignKey(
        RestudyGroup, verbose_name=_("re-study group"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=SessionKind.choices, default=SessionKind.LESSON)
    control_kind = models.CharField(_("control"), max_length=2, choices=ControlKind.choices, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    room = models.ForeignKey(
        "org.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("re-study session")
        verbose_name_plural = _("re-study sessions")
        ordering = ["group", "date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="grading_session_times"),
            models.CheckConstraint(
                condition=Q(kind="lesson", control_kind="") | Q(kind="control") & ~Q(control_kind=""),
                name="grading_session_control_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%d.%m.%Y}"


# --- statements (qaydnoma) ----------------------------------------------------------------------


class Statement(TimeStamped):
    """One control of one group's subject (``group_subject``) or of one re-study group
    (``restudy_group``), attempt 1–3. ``control_date`` is when the control was held (the lesson of
    the control on the timetable, or the re-study session): the lock and annex 7 item 5 count from it.
    ``max_points`` is the curriculum's maximum for the control."""

    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="+"
    )
    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        "academics.Subject", verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+"
    )
    group_subject = models.ForeignKey(
        "students.GroupSubject",
        verbose_name=_("group subject"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    restudy_group = models.ForeignKey(
        RestudyGroup,
        verbose_name=_("re-study group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    control_kind = models.CharField(_("control"), max_length=2, choices=ControlKind.choices)
    attempt = models.CharField(_("statement"), max_length=2, choices=Attempt.choices, default=Attempt.FIRST)
    control_lesson = models.ForeignKey(
        "schedule.Lesson",
        verbose_name=_("control on the timetable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    control_date = models.DateField(_("control date"))
    examiner = models.ForeignKey(
        "staff.Employee", verbose_name=_("examiner"), on_delete=models.PROTECT, related_name="statements"
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    signed_at = models.DateTimeField(_("signed off at"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        USER,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-control_date", "pk"]
        indexes = [
            models.Index(fields=["semester", "faculty"], name="grading_statement_sem_fac"),
            models.Index(fields=["examiner", "control_date"], name="grading_statement_examiner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["group_subject", "control_kind", "attempt"],
                condition=Q(group_subject__isnull=False),
                name="grading_statement_once_per_group",
            ),
            models.UniqueConstraint(
                fields=["restudy_group", "control_kind", "attempt"],
                condition=Q(restudy_group__isnull=False),
                name="grading_statement_once_per_restudy",
            ),
            models.CheckConstraint(
                condition=Q(group_subject__isnull=False, restudy_group__isnull=True)
                | Q(group_subject__isnull=True, restudy_group__isnull=False),
                name="grading_statement_of_group_or_restudy",
            ),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="grading_statement_max_points"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.get_control_kind_display()} · {self.get_attempt_display()}"

    @property
    def is_restudy(self) -> bool:
        return self.restudy_group_id is not None

    @property
    def group_name(self) -> str:
        """The academic group's name, or the re-study group's (load ``group_subject__group`` and
        ``restudy_group`` with the statement)."""
        return self.group_subject.group.name if self.group_subject_id else self.restudy_group.name


class StatementLine(models.Model):
    """A student's line of a statement: the points (empty until graded), whether absences bar them
    (``absent_hours`` unexcused hours of the subject when the statement was generated), and the
    ``version`` a grader's form carries so that a second editor is told rather than overwriting.
    ``curriculum_subject`` is the student's own (in a re-study group students of several curricula
    re-study one subject): the academic record is keyed on it."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="lines"
    )
    student = models.ForeignKey(
        "students.Student",
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="statement_lines",
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    barred = models.BooleanField(_("barred by absences"), default=False)
    absent_hours = models.PositiveSmallIntegerField(_("unexcused hours"), default=0)
    version = models.PositiveIntegerField(default=0, editable=False)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True, editable=False)
    graded_by = models.ForeignKey(
        USER, verbose_name=_("graded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "student__last_name", "student__first_name"]
        indexes = [models.Index(fields=["student", "curriculum_subject"], name="grading_line_student_cs")]
        constraints = [
            models.UniqueConstraint(fields=["statement", "student"], name="grading_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.student_id}: {self.points}"


class StatementReopening(TimeStamped):
    """The dean's office reopened a locked statement for its examiner until ``until``."""

    statement = models.OneToOneField(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="reopening"
    )
    until = models.DateField(_("reopened until"))
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        verbose_name = _("statement reopening")
        verbose_name_plural = _("statement reopenings")

    def __str__(self) -> str:
        return f"{self.statement_id} {self.until:%d.%m.%Y}"


# --- the academic record and the GPA (snapshots, recomputed set-based) -------------------------


class AcademicRecord(models.Model):
    """A student's result in a curriculum subject, computed from the statement lines
    (``services.records``): for each control the points of the latest graded attempt (a re-study
    statement after the group's), ``total_points`` of ``max_points``; ``score`` the total on the
    marking system's scale; ``grade`` and ``grade_point`` of the band the score falls in.
    ``academic_year`` is the year the subject was first studied (its GPA year)."""

    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.CASCADE, related_name="records"
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        "academics.AcademicYear", verbose_name=_("academic year"), on_delete=models.PROTECT, related_name="+"
    )
    total_points = models.PositiveSmallIntegerField(_("total points"))
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    score = models.PositiveSmallIntegerField(_("score"))
    grade = models.CharField(_("grade"), max_length=8, blank=True)
    grade_point = models.DecimalField(_("grade point"), max_digits=3, decimal_places=2, null=True, blank=True)
    credits = models.DecimalField(_("credits"), max_digits=4, decimal_places=1)
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices)
    from_restudy = models.BooleanField(_("from re-study"), default=False)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("academic record")
        verbose_name_plural = _("academic records")
        ordering = ["student", "semester__start_date", "curriculum_subject__subject__code"]
        indexes = [
            models.Index(fields=["academic_year", "student"], name="grading_record_year_student"),
            models.Index(fields=["status"], name="grading_record_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["student", "curriculum_subject"], name="grading_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.curriculum_subject_id}: {self.grade}"


class Gpa(models.Model):
    """A student's GPA of an academic year, or cumulative (``academic_year`` empty):
    ``round(Σ credits·grade point / Σ credits, 1)`` over the records with a final grade (the simple
    average when the council chose it)."""

    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.CASCADE, related_name="gpas"
    )
    academic_year = models.ForeignKey(
        "academics.AcademicYear",
        verbose_name=_("academic year"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    gpa = models.DecimalField(_("GPA"), max_digits=3, decimal_places=1)
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=1)
    subjects = models.PositiveSmallIntegerField(_("subjects"))
    debts = models.PositiveSmallIntegerField(_("academic debts"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("GPA")
        verbose_name_plural = _("GPAs")
        ordering = ["student", "academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "academic_year"],
                condition=Q(academic_year__isnull=False),
                name="grading_gpa_once_per_year",
            ),
            models.UniqueConstraint(
                fields=["student"], condition=Q(academic_year__isnull=True), name="grading_gpa_one_cumulative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.academic_year_id or '*'}: {self.gpa}"


# --- the individual plan ------------------------------------------------------------------------


class PlanItem(TimeStamped):
    """A line of a student's individual plan: a debt in a curriculum subject, how and by when it is to
    be cleared. It is cleared when the subject's record passes."""

    student = models.ForeignKey(
        "students.Student", verbose_name=_("student"), on_delete=models.CASCADE, related_name="plan_items"
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    debt = models.CharField(_("debt"), max_length=16, choices=RecordStatus.choices)
    way = models.CharField(_("how it is cleared"), max_length=16, choices=ClearingWay.choices)
    due_date = models.DateField(_("to be cleared by"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanItemStatus.choices, default=PlanItemStatus.OPEN
    )
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("individual plan item")
        verbose_name_plural = _("individual plan items")
        ordering = ["student", "due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "curriculum_subject"],
                condition=Q(status="open"),
                name="grading_plan_one_open_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.curriculum_subject_id} {self.status}"
