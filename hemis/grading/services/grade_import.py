"""Grades of a statement from Excel: all or nothing.

The sheet has a header row and one student a row: the student ID (the 12-digit
``student_id_number``), the name (ignored: for the examiner's eyes) and the points; an empty points
cell clears the grade. Every row is checked first — an unknown student, a student not on the
statement, points not a whole number or above the maximum, a barred student given points, a student
twice — and when any row is bad nothing is saved and the report lists every bad row. Otherwise one
``enter_grades`` call saves them (the lines' current versions: an import is a deliberate overwrite,
audited like the form). ``template_bytes`` is the sheet to fill, prefilled with the statement's
students.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.core.excel import workbook_bytes
from hemis.core.imports import RowError, cell_text, check_row_count, first_sheet
from hemis.grading.models import Statement, StatementLine
from hemis.grading.services.statements import enter_grades, locked_reason
from hemis.students.models import Student

MAX_ROWS = 1000
COLUMNS = (
    ("student_id_number", gettext_lazy("Student ID")),
    ("name", gettext_lazy("Student")),
    ("points", gettext_lazy("Points")),
)
LABELS = dict(COLUMNS)


def _error(row: int, column: str, message: str) -> RowError:
    return RowError(row, column, message, str(LABELS.get(column, "")))


def template_bytes(statement: Statement) -> bytes:
    """The sheet to fill: a row per student of the statement with their current points (barred
    students marked in the name column, their points left empty)."""
    lines = StatementLine.objects.filter(statement=statement).select_related("student")
    rows = [
        (
            line.student.student_id_number,
            line.student.full_name + (f" ({_('not admitted')})" if line.barred else ""),
            line.points,
        )
        for line in lines.order_by("student__last_name", "student__first_name", "student_id")
    ]
    return workbook_bytes(title=_("Grades"), headers=[str(label) for _key, label in COLUMNS], rows=rows)


def read_rows(content: bytes) -> list[tuple[int, str, object]]:
    """``(row number, student ID, points cell)`` of the data rows (the header row skipped)."""
    sheet = first_sheet(content)
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = tuple(cells) + (None,) * 3
        if all(cell_text(c) == "" for c in cells[:3]):
            continue
        rows.append((number, cell_text(cells[0]), cells[2]))
    check_row_count(rows, empty_message=_("The file has no rows under the header."), limit=MAX_ROWS)
    return rows


def _points(value) -> int | None:
    """The points of a cell: None when empty; ValueError unless a whole number (``cell_text`` makes
    20.0 "20"; 12.5, TRUE or a date stay text that is not digits)."""
    text = cell_text(value)
    if text == "":
        return None
    if not text.lstrip("-").isdigit():
        raise ValueError
    return int(text)


def check_rows(statement: Statement, rows) -> tuple[dict[int, int | None], list[RowError]]:
    """The grades by student pk, and every problem of the rows."""
    numbers = {number for _row, number, _points in rows if number}
    students = {s.student_id_number: s for s in Student.objects.filter(student_id_number__in=numbers)}
    lines = {line.student_id: line for line in StatementLine.objects.filter(statement=statement)}
    grades: dict[int, int | None] = {}
    seen: dict[str, int] = {}
    errors: list[RowError] = []
    for row, number, raw in rows:
        student = students.get(number)
        if not number or student is None:
            errors.append(
                _error(row, "student_id_number", _("No student has the ID “%(id)s”.") % {"id": number})
            )
            continue
        if number in seen:
            message = _("The student is also in row %(row)s.") % {"row": seen[number]}
            errors.append(_error(row, "student_id_number", message))
            continue
        seen[number] = row
        line = lines.get(student.pk)
        if line is None:
            message = _("%(name)s is not on this statement.") % {"name": student.full_name}
            errors.append(_error(row, "student_id_number", message))
            continue
        try:
            points = _points(raw)
        except ValueError:
            errors.append(
                _error(row, "points", _("Points are a whole number, not “%(value)s”.") % {"value": raw})
            )
            continue
        if points is not None and not 0 <= points <= statement.max_points:
            message = _("Points must be from 0 to %(max)s.") % {"max": statement.max_points}
            errors.append(_error(row, "points", message))
            continue
        if points is not None and line.barred:
            message = _("%(name)s is barred from the control by absences and cannot be graded.") % {
                "name": student.full_name
            }
            errors.append(_error(row, "points", message))
            continue
        grades[student.pk] = points
    return grades, errors


@transaction.atomic
def import_grades(
    *, statement: Statement, content: bytes, actor, today: dt.date | None = None
) -> tuple[int, list[RowError]]:
    """Save every row's points or none: (lines changed, the row errors). A ValidationError for an
    unusable file, or for what ``enter_grades`` refuses (a locked or signed-off statement)."""
    reason = locked_reason(statement, today or timezone.localdate())
    if reason:
        raise ValidationError({"statement": [reason]})
    grades, errors = check_rows(statement, read_rows(content))
    if errors:
        return 0, errors
    versions = dict(
        StatementLine.objects.filter(statement=statement, student_id__in=list(grades)).values_list(
            "student_id", "version"
        )
    )
    changed = enter_grades(statement=statement, grades=grades, versions=versions, actor=actor, today=today)
    return changed, []
