"""Grades from Excel: the template prefilled with the statement's students, every row checked and
nothing saved when any is bad (with a report row by row), otherwise one audited save."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.grading.models import StatementLine
from hemis.grading.services import grade_import
from hemis.schedule.enums import ControlKind
from hemis.testing.grading import make_statement
from hemis.testing.grading_files import sheet_rows, xlsx_rows

TODAY = dt.date(2027, 6, 2)


@pytest.fixture
def midterm(grading):
    """KT-21's Mathematics midterm (20 points), the fifth student barred, the first graded 5."""
    s = grading.students()
    return make_statement(grading.world, control_kind=ControlKind.MIDTERM, barred=(s[4],), points={s[0]: 5})


def state():
    return list(StatementLine.objects.order_by("pk").values()), AuditEvent.objects.count()


def test_the_template_lists_the_statements_students_with_their_points(grading, midterm):
    rows = sheet_rows(grade_import.template_bytes(midterm))
    s = grading.students()
    assert rows[0] == ("Student ID", "Student", "Points")
    assert len(rows) == 13
    assert rows[1] == (s[0].student_id_number, s[0].full_name, 5)
    assert rows[5] == (s[4].student_id_number, f"{s[4].full_name} (not admitted)", None)


def test_good_rows_are_saved_in_one_audited_change(grading, midterm):
    s = grading.students()
    content = xlsx_rows(
        (s[0].student_id_number, "ignored", 18),
        (s[1].student_id_number, "", 20.0),
        (s[2].student_id_number, "", "7"),
        (s[4].student_id_number, "", None),  # barred, left empty: fine
    )
    assert grade_import.import_grades(
        statement=midterm, content=content, actor=grading.karimov_user, today=TODAY
    ) == (3, [])
    points = dict(StatementLine.objects.filter(statement=midterm).values_list("student_id", "points"))
    assert (points[s[0].pk], points[s[1].pk], points[s[2].pk], points[s[3].pk]) == (18, 20, 7, None)
    event = AuditEvent.objects.get(action="grading.grade.changed")
    assert event.data["before"]["points"] == {str(s[0].pk): 5, str(s[1].pk): None, str(s[2].pk): None}


def test_any_bad_row_saves_nothing_and_every_bad_row_is_reported(grading, midterm):
    s = grading.students()
    stranger = grading.students("KT-22")[0]
    content = xlsx_rows(
        (s[0].student_id_number, "", 18),  # good
        ("999999999999", "", 10),  # unknown
        (stranger.student_id_number, "", 10),  # not on the statement
        (s[1].student_id_number, "", 12.5),  # not whole
        (s[2].student_id_number, "", 21),  # over the maximum
        (s[4].student_id_number, "", 10),  # barred
        (s[0].student_id_number, "", 17),  # twice
        (s[3].student_id_number, "", "ten"),
    )
    before = state()
    changed, errors = grade_import.import_grades(
        statement=midterm, content=content, actor=grading.karimov_user, today=TODAY
    )
    assert changed == 0
    assert [(e.row, e.column, e.message) for e in errors] == [
        (3, "student_id_number", "No student has the ID “999999999999”."),
        (4, "student_id_number", f"{stranger.full_name} is not on this statement."),
        (5, "points", "Points are a whole number, not “12.5”."),
        (6, "points", "Points must be from 0 to 20."),
        (7, "points", f"{s[4].full_name} is barred from the control by absences and cannot be graded."),
        (8, "student_id_number", "The student is also in row 2."),
        (9, "points", "Points are a whole number, not “ten”."),
    ]
    assert errors[0].column_label == "Student ID"
    assert state() == before


def test_a_locked_statement_or_a_file_that_is_not_excel_is_refused(grading, midterm):
    s = grading.students()
    before = state()
    with pytest.raises(ValidationError) as error:
        grade_import.import_grades(
            statement=midterm,
            content=xlsx_rows((s[0].student_id_number, "", 18)),
            actor=grading.karimov_user,
            today=dt.date(2027, 6, 4),
        )
    assert list(error.value.message_dict) == ["statement"]
    with pytest.raises(ValidationError) as error:
        grade_import.import_grades(
            statement=midterm, content=b"not a workbook", actor=grading.karimov_user, today=TODAY
        )
    assert error.value.message_dict == {"file": ["The file is not an Excel (.xlsx) workbook."]}
    with pytest.raises(ValidationError) as error:
        grade_import.import_grades(
            statement=midterm, content=xlsx_rows(), actor=grading.karimov_user, today=TODAY
        )
    assert error.value.message_dict == {"file": ["The file has no rows under the header."]}
    assert state() == before
