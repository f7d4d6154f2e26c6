"""The academic record (``services.records.refresh_records``): the rule of the brief, worked by hand,
and the snapshot equal to a fresh computation (``selectors.fresh_records``)."""

import datetime as dt
from decimal import Decimal

from hemis.grading import selectors
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord, StatementLine
from hemis.grading.services.records import refresh_records
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing.grading import CONTROL_DATE, make_statement, use_marking_system
from hemis.testing.grading_records import add_subject, restudy_statement

C, M, F = ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL
AFTER = CONTROL_DATE + dt.timedelta(days=1)


def _record(student, cs):
    return AcademicRecord.objects.get(student=student, curriculum_subject=cs)


def test_a_record_sums_the_controls_and_takes_the_band_of_the_score(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=C, points={a: 27, b: 10})
    make_statement(w, control_kind=M, points={a: 18, b: 9})
    make_statement(w, control_kind=F, points={a: 41, b: 20})
    assert refresh_records(today=AFTER) == 12
    ra = _record(a, grading.math_cs)
    assert (ra.total_points, ra.max_points, ra.score, ra.grade, ra.grade_point) == (
        86,
        100,
        86,
        "5",
        Decimal("5"),
    )
    assert (ra.status, ra.credits, ra.semester, ra.academic_year) == (
        RecordStatus.PASSED,
        Decimal("4"),
        w.semester,
        w.year,
    )
    rb = _record(b, grading.math_cs)
    assert (rb.total_points, rb.score, rb.grade, rb.status) == (39, 39, "2", RecordStatus.FAILED)
    # the others have no final points: missing once the control is past, in progress before
    other = grading.students()[2]
    assert _record(other, grading.math_cs).status == RecordStatus.MISSING
    refresh_records(today=CONTROL_DATE)
    assert _record(other, grading.math_cs).status == RecordStatus.IN_PROGRESS


def test_the_score_rounds_half_up_on_the_marking_systems_scale(grading):
    """Five-point system: 70 of 100 → 3.5 → 4; 69 → 3.45 → 3 (the pass border is 3)."""
    w = grading.world
    use_marking_system(w, "12")
    a, b = grading.students()[:2]
    make_statement(w, control_kind=C, points={a: 30, b: 30})
    make_statement(w, control_kind=M, points={a: 20, b: 19})
    make_statement(w, control_kind=F, points={a: 20, b: 20})
    refresh_records(today=AFTER)
    assert (_record(a, grading.math_cs).score, _record(a, grading.math_cs).grade) == (4, "4")
    assert (_record(b, grading.math_cs).score, _record(b, grading.math_cs).status) == (3, RecordStatus.PASSED)


def test_a_failed_first_statement_then_a_passed_second(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=C, points={a: 20, b: 20})
    make_statement(w, control_kind=M, points={a: 10, b: 10})
    make_statement(w, control_kind=F, points={a: 10, b: 12})
    make_statement(
        w, control_kind=F, attempt=Attempt.SECOND, control_date=D2, points={a: 35}, students=[a, b]
    )
    refresh_records(today=D2 + dt.timedelta(days=1))
    ra = _record(a, grading.math_cs)
    assert (ra.total_points, ra.score, ra.grade, ra.status) == (65, 65, "3", RecordStatus.PASSED)
    # b has no points on the 2nd statement: the 1st's final points still count, and the 2nd decides
    rb = _record(b, grading.math_cs)
    assert (rb.total_points, rb.status) == (42, RecordStatus.MISSING)
    # the record keeps the semester of the first statement
    assert ra.semester == w.semester and not ra.from_restudy


D2 = CONTROL_DATE + dt.timedelta(days=14)


def test_barred_and_in_progress(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=C, points={a: 20})
    refresh_records(today=AFTER)
    assert _record(a, grading.math_cs).status == RecordStatus.IN_PROGRESS  # no final statement yet
    make_statement(w, control_kind=F, barred=(b,))
    refresh_records(today=AFTER)
    assert _record(b, grading.math_cs).status == RecordStatus.BARRED
    assert (_record(b, grading.math_cs).total_points, _record(b, grading.math_cs).grade) == (0, "2")


def test_re_study_comes_after_every_group_statement(grading):
    w = grading.world
    a = grading.students()[0]
    make_statement(w, control_kind=C, points={a: 10})
    make_statement(w, control_kind=F, points={a: 10})
    make_statement(w, control_kind=F, attempt=Attempt.THIRD, control_date=D2, points={a: 12}, students=[a])
    # a re-study 1st statement, dated before the group's 3rd: it still comes after
    restudy_statement(grading, a, kind=F, points=48, control_date=D2 - dt.timedelta(days=3))
    restudy_statement(grading, a, kind=C, points=28, control_date=D2 - dt.timedelta(days=5))
    refresh_records(today=D2 + dt.timedelta(days=1))
    ra = _record(a, grading.math_cs)
    assert (ra.total_points, ra.status, ra.from_restudy) == (76, RecordStatus.PASSED, True)


def test_a_scoped_refresh_touches_only_its_students_and_subjects(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=F, points={a: 41, b: 20})
    make_statement(w, subject="FIZ204", control_kind=F, points={a: 45})
    refresh_records(today=AFTER)
    StatementLine.objects.filter(student=a, curriculum_subject=grading.math_cs).update(points=50)
    StatementLine.objects.filter(student=b).update(points=50)
    assert refresh_records(curriculum_subject_ids=[grading.math_cs.pk], student_ids=[a.pk], today=AFTER) == 1
    assert _record(a, grading.math_cs).total_points == 50
    assert _record(b, grading.math_cs).total_points == 20  # not refreshed
    assert AcademicRecord.objects.count() == 12 + 12
    assert refresh_records(curriculum_subject_ids=[], today=AFTER) == 0


def test_the_snapshot_equals_a_fresh_computation(grading):
    """Re-sits, re-study, barred, missing and the three controls over two subjects and two groups."""
    w = grading.world
    students = grading.students()
    kt22 = grading.students("KT-22")
    add_subject(grading, "CHM101", credits="5", semester=w.autumn)
    make_statement(w, control_kind=C, points={s: 5 + 2 * i for i, s in enumerate(students)})
    make_statement(w, control_kind=M, points={s: 3 + i for i, s in enumerate(students[:8])})
    make_statement(
        w, control_kind=F, points={s: 20 + 3 * i for i, s in enumerate(students[:6])}, barred=(students[11],)
    )
    make_statement(
        w,
        control_kind=F,
        attempt=Attempt.SECOND,
        control_date=D2,
        points={students[0]: 40},
        students=students[:3],
    )
    make_statement(
        w, group="KT-22", subject="FIZ204", control_kind=F, points={s: 25 + i for i, s in enumerate(kt22)}
    )
    make_statement(
        w, subject="CHM101", control_kind=F, control_date=dt.date(2027, 1, 10), points={students[1]: 44}
    )
    restudy_statement(grading, students[1], kind=F, points=30, control_date=D2)
    today = D2 - dt.timedelta(days=1)
    refresh_records(today=today)
    snapshot = sorted(selectors.record_tuples(AcademicRecord.objects.all()))
    fresh = sorted(selectors.fresh_records(today=today))
    assert len(snapshot) == 12 + 14 + 12
    assert snapshot == fresh
