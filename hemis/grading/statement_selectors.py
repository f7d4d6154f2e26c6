"""Reads of statements for the pages and the PDF: the list with each statement's state (open, locked,
signed off) filtered in SQL, and a statement's lines with the grade of each student's points."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hemis.academics.models import GradeBand
from hemis.grading.models import AcademicRecord, Statement, StatementLine
from hemis.grading.services.statements import LockRule, lock_date, lock_rule, locked_cutoff
from hemis.schedule.enums import ControlKind
from hemis.students.models import Student

OPEN, LOCKED, SIGNED = "open", "locked", "signed"


def _state_filter(state: str, today: dt.date, rule: LockRule) -> Q:
    cutoff = locked_cutoff(today, rule=rule)
    reopened = Q(reopening__until__gte=today)
    if state == SIGNED:
        return Q(signed_at__isnull=False)
    if state == LOCKED:
        return Q(signed_at__isnull=True, control_date__lte=cutoff) & ~reopened
    return Q(signed_at__isnull=True) & (Q(control_date__gt=cutoff) | reopened)


def statement_list(
    statements: QuerySet[Statement],
    *,
    today: dt.date,
    semester=None,
    faculty=None,
    group=None,
    control_kind: str = "",
    state: str = "",
    rule: LockRule | None = None,
) -> QuerySet[Statement]:
    """``statements`` filtered, with what a list row shows (group, subject, examiner, reopening, the
    number of lines and of graded lines) in one query (``rule``: the page's ``lock_rule()``, for the
    state)."""
    rows = statements
    if semester is not None:
        rows = rows.filter(semester=semester)
    if faculty is not None:
        rows = rows.filter(faculty=faculty)
    if group is not None:
        rows = rows.filter(group_subject__group=group)
    if control_kind:
        rows = rows.filter(control_kind=control_kind)
    if state:
        rows = rows.filter(_state_filter(state, today, rule or lock_rule()))
    return (
        rows.select_related("group_subject__group", "restudy_group", "subject", "examiner", "reopening")
        .annotate(
            students=Count("lines", distinct=True),
            graded=Count("lines", filter=Q(lines__points__isnull=False), distinct=True),
        )
        .order_by("-control_date", "group_subject__group__name", "subject__code", "control_kind", "attempt")
    )


def with_states(statements, today: dt.date, rule: LockRule | None = None) -> list[Statement]:
    """The statements with ``lock_until`` and ``state`` set (one calendar for all: no query a row)."""
    rule = rule or lock_rule()
    out = list(statements)
    for statement in out:
        statement.lock_until = lock_date(statement, rule=rule)
        if statement.signed_at is not None:
            statement.state = SIGNED
        elif today > statement.lock_until:
            statement.state = LOCKED
        else:
            statement.state = OPEN
    return out


def statement_detail(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """What the statement page and the PDF show of a statement, in its query."""
    return statements.select_related(
        "faculty",
        "semester__academic_year",
        "subject",
        "group_subject__group",
        "group_subject__curriculum_subject__semester__curriculum__marking_system",
        "restudy_group",
        "examiner",
        "reopening",
        "signed_by",
    )


@dataclass
class Row:
    line: StatementLine
    student: Student
    grade: str  # the band of the points on the marking system's scale (the final: the record's grade)


def _band(bands: list[GradeBand], score: int) -> str:
    for band in bands:
        if band.min_value <= score <= band.max_value:
            return band.grade
    return ""


def statement_rows(statement: Statement) -> list[Row]:
    """The statement's lines by student name, each with its grade: for a final control the student's
    academic record's grade, else the band of the points scaled to the marking system (three queries)."""
    lines = list(
        StatementLine.objects.filter(statement=statement)
        .select_related("student", "graded_by", "curriculum_subject__semester__curriculum__marking_system")
        .order_by("student__last_name", "student__first_name", "student_id")
    )
    systems = {line.curriculum_subject.semester.curriculum.marking_system_id for line in lines}
    bands: dict[int, list[GradeBand]] = {}
    for band in GradeBand.objects.filter(marking_system_id__in=systems).order_by("-min_value"):
        bands.setdefault(band.marking_system_id, []).append(band)
    records = {}
    if statement.control_kind == ControlKind.FINAL:
        records = {
            (r.student_id, r.curriculum_subject_id): r.grade
            for r in AcademicRecord.objects.filter(
                student_id__in=[line.student_id for line in lines],
                curriculum_subject_id__in={line.curriculum_subject_id for line in lines},
            )
        }
    rows = []
    for line in lines:
        grade = ""
        if line.points is not None:
            if statement.control_kind == ControlKind.FINAL:
                grade = records.get((line.student_id, line.curriculum_subject_id), "")
            else:
                system = line.curriculum_subject.semester.curriculum.marking_system
                top, most = system.max_value, statement.max_points
                score = (2 * line.points * top + most) // (2 * most)
                grade = _band(bands.get(system.pk, []), score)
        rows.append(Row(line=line, student=line.student, grade=grade))
    return rows
