"""Reads of the journal: a load's journal (lessons × students), a student's attendance per subject, and
the dean's office's warning, reprimand and expulsion lists (annex 5 item 14). Each runs a fixed number
of queries whatever the number of lessons and students; the lists are one aggregate query."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from hemis.academics.enums import MarkingSystemCode
from hemis.academics.models import MarkingSystem, Subject
from hemis.curricula.models import SubjectLoad
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import Lesson, LessonGroup, TeachingLoad
from hemis.students.models import GroupSubject, Student, StudentStatus, Subgroup
from hemis.teaching import rules as attendance
from hemis.teaching.models import Absence, DailyMark, Excuse, LessonRecord, Topic

# --- a load's journal ------------------------------------------------------------------------------


@dataclass
class Cell:
    attends: bool  # the student is of the lesson's group (or subgroup)
    hours: int = 0  # absent academic hours
    excused: bool = False
    mark: int | None = None


@dataclass
class Column:
    lesson: Lesson
    record: LessonRecord | None


@dataclass
class Row:
    student: Student
    cells: list[Cell]
    absent: int = 0
    excused: int = 0

    @property
    def unexcused(self) -> int:
        return self.absent - self.excused


@dataclass
class Journal:
    load: TeachingLoad
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return sum(1 for column in self.columns if column.record is not None)


def load_lessons(load: TeachingLoad) -> QuerySet[Lesson]:
    """The scheduled lessons of ``load``: its teacher's lessons of the subject and lesson type that the
    load's group (or a subgroup of it) attends in the load's semester."""
    binding = load.group_subject
    attended = LessonGroup.objects.filter(group_id=binding.group_id).values("lesson_id")
    return Lesson.objects.filter(
        pk__in=attended,
        kind=LessonKind.LESSON,
        status=LessonStatus.SCHEDULED,
        semester_id=binding.semester_id,
        subject_id=binding.curriculum_subject.subject_id,
        training_type=load.training_type,
        teacher_id=load.teacher_id,
    ).order_by("date", "pair", "pk")


def load_journal(load: TeachingLoad) -> Journal:
    """The journal of ``load``: its lessons as columns, the group's studying students as rows, with the
    absences and marks of the recorded lessons and each student's absent, excused and unexcused hours.
    ``load`` comes with its ``group_subject__curriculum_subject`` (the callers select it)."""
    group_id = load.group_subject.group_id
    parts = LessonGroup.objects.filter(group_id=group_id).select_related("subgroup")
    lessons = list(
        load_lessons(load)
        .select_related("record")
        .prefetch_related(Prefetch("attendees", queryset=parts, to_attr="own"))
    )
    students = list(
        Student.objects.filter(group_id=group_id, status=StudentStatus.STUDYING).order_by(
            "last_name", "first_name", "pk"
        )
    )
    members: dict[int, set[int]] = {}
    links = Subgroup.students.through.objects.filter(subgroup__group_id=group_id)
    for subgroup_id, student_id in links.values_list("subgroup_id", "student_id"):
        members.setdefault(subgroup_id, set()).add(student_id)
    # Through the lessons' query, not a list of ids: the same queries whether or not any is recorded.
    recorded = Q(record__lesson__in=load_lessons(load))
    absences = {
        (a.record_id, a.student_id): a
        for a in Absence.objects.filter(recorded).only("record_id", "student_id", "hours", "excuse_id")
    }
    marks = {
        (record_id, student_id): value
        for record_id, student_id, value in DailyMark.objects.filter(recorded).values_list(
            "record_id", "student_id", "value"
        )
    }
    columns = [Column(lesson, _record(lesson)) for lesson in lessons]
    journal = Journal(load, columns)
    for student in students:
        row = Row(student, [])
        for column in columns:
            subgroup = column.lesson.own[0].subgroup_id if column.lesson.own else None
            cell = Cell(attends=subgroup is None or student.pk in members.get(subgroup, ()))
            if column.record is not None:
                key = (column.record.pk, student.pk)
                absence = absences.get(key)
                if absence is not None:
                    cell.hours, cell.excused = absence.hours, absence.excuse_id is not None
                    row.absent += absence.hours
                    row.excused += absence.hours if cell.excused else 0
                cell.mark = marks.get(key)
            row.cells.append(cell)
        journal.rows.append(row)
    return journal


def _record(lesson: Lesson) -> LessonRecord | None:
    try:
        return lesson.record
    except LessonRecord.DoesNotExist:
        return None


def record_form_rows(lesson: Lesson, students, record: LessonRecord | None) -> list[dict]:
    """Each attending student with their absent hours, excuse and daily mark in ``record`` (two
    queries)."""
    absences = {}
    marks = {}
    if record is not None:
        absences = {
            a.student_id: a
            for a in Absence.objects.filter(record=record).only("student_id", "hours", "excuse_id")
        }
        marks = dict(DailyMark.objects.filter(record=record).values_list("student_id", "value"))
    rows = []
    for student in students:
        absence = absences.get(student.pk)
        rows.append(
            {
                "student": student,
                "hours": absence.hours if absence else 0,
                "excused": bool(absence and absence.excuse_id),
                "mark": marks.get(student.pk),
            }
        )
    return rows


# --- a student's attendance ------------------------------------------------------------------------


def absent_hours(prefix: str = "", scope: Q | None = None) -> dict:
    """Sums of ``Absence.hours`` (absent, excused, unexcused) for an aggregate or an annotation, the
    absences reached through ``prefix`` and narrowed by ``scope``."""
    scope = scope or Q()
    hours = f"{prefix}hours"
    excused = Q(**{f"{prefix}excuse__isnull": False})
    return {
        "absent": Coalesce(Sum(hours, filter=scope), 0),
        "excused": Coalesce(Sum(hours, filter=scope & excused), 0),
        "unexcused": Coalesce(Sum(hours, filter=scope & ~excused), 0),
    }


def student_attendance(student: Student, semester=None) -> list[dict]:
    """The student's absent, excused and unexcused hours per subject (of ``semester``, or all),
    subjects in name order: one query."""
    absences = Absence.objects.filter(student=student)
    if semester is not None:
        absences = absences.filter(record__lesson__semester=semester)
    return list(
        absences.values(subject_id=F("record__lesson__subject_id"), code=F("record__lesson__subject__code"))
        .annotate(**absent_hours())
        .order_by("code")
    )


# --- the absence lists (annex 5 item 14) ------------------------------------------------------------

RULES_PATH = "group__curriculum__marking_system__"
LEVELS = ("warning", "reprimand", "expulsion")


def _threshold(name: str):
    """The unexcused hours behind a list for a student's group: the marking system's own rules, else
    the defaults of its code (``teaching.rules``) — as an SQL expression."""
    return Coalesce(
        F(f"{RULES_PATH}attendance_rules__{name}_hours"),
        Case(
            When(
                **{f"{RULES_PATH}code": MarkingSystemCode.FIVE_POINT},
                then=Value(getattr(attendance.FIVE_POINT, f"{name}_hours")),
            ),
            default=Value(getattr(attendance.DEFAULTS, f"{name}_hours")),
            output_field=IntegerField(),
        ),
    )


@dataclass
class AbsenceLists:
    """Students on each list: each on the highest list their unexcused hours reach."""

    warning: list[Student] = field(default_factory=list)
    reprimand: list[Student] = field(default_factory=list)
    expulsion: list[Student] = field(default_factory=list)


def absence_lists(faculty, semester) -> AbsenceLists:
    """The studying students of ``faculty`` whose unexcused hours of ``semester`` reach the warning,
    reprimand or expulsion threshold of their group's marking system (one aggregate query). Each
    student carries ``absent``, ``excused``, ``unexcused`` and the thresholds."""
    students = (
        Student.objects.filter(faculty=faculty, status=StudentStatus.STUDYING)
        .annotate(
            **absent_hours("absences__", Q(absences__record__lesson__semester=semester)),
            **{level: _threshold(level) for level in LEVELS},
        )
        .filter(unexcused__gte=F("warning"))
        .select_related("group")
        .order_by("group__name", "last_name", "first_name", "pk")
    )
    lists = AbsenceLists()
    for student in students:
        if student.unexcused >= student.expulsion:
            lists.expulsion.append(student)
        elif student.unexcused >= student.reprimand:
            lists.reprimand.append(student)
        else:
            lists.warning.append(student)
    return lists


def rules_table() -> list[tuple[MarkingSystem, attendance.Rules, bool]]:
    """Every marking system with its attendance rules and whether they are its own (not the defaults)."""
    systems = MarkingSystem.objects.select_related("attendance_rules").order_by("code")
    out = []
    for system in systems:
        own = getattr(system, "attendance_rules", None) is not None
        out.append((system, attendance.rules_for(system), own))
    return out


def lesson_topics(lesson: Lesson) -> QuerySet[Topic]:
    """The topics a lesson may be recorded with: its subject's lesson type, of an attending group's
    curriculum."""
    groups = LessonGroup.objects.filter(lesson=lesson).values("group_id")
    fitting = Topic.objects.filter(
        training_type=lesson.training_type,
        curriculum_subject__subject_id=lesson.subject_id,
        curriculum_subject__group_bindings__group_id__in=groups,
    )
    return Topic.objects.filter(pk__in=fitting.values("pk")).order_by("position")


def with_hours(excuses: QuerySet[Excuse]) -> QuerySet[Excuse]:
    """``excuses`` (policy-scoped) with their student and group and the absent hours each excuses."""
    return excuses.select_related("student__group").annotate(hours=Coalesce(Sum("absences__hours"), 0))


# --- a student's attendance by subject against the thresholds (the student cabinet, issue 14) --------

# "Approaching" a threshold: at least this share of its hours already unexcused.
NEAR = 0.8


@dataclass
class SubjectAttendance:
    """A subject of the student's semester: its planned hours (None: not among the group's subjects),
    the absent, excused and unexcused hours, and the grading bar: more unexcused hours than
    ``bar_percent`` of the planned ones bar the final control."""

    subject: object  # academics.Subject
    planned: int | None
    absent: int = 0
    excused: int = 0
    unexcused: int = 0
    bar_percent: int = 0

    @property
    def percent(self) -> int | None:
        """The unexcused hours as a whole percentage of the planned ones."""
        return round(self.unexcused * 100 / self.planned) if self.planned else None

    @property
    def barred(self) -> bool:
        return attendance.over_bar(self.unexcused, self.planned, self.bar_percent)

    @property
    def near_bar(self) -> bool:
        """Not barred yet, but at least ``NEAR`` of the bar's hours unexcused."""
        if not self.planned or self.barred:
            return False
        return self.unexcused > 0 and self.unexcused * 100 >= NEAR * self.bar_percent * self.planned


@dataclass
class SemesterAttendance:
    subjects: list[SubjectAttendance]
    rules: attendance.Rules
    bar_percent: int

    @property
    def absent(self) -> int:
        return sum(s.absent for s in self.subjects)

    @property
    def excused(self) -> int:
        return sum(s.excused for s in self.subjects)

    @property
    def unexcused(self) -> int:
        return sum(s.unexcused for s in self.subjects)

    @property
    def level(self) -> str:
        """The highest list the semester's unexcused hours reach ("warning", "reprimand",
        "expulsion"), or ""."""
        reached = [lv for lv in LEVELS if self.unexcused >= getattr(self.rules, f"{lv}_hours")]
        return reached[-1] if reached else ""

    @property
    def next_hours(self) -> int | None:
        """The hours of the next list not reached yet (None: all reached)."""
        return next((h for h in self._thresholds() if self.unexcused < h), None)

    @property
    def approaching(self) -> bool:
        """At least ``NEAR`` of the next list's hours unexcused."""
        hours = self.next_hours
        return hours is not None and self.unexcused > 0 and self.unexcused >= NEAR * hours

    def _thresholds(self) -> list[int]:
        return [getattr(self.rules, f"{lv}_hours") for lv in LEVELS]


def student_semester_attendance(student: Student, semester, *, bar_percent: int) -> SemesterAttendance:
    """The student's attendance per subject of ``semester``: the group's subjects by code with their
    planned hours (every lesson type), and the absent, excused and unexcused hours (two queries; a third
    only for absences in subjects outside the group's, which come last). ``student`` carries its group's
    curriculum's marking system with its attendance rules (``teaching.rules.student_rules``)."""
    planned = (
        SubjectLoad.objects.filter(curriculum_subject=OuterRef("curriculum_subject"))
        .order_by()
        .values("curriculum_subject")
        .annotate(total=Sum("hours"))
        .values("total")[:1]
    )
    bindings = (
        GroupSubject.objects.filter(group_id=student.group_id, semester=semester)
        .select_related("curriculum_subject__subject")
        .annotate(planned=Coalesce(Subquery(planned, output_field=IntegerField()), 0))
        .order_by("curriculum_subject__subject__code", "pk")
    )
    rows: dict[int, SubjectAttendance] = {}
    for b in bindings:
        subject = b.curriculum_subject.subject
        rows[subject.pk] = SubjectAttendance(subject, b.planned, bar_percent=bar_percent)
    absences = student_attendance(student, semester)
    others = {a["subject_id"] for a in absences} - set(rows)
    if others:
        for subject in Subject.objects.filter(pk__in=others).order_by("code"):
            rows[subject.pk] = SubjectAttendance(subject, None, bar_percent=bar_percent)
    for a in absences:
        row = rows[a["subject_id"]]
        row.absent, row.excused, row.unexcused = a["absent"], a["excused"], a["unexcused"]
    return SemesterAttendance(list(rows.values()), attendance.student_rules(student), bar_percent)
