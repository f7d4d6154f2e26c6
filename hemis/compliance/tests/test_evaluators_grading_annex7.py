"""Annex 7 item 5 measured on the grading test world, 5-day week: midterm and final grades within five
working days of the control. Controls on Tuesday 01.06.2027 are due Tuesday 08.06.2027, a midterm of
Tuesday 25.05.2027 on Tuesday 01.06.2027 (no holiday in between)."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.grading.models import RestudyGroup, RestudyPeriod, Statement, StatementLine
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing.grading import grading, make_statement, world  # noqa: F401 - the shared fixtures

D = dt.date
FINAL, MIDTERM, CURRENT = ControlKind.FINAL, ControlKind.MIDTERM, ControlKind.CURRENT


@pytest.fixture
def world_ready(university, grading):  # noqa: F811
    return grading


def result(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return res


def rows(today):
    return [
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status)
        for r in result("annex7.p5", today).rows
    ]


def grade(statement: Statement, moment: dt.datetime, points: int = 15, **only) -> None:
    """Give the statement's unbarred lines (of ``only['students']`` if given) points, entered at ``moment``."""
    lines = StatementLine.objects.filter(statement=statement, barred=False)
    if "students" in only:
        lines = lines.filter(student__in=only["students"])
    lines.update(points=points, graded_at=moment)


def test_each_statement_is_graded_within_five_working_days(world_ready):
    g = world_ready
    w = g.world
    kt21, kt22 = g.students("KT-21"), g.students("KT-22")
    on_time = make_statement(w, group="KT-21", subject="MAT204")
    grade(on_time, at(2027, 6, 4))
    grade(on_time, at(2027, 6, 8, 23, 30), students=kt21[:1])  # the last one late in the evening of the 8th
    late = make_statement(w, group="KT-22", subject="MAT204", barred=(kt22[0],))
    grade(late, at(2027, 6, 9, 1, 0))  # after midnight in Tashkent (still the 8th in UTC)
    overdue = make_statement(
        w, group="KT-21", subject="FIZ204", control_kind=MIDTERM, control_date=D(2027, 5, 25)
    )
    grade(overdue, at(2027, 5, 26), students=kt21[1:])  # one line still without points
    make_statement(w, group="KT-22", subject="FIZ204", control_kind=CURRENT)  # current control: not measured
    assert rows(D(2027, 6, 10)) == [
        (
            "Grades of Midterm control, Fizika, group KT-21, 1st statement, 25.05.2027",
            D(2027, 6, 1),
            None,
            Status.OVERDUE,
        ),
        (
            "Grades of Final control, Oliy matematika, group KT-21, 1st statement, 01.06.2027",
            D(2027, 6, 8),
            D(2027, 6, 8),
            Status.ON_TIME,
        ),
        (
            "Grades of Final control, Oliy matematika, group KT-22, 1st statement, 01.06.2027",
            D(2027, 6, 8),
            D(2027, 6, 9),
            Status.LATE,
        ),
    ]
    people = [(r.obligation.user, r.obligation.unit) for r in result("annex7.p5", D(2027, 6, 10)).rows]
    assert people == [
        (g.rahimova_user, w.department),
        (g.karimov_user, w.department),
        (g.karimov_user, w.department),
    ]
    # the last line graded: done that day, late
    grade(overdue, at(2027, 6, 10, 9), students=kt21[:1])
    assert rows(D(2027, 6, 10))[0][2:] == (D(2027, 6, 10), Status.LATE)


def test_resits_and_restudy_statements_are_measured_and_a_fully_barred_one_is_done_on_the_day(world_ready):
    g = world_ready
    w = g.world
    kt21 = g.students("KT-21")
    resit = make_statement(w, attempt=Attempt.SECOND, control_date=D(2027, 6, 15), students=kt21[:2])
    grade(resit, at(2027, 6, 16))
    barred = make_statement(w, group="KT-22", control_date=D(2027, 6, 1), students=g.students("KT-22")[:2])
    StatementLine.objects.filter(statement=barred).update(barred=True)
    period = RestudyPeriod.objects.create(
        name="Yozgi qayta oʻqish 2027",
        semester=w.semester,
        start_date=D(2027, 7, 1),
        end_date=D(2027, 7, 31),
    )
    group = RestudyGroup.objects.create(
        period=period, faculty=w.faculty, subject=w.physics, name="QO-FIZ-1", teacher=w.rahimova
    )
    restudy = Statement.objects.create(
        faculty=w.faculty,
        semester=w.semester,
        subject=w.physics,
        restudy_group=group,
        control_kind=FINAL,
        control_date=D(2027, 7, 28),
        examiner=w.rahimova,
        max_points=50,
    )
    StatementLine.objects.create(statement=restudy, student=kt21[0], curriculum_subject=g.physics_cs)
    assert rows(D(2027, 8, 10)) == [
        (
            "Grades of Final control, Oliy matematika, group KT-22, 1st statement, 01.06.2027",
            D(2027, 6, 8),
            D(2027, 6, 1),
            Status.ON_TIME,
        ),
        (
            "Grades of Final control, Oliy matematika, group KT-21, 2nd statement, 15.06.2027",
            D(2027, 6, 22),
            D(2027, 6, 16),
            Status.ON_TIME,
        ),
        (
            "Grades of Final control, Fizika, group QO-FIZ-1, 1st statement, 28.07.2027",
            D(2027, 8, 4),
            None,
            Status.OVERDUE,
        ),
    ]
    # the re-study statement is its examiner's, in the subject's department
    last = result("annex7.p5", D(2027, 8, 10)).rows[-1].obligation
    assert (last.user, last.unit) == (g.rahimova_user, w.department)


def test_before_the_launch_nothing_is_measured(world_ready, university):
    w = world_ready.world
    make_statement(w, control_kind=MIDTERM, control_date=D(2027, 5, 25))  # due 01.06
    make_statement(w, group="KT-22")  # due 08.06
    university.launch_date = D(2027, 6, 2)
    university.save(update_fields=["launch_date"])
    assert [(r[1], r[3]) for r in rows(D(2027, 6, 10))] == [(D(2027, 6, 8), Status.OVERDUE)]
