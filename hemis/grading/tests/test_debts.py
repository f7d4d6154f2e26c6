"""The debts selector: a scope's failed, missing and barred records with their open plan items, its
filters, and the summary — one query each whatever the number of rows."""

import datetime as dt

from hemis.grading import debt_selectors as selectors
from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus
from hemis.grading.models import PlanItem
from hemis.students.models import Student
from hemis.testing.grading_records import record

D = dt.date


def test_debts_of_the_scope_with_kind_score_and_open_item(grading, django_assert_num_queries):
    s = grading.students()
    kt22 = grading.students("KT-22")
    record(grading, s[0], RecordStatus.FAILED, total=40)
    record(grading, s[1], RecordStatus.PASSED, total=80, grade="4")
    record(grading, s[2], RecordStatus.BARRED, total=0, grade="")
    record(grading, s[0], RecordStatus.MISSING, cs=grading.physics_cs, total=30, grade="")
    record(grading, kt22[0], RecordStatus.FAILED, total=51)
    PlanItem.objects.create(
        student=s[0],
        curriculum_subject=grading.math_cs,
        debt=RecordStatus.FAILED,
        way=ClearingWay.RESIT,
        due_date=D(2027, 7, 1),
    )
    with django_assert_num_queries(1):
        rows = [
            (
                r.student.last_name,
                r.student.group.name,
                r.curriculum_subject.subject.code,
                r.status,
                r.score,
                r.grade,
                r.has_open_item,
            )
            for r in selectors.debt_records(Student.objects.all())
        ]
    assert rows == [
        ("Aliyev0", "KT-21", "FIZ204", "missing", 30, "", False),
        ("Aliyev0", "KT-21", "MAT204", "failed", 40, "2", True),
        ("Aliyev10", "KT-21", "MAT204", "barred", 0, "", False),
        ("Botirov0", "KT-22", "MAT204", "failed", 51, "2", False),
    ]


def test_debts_filtered_by_group_course_kind_and_semester(grading):
    w = grading.world
    s, kt22 = grading.students(), grading.students("KT-22")
    record(grading, s[0], RecordStatus.FAILED)
    record(grading, s[1], RecordStatus.MISSING)
    record(grading, kt22[0], RecordStatus.FAILED)
    everyone = Student.objects.all()

    def names(**given):
        return [r.student.last_name for r in selectors.debt_records(everyone, selectors.DebtFilter(**given))]

    assert names(group=w.kt22) == ["Botirov0"]
    assert names(kind=RecordStatus.MISSING) == ["Aliyev1"]
    assert names(course=2, kind=RecordStatus.FAILED) == ["Aliyev0", "Botirov0"]
    assert names(course=3) == []
    assert names(semester=w.autumn) == []
    assert names(semester=w.semester, group=w.kt21) == ["Aliyev0", "Aliyev1"]


def test_debts_only_of_the_students_given(grading, uni):
    """The caller's scope decides: students of another faculty never appear."""
    s = grading.students()
    record(grading, s[0], RecordStatus.FAILED)
    assert list(selectors.debt_records(Student.objects.filter(faculty=uni["econ"]))) == []
    assert [r.student for r in selectors.debt_records(Student.objects.filter(faculty=uni["chem"]))] == [s[0]]


def test_summary_counts_kinds_students_and_uncovered(grading, django_assert_num_queries):
    s = grading.students()
    record(grading, s[0], RecordStatus.FAILED)
    record(grading, s[0], RecordStatus.BARRED, cs=grading.physics_cs)
    record(grading, s[1], RecordStatus.MISSING)
    record(grading, s[2], RecordStatus.PASSED)
    PlanItem.objects.create(
        student=s[1], curriculum_subject=grading.math_cs, debt="missing", way="resit", due_date=D(2027, 7, 1)
    )
    with django_assert_num_queries(1):
        summary = selectors.debt_summary(selectors.debt_records(Student.objects.all()))
    assert summary == {"debts": 3, "students": 2, "failed": 1, "missing": 1, "barred": 1, "uncovered": 2}


def test_a_cancelled_or_cleared_item_is_not_an_open_one(grading):
    s = grading.students()
    record(grading, s[0], RecordStatus.FAILED)
    for status in (PlanItemStatus.CANCELLED, PlanItemStatus.CLEARED):
        PlanItem.objects.create(
            student=s[0],
            curriculum_subject=grading.math_cs,
            debt="failed",
            way="resit",
            due_date=D(2027, 7, 1),
            status=status,
        )
    assert [r.has_open_item for r in selectors.student_debts(s[0])] == [False]
