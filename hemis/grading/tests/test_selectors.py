"""The record selectors: a student's record by semester, the summary of an ungraded group, the GPA
list's cumulative kind and its transfer decision, the fresh computation scoped like the refresh."""

import datetime as dt
from decimal import Decimal

from hemis.core.models import GpaScope, UniversitySettings
from hemis.grading import selectors
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord
from hemis.grading.services.gpa import recompute_gpa
from hemis.grading.services.records import refresh_records
from hemis.schedule.enums import ControlKind
from hemis.students.models import Student
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import add_subject, grade, next_year

F = ControlKind.FINAL
LATER = dt.date(2027, 7, 1)


def test_a_students_record_by_semester_with_the_credits_earned(grading):
    """Autumn: Chemistry (5 cr.) failed; spring: Mathematics passed, Physics in progress (4 cr. each):
    credits earned 0 in the autumn and 4 in the spring."""
    w = grading.world
    add_subject(grading, "CHM101", credits="5", semester=w.autumn)
    a = grading.students()[0]
    make_statement(w, subject="CHM101", control_kind=F, control_date=dt.date(2027, 1, 10), points={a: 10})
    make_statement(w, control_kind=ControlKind.CURRENT, points={a: 30})
    make_statement(w, control_kind=F, points={a: 50})
    make_statement(w, subject="FIZ204", control_kind=ControlKind.CURRENT, points={a: 12})
    refresh_records(today=LATER)
    blocks = selectors.records_by_semester(a)
    assert [
        (b.semester, [(r.curriculum_subject.subject.code, r.status) for r in b.records], b.credits)
        for b in blocks
    ] == [
        (w.autumn, [("CHM101", RecordStatus.FAILED)], Decimal(0)),
        (w.semester, [("FIZ204", RecordStatus.IN_PROGRESS), ("MAT204", RecordStatus.PASSED)], Decimal(4)),
    ]


def test_the_summary_of_a_group_without_results_is_zeros(grading):
    summary = selectors.summary_statement(grading.world.kt22, grading.world.semester)
    assert summary.grades == ["5", "4", "3", "2"]
    assert [
        (r.subject.subject.code, r.students, r.graded, r.grade_counts, r.average_score) for r in summary.rows
    ] == [
        ("FIZ204", 0, 0, [0, 0, 0, 0], None),
        ("MAT204", 0, 0, [0, 0, 0, 0], None),
    ]
    assert (summary.total.students, summary.total.average_score) == (0, None)


def test_the_cumulative_list_decides_on_the_scope(grading):
    """a: Mathematics 86 → 5 and Physics 40 → 2 (4 cr. each): 3.5 for the year and cumulative."""
    w = grading.world
    a = grading.students()[0]
    make_statement(w, control_kind=ControlKind.CURRENT, points={a: 30})
    make_statement(w, control_kind=ControlKind.MIDTERM, points={a: 20})
    make_statement(w, control_kind=F, points={a: 36})
    make_statement(w, subject="FIZ204", control_kind=F, points={a: 40})
    refresh_records(today=LATER)
    recompute_gpa()
    UniversitySettings.current()
    UniversitySettings.objects.update(gpa_scope=GpaScope.ALL_YEARS, gpa_transfer_threshold=Decimal("3.50"))
    (row,) = selectors.gpa_list(students=Student.objects.all(), academic_year=w.year, cumulative=True)
    assert (row.student_id, row.academic_year_id, row.gpa, row.transfer_gpa, row.can_transfer) == (
        a.pk,
        None,
        Decimal("3.5"),
        Decimal("3.5"),
        True,
    )


def test_the_fresh_computation_scoped_to_a_student(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=F, points={a: 44, b: 12})
    refresh_records(today=LATER)
    fresh = selectors.fresh_records(today=LATER, student_ids=[a.pk])
    assert fresh == selectors.record_tuples(AcademicRecord.objects.filter(student=a))
    assert len(fresh) == 1 and fresh[0][4:7] == (44, 100, 44)


def test_a_students_gpas_year_by_year_then_the_cumulative_one(grading):
    """Biology of 2027-2028 graded before Mathematics of 2026-2027: the years still come in their order."""
    w = grading.world
    year2, autumn2 = next_year(grading)
    add_subject(grading, "BIO301", credits="6", semester=autumn2, number=5)
    a = grading.students()[0]
    grade(w, "BIO301", {a: 90}, students=[a], control_date=dt.date(2028, 1, 15))
    grade(w, "MAT204", {a: 60}, students=[a])
    refresh_records(today=dt.date(2028, 3, 1))
    recompute_gpa()
    assert [(g.academic_year, g.gpa) for g in selectors.student_gpas(a)] == [
        (w.year, Decimal("3.0")),
        (year2, Decimal("5.0")),
        (None, Decimal("4.2")),
    ]
