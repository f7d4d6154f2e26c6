"""Annex 5 items 11–13 measured on the grading test world, 5-day week.

- Item 11: the summer re-study starts on Thursday 01.07.2027; a group entered later, on Monday
  05.07.2027, is due five working days after, Monday 12.07.2027.
- Item 12: KT-21's final grades were all in on Friday 04.06.2027: its debts' plans are due ten working
  days after, Friday 18.06.2027 (no holiday in June).
- Item 13: the year 2027-2028 starts on Wednesday 01.09.2027: the GPA of 2026-2027 is due fifteen
  working days before, Wednesday 11.08.2027 (no holiday in August).
"""

import datetime as dt
from decimal import Decimal

import pytest

from hemis.academics.models import AcademicYear
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus, SessionKind
from hemis.grading.models import (
    AcademicRecord,
    PlanItem,
    RestudyEnrolment,
    RestudyGroup,
    RestudyPeriod,
    RestudySession,
    Statement,
    StatementLine,
)
from hemis.jobs.models import Job, JobStatus
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing.grading import grading, make_statement, world  # noqa: F401 - the shared fixtures

D = dt.date
T = dt.time
START = D(2027, 7, 1)


@pytest.fixture
def g(university, grading, dean_chemistry):  # noqa: F811
    return grading


def result(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return res


def rows(process_id, today):
    return [
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status)
        for r in result(process_id, today).rows
    ]


def dated(model, when, **filters):
    model.objects.filter(**filters).update(created_at=when)


def launch(university, day):
    university.launch_date = day
    university.save(update_fields=["launch_date"])


# --- item 11: re-study kept current --------------------------------------------------------------


def restudy_group(g, period, name, entered, *, enrolled=None, lesson=None, control=None):
    w = g.world
    group = RestudyGroup.objects.create(
        period=period, faculty=w.faculty, subject=w.math, name=name, teacher=w.karimov
    )
    dated(RestudyGroup, entered, pk=group.pk)
    if enrolled:
        for student in g.students("KT-21")[:2]:
            e = RestudyEnrolment.objects.create(
                group=group,
                student=student,
                curriculum_subject=g.math_cs,
                fee=Decimal("1200000"),
                paid_on=D(2027, 6, 25),
            )
            dated(RestudyEnrolment, enrolled, pk=e.pk)
    for kind, moment in ((SessionKind.LESSON, lesson), (SessionKind.CONTROL, control)):
        if moment:
            s = RestudySession.objects.create(
                group=group,
                kind=kind,
                control_kind=ControlKind.FINAL if kind == SessionKind.CONTROL else "",
                date=D(2027, 7, 20),
                start_time=T(9, 0),
                end_time=T(10, 20),
            )
            dated(RestudySession, moment, pk=s.pk)
    return group


@pytest.fixture
def summer(g):
    return RestudyPeriod.objects.create(
        name="Yozgi qayta oʻqish 2027", semester=g.world.semester, start_date=START, end_date=D(2027, 7, 31)
    )


def test_restudy_groups_are_ready_when_the_restudy_starts(g, summer, dean_chemistry, university):
    entered = at(2027, 6, 21)
    restudy_group(
        g,
        summer,
        "QO-1",
        entered,
        enrolled=at(2027, 6, 22),
        lesson=at(2027, 6, 23),
        control=at(2027, 6, 30, 23),
    )
    restudy_group(
        g, summer, "QO-2", entered, enrolled=at(2027, 6, 22), lesson=at(2027, 6, 23), control=at(2027, 7, 2)
    )
    restudy_group(g, summer, "QO-3", entered, enrolled=at(2027, 6, 22))  # no timetable, no controls
    restudy_group(g, summer, "QO-4", at(2027, 7, 5), enrolled=at(2027, 7, 5), lesson=at(2027, 7, 6))
    period = "Yozgi qayta oʻqish 2027"
    assert rows("annex5.p11", D(2027, 7, 10)) == [
        (f"Re-study group QO-1 (Oliy matematika), {period}", START, D(2027, 6, 30), Status.ON_TIME),
        (f"Re-study group QO-2 (Oliy matematika), {period}", START, D(2027, 7, 2), Status.LATE),
        (f"Re-study group QO-3 (Oliy matematika), {period}", START, None, Status.OVERDUE),
        # entered after the start: five working days from its entry
        (f"Re-study group QO-4 (Oliy matematika), {period}", D(2027, 7, 12), None, Status.PENDING),
    ]
    assert {(r.obligation.user, r.obligation.unit) for r in result("annex5.p11", D(2027, 7, 10)).rows} == {
        (dean_chemistry, g.world.faculty)
    }
    launch(university, D(2027, 7, 5))
    assert [r[0][15:19] for r in rows("annex5.p11", D(2027, 7, 10))] == ["QO-4"]


# --- item 12: consolidated performance, debts and the individual plan ---------------------------


def graded_finals(g, group, last):
    """The group's 1st final statements of Mathematics and Physics, every line graded, the last at ``last``."""
    made = []
    for subject in ("MAT204", "FIZ204"):
        s = make_statement(g.world, group=group, subject=subject, points=dict.fromkeys(g.students(group), 30))
        StatementLine.objects.filter(statement=s).update(graded_at=at(2027, 6, 2))
        made.append(s)
    StatementLine.objects.filter(
        pk=StatementLine.objects.filter(statement=made[-1]).order_by("pk")[0].pk
    ).update(graded_at=last)
    return made


def debt(g, student, cs, status=RecordStatus.FAILED):
    w = g.world
    return AcademicRecord.objects.create(
        student=student,
        curriculum_subject=cs,
        semester=w.semester,
        academic_year=w.year,
        total_points=40,
        max_points=100,
        score=40,
        grade="",
        credits=Decimal("4"),
        status=status,
        computed_at=at(2027, 6, 5),
    )


def plan(student, cs, when, status=PlanItemStatus.OPEN):
    item = PlanItem.objects.create(
        student=student,
        curriculum_subject=cs,
        debt=RecordStatus.FAILED,
        way=ClearingWay.RESIT,
        due_date=D(2027, 9, 30),
        status=status,
    )
    dated(PlanItem, when, pk=item.pk)
    return item


def test_a_groups_debts_get_their_plans_within_ten_working_days_of_the_grades(g, dean_chemistry):
    kt21, kt22 = g.students("KT-21"), g.students("KT-22")
    graded_finals(g, "KT-21", at(2027, 6, 4))
    debt(g, kt21[0], g.math_cs)
    debt(g, kt21[1], g.physics_cs, RecordStatus.BARRED)
    debt(g, kt21[2], g.math_cs, RecordStatus.PASSED)  # not a debt
    plan(kt21[0], g.math_cs, at(2027, 6, 10), PlanItemStatus.CANCELLED)  # any status counts
    plan(kt21[0], g.math_cs, at(2027, 6, 22))  # a later item does not move the day
    plan(kt21[1], g.physics_cs, at(2027, 6, 15))
    # KT-22: Physics not fully graded yet → no obligation
    (kt22_math, kt22_physics) = graded_finals(g, "KT-22", at(2027, 6, 7))
    StatementLine.objects.filter(statement=kt22_physics, student=kt22[3]).update(points=None, graded_at=None)
    debt(g, kt22[0], g.math_cs, RecordStatus.MISSING)
    semester = str(g.world.semester)
    kt21_row = (
        f"Performance and debts of group KT-21, {semester}",
        D(2027, 6, 18),
        D(2027, 6, 15),
        Status.ON_TIME,
    )
    assert rows("annex5.p12", D(2027, 6, 25)) == [kt21_row]
    # KT-22's last grade on Tuesday 08.06 → due Tuesday 22.06; its debt still without a plan
    StatementLine.objects.filter(statement=kt22_physics, student=kt22[3]).update(
        points=25, graded_at=at(2027, 6, 8)
    )
    kt22_row = [f"Performance and debts of group KT-22, {semester}", D(2027, 6, 22), None, Status.OVERDUE]
    assert rows("annex5.p12", D(2027, 6, 25)) == [kt21_row, tuple(kt22_row)]
    plan(kt22[0], g.math_cs, at(2027, 6, 24))
    kt22_row[2:] = [D(2027, 6, 24), Status.LATE]
    assert rows("annex5.p12", D(2027, 6, 25)) == [kt21_row, tuple(kt22_row)]
    assert {(r.obligation.user, r.obligation.unit) for r in result("annex5.p12", D(2027, 6, 25)).rows} == {
        (dean_chemistry, g.world.faculty)
    }


def test_a_group_without_debts_is_done_when_its_grades_are_in_and_before_the_launch_nothing(g, university):
    graded_finals(g, "KT-21", at(2027, 6, 4))
    debt(g, g.students("KT-22")[0], g.math_cs)  # a debt of a student not on the group's statements
    semester = str(g.world.semester)
    assert rows("annex5.p12", D(2027, 6, 25)) == [
        (f"Performance and debts of group KT-21, {semester}", D(2027, 6, 18), D(2027, 6, 4), Status.ON_TIME)
    ]
    launch(university, D(2027, 6, 21))
    assert rows("annex5.p12", D(2027, 6, 25)) == []


# --- item 13: the GPA of the year -----------------------------------------------------------------

GPA_DUE = D(2027, 8, 11)


def gpa_job(started, finished, status=JobStatus.SUCCEEDED):
    return Job.objects.create(
        name="grading.gpa",
        title="GPA",
        view_action="grading.gpa.recompute",
        status=status,
        started_at=started,
        finished_at=finished,
    )


def test_the_gpa_is_recomputed_after_the_years_last_final_grade(g, uni, dean_chemistry):
    w = g.world
    kt21, kt22 = g.students("KT-21"), g.students("KT-22")
    make_statement(w, points={kt21[0]: 40})
    StatementLine.objects.update(graded_at=at(2027, 6, 4))
    econ = make_statement(w, group="KT-22", points={kt22[0]: 40})
    Statement.objects.filter(pk=econ.pk).update(faculty=uni["econ"])  # a statement kept by another faculty
    StatementLine.objects.filter(statement=econ).update(graded_at=at(2027, 7, 20))
    # midterm grades do not count
    mid = make_statement(w, control_kind=ControlKind.MIDTERM, points={kt21[0]: 10})
    StatementLine.objects.filter(statement=mid).update(graded_at=at(2027, 8, 30))
    assert rows("annex5.p13", D(2027, 8, 20)) == []  # no following year yet
    AcademicYear.objects.create(name="2027-2028", start_date=D(2027, 9, 1), end_date=D(2028, 6, 30))
    gpa_job(at(2027, 6, 1), at(2027, 6, 1, 11))  # before the grades
    gpa_job(at(2027, 7, 1), at(2027, 7, 1, 11), JobStatus.FAILED)
    chem = f"GPA of 2026-2027, {uni['chem']}"
    econ_name = f"GPA of 2026-2027, {uni['econ']}"
    assert rows("annex5.p13", D(2027, 8, 20)) == [
        (econ_name, GPA_DUE, None, Status.OVERDUE),  # by due date, then by name
        (chem, GPA_DUE, None, Status.OVERDUE),
    ]
    gpa_job(at(2027, 7, 5), at(2027, 7, 5, 10, 30))
    gpa_job(at(2027, 8, 12, 23, 50), at(2027, 8, 13, 0, 20))  # finished on the 13th (Tashkent)
    assert rows("annex5.p13", D(2027, 8, 20)) == [
        (econ_name, GPA_DUE, D(2027, 8, 13), Status.LATE),
        (chem, GPA_DUE, D(2027, 7, 5), Status.ON_TIME),
    ]
    # a re-sit graded after the July run: the chemists' GPA waits for the next run
    resit = make_statement(w, attempt=Attempt.SECOND, points={kt21[1]: 30}, students=kt21[1:2])
    StatementLine.objects.filter(statement=resit).update(graded_at=at(2027, 7, 6))
    assert rows("annex5.p13", D(2027, 8, 20))[1][2:] == (D(2027, 8, 13), Status.LATE)
    people = {(r.obligation.user, r.obligation.unit) for r in result("annex5.p13", D(2027, 8, 20)).rows}
    assert people == {(dean_chemistry, uni["chem"]), (None, uni["econ"])}


def test_gpa_before_the_launch_is_not_measured(g, university):
    make_statement(g.world, points={g.students()[0]: 40})
    AcademicYear.objects.create(name="2027-2028", start_date=D(2027, 9, 1), end_date=D(2028, 6, 30))
    assert [r[1] for r in rows("annex5.p13", D(2027, 8, 20))] == [GPA_DUE]
    launch(university, D(2027, 8, 12))
    assert rows("annex5.p13", D(2027, 8, 20)) == []


GRADING = ["annex5.p11", "annex5.p12", "annex5.p13", "annex7.p5"]


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_does_not_grow_with_the_data(g, summer, django_assert_num_queries, n):
    AcademicYear.objects.create(name="2027-2028", start_date=D(2027, 9, 1), end_date=D(2028, 6, 30))
    kt21 = g.students("KT-21")
    for group in ("KT-21", "KT-22")[: min(n, 2)]:
        graded_finals(g, group, at(2027, 6, 4))
    for i, attempt in enumerate((Attempt.SECOND, Attempt.THIRD)[: n - 1]):
        make_statement(g.world, attempt=attempt, control_date=D(2027, 6, 15 + i), points={kt21[i]: 30})
    for i in range(n):
        debt(g, kt21[i], g.math_cs)
        plan(kt21[i], g.math_cs, at(2027, 6, 10))
        name = f"QO-{i}"
        restudy_group(g, summer, name, at(2027, 6, 21), enrolled=at(2027, 6, 22), lesson=at(2027, 6, 23))
        gpa_job(at(2027, 7, 5 + i), at(2027, 7, 5 + i, 11))
    context = engine.build_context(today=D(2027, 8, 20))
    # statements, debts, re-study groups, enrolments, sessions, final grades, jobs, academic years,
    # semesters, subjects, units, employees, dean grants
    with django_assert_num_queries(13):
        results = engine.evaluate(context=context, process_ids=GRADING)
    assert [len(r.rows) for r in results] == [n, min(n, 2), 1, 2 * min(n, 2) + n - 1]
