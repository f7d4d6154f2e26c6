"""What the grading evaluators (annex 7 item 5, annex 5 items 11–13) read, each loaded once per run with
a constant number of aggregate queries, whatever the number of statements, lines and students.

- ``statements``: every midterm and final statement (group and re-study, every attempt) with its
  unbarred lines, how many of them have points and when the last of those got them.
- ``group_debts``: per group and semester, the debt records (failed, missing, barred) of the students
  on the group's 1st final statements, how many have an individual plan item and when the last of
  them got its first.
- ``restudy_groups``: every re-study group with its period's start and the first moments it had an
  enrolment, a lesson session and a control session.
- ``final_grades`` and ``gpa_runs``: per faculty and academic year, the last moment a final-control
  line got its points; the successful GPA recomputation jobs.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from hemis.compliance.evaluators._common import firsts
from hemis.compliance.protocol import Context
from hemis.grading.enums import DEBTS, SessionKind
from hemis.grading.models import (
    AcademicRecord,
    PlanItem,
    RestudyEnrolment,
    RestudyGroup,
    RestudySession,
    Statement,
    StatementLine,
)
from hemis.grading.services.gpa import JOB_NAME as GPA_JOB  # the job recomputing the records and GPA
from hemis.jobs.models import Job, JobStatus
from hemis.schedule.enums import Attempt, ControlKind

GRADED = Q(lines__barred=False, lines__points__isnull=False)


@dataclass(frozen=True)
class StatementFacts:
    pk: int
    control_kind: str
    attempt: str
    control_date: dt.date
    examiner_id: int
    subject_id: int
    department_id: int
    faculty_id: int
    semester_id: int
    group_id: int | None  # the academic group; None for a re-study statement
    group: str  # the academic group's or the re-study group's name
    lines: int  # unbarred lines
    graded: int  # unbarred lines with points
    last_graded_at: dt.datetime | None

    @property
    def graded_at(self) -> dt.datetime | None:
        """When the last unbarred line got its points; None while one has none."""
        return self.last_graded_at if self.graded == self.lines else None


@dataclass(frozen=True)
class Debts:
    debts: int
    planned: int
    last_planned_at: dt.datetime | None


@dataclass(frozen=True)
class RestudyFacts:
    pk: int
    name: str
    period: str
    start_date: dt.date
    created_at: dt.datetime
    faculty_id: int
    subject_id: int
    enrolled_at: dt.datetime | None
    lesson_at: dt.datetime | None
    control_at: dt.datetime | None

    @property
    def ready_at(self) -> dt.datetime | None:
        """When the last of a student list, a timetable and a control schedule first existed."""
        moments = (self.enrolled_at, self.lesson_at, self.control_at)
        return None if None in moments else max(moments)


def _statements() -> list[StatementFacts]:
    rows = (
        Statement.objects.filter(control_kind__in=(ControlKind.MIDTERM, ControlKind.FINAL))
        .annotate(
            department=Coalesce("group_subject__curriculum_subject__department_id", "subject__department_id"),
            label=Coalesce("group_subject__group__name", "restudy_group__name"),
        )
        .values(
            "pk",
            "control_kind",
            "attempt",
            "control_date",
            "examiner_id",
            "subject_id",
            "department",
            "faculty_id",
            "semester_id",
            "group_subject__group_id",
            "label",
        )
        .annotate(
            n=Count("lines", filter=Q(lines__barred=False)),
            graded=Count("lines", filter=GRADED),
            last=Max("lines__graded_at", filter=GRADED),
        )
        .order_by("pk")
    )
    return [StatementFacts(*row.values()) for row in rows]


def statements(context: Context) -> list[StatementFacts]:
    return context.cached("grading.statements", _statements)


def _group_debts() -> dict[tuple[int, int], Debts]:
    debt = AcademicRecord.objects.filter(
        student_id=OuterRef("student_id"),
        curriculum_subject_id=OuterRef("curriculum_subject_id"),
        status__in=DEBTS,
    )
    first_plan = (
        PlanItem.objects.filter(
            student_id=OuterRef("student_id"), curriculum_subject_id=OuterRef("curriculum_subject_id")
        )
        .order_by()
        .values("student_id")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    rows = (
        StatementLine.objects.filter(
            Exists(debt),
            statement__control_kind=ControlKind.FINAL,
            statement__attempt=Attempt.FIRST,
            statement__group_subject__isnull=False,
        )
        .annotate(planned_at=Subquery(first_plan))
        .values("statement__group_subject__group_id", "statement__semester_id")
        .annotate(debts=Count("pk"), planned=Count("planned_at"), last=Max("planned_at"))
        .order_by()
        .values_list(
            "statement__group_subject__group_id", "statement__semester_id", "debts", "planned", "last"
        )
    )
    return {(group, semester): Debts(*rest) for group, semester, *rest in rows}


def group_debts(context: Context) -> dict[tuple[int, int], Debts]:
    return context.cached("grading.group_debts", _group_debts)


def restudy_groups(context: Context) -> list[RestudyFacts]:
    def load() -> list[RestudyFacts]:
        enrolled = firsts(RestudyEnrolment, ("group_id",))
        sessions = firsts(RestudySession, ("group_id", "kind"))
        rows = RestudyGroup.objects.order_by("period__start_date", "name", "pk").values_list(
            "pk", "name", "period__name", "period__start_date", "created_at", "faculty_id", "subject_id"
        )
        return [
            RestudyFacts(
                *row,
                enrolled_at=enrolled.get((row[0],)),
                lesson_at=sessions.get((row[0], SessionKind.LESSON)),
                control_at=sessions.get((row[0], SessionKind.CONTROL)),
            )
            for row in rows
        ]

    return context.cached("grading.restudy_groups", load)


def final_grades(context: Context) -> dict[tuple[int, int], dt.datetime]:
    """(faculty id, academic year id) → when the last final-control line of the year got its points."""

    def load() -> dict[tuple[int, int], dt.datetime]:
        rows = (
            StatementLine.objects.filter(
                statement__control_kind=ControlKind.FINAL, points__isnull=False, graded_at__isnull=False
            )
            .values("statement__faculty_id", "statement__semester__academic_year_id")
            .annotate(last=Max("graded_at"))
            .order_by()
            .values_list("statement__faculty_id", "statement__semester__academic_year_id", "last")
        )
        return {(faculty, year): last for faculty, year, last in rows}

    return context.cached("grading.final_grades", load)


def gpa_runs(context: Context) -> list[tuple[dt.datetime, dt.datetime]]:
    """(started, finished) of every successful GPA recomputation, by start."""
    return context.cached(
        "grading.gpa_runs",
        lambda: list(
            Job.objects.filter(
                name=GPA_JOB, status=JobStatus.SUCCEEDED, started_at__isnull=False, finished_at__isnull=False
            )
            .order_by("started_at")
            .values_list("started_at", "finished_at")
        ),
    )
