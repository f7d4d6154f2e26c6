"""Annex 4 items 1, 2, 6 and 7 measured on prepared data (5-day week, launch on Monday 03.08.2026)."""

import datetime as dt

import pytest

from hemis.academics.enums import RatingTarget
from hemis.academics.models import LessonPair, MarkingSystem, RatingCriterion, Semester
from hemis.academics.services import years
from hemis.academics.tests import factories as af
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at

D = dt.date
T = dt.time
LAUNCH = D(2026, 8, 3)  # item 1 due +2 wd: Wednesday 05.08.2026
TODAY = D(2026, 11, 30)
PROCESSES = ["annex4.p1", "annex4.p2", "annex4.p6", "annex4.p7"]


def launched(university, on=LAUNCH):
    university.launch_date = on
    university.save()


def rows(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return [(r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in res.rows]


def entered(model, created, **filters):
    model.objects.filter(**filters).update(created_at=created)


# --- item 1 -----------------------------------------------------------------------------------


def test_p1_needs_the_launch_date(university):
    assert rows("annex4.p1") == []


def test_p1_done_when_the_first_active_marking_system_was_entered(university):
    launched(university)
    entered(MarkingSystem, at(2026, 8, 6), code="11")
    entered(MarkingSystem, at(2026, 8, 4), code="12")
    entered(MarkingSystem, at(2026, 8, 1), code="13")
    MarkingSystem.objects.filter(code="13").update(is_active=False)
    assert rows("annex4.p1") == [
        ("Marking system and assessment types", D(2026, 8, 5), D(2026, 8, 4), Status.ON_TIME)
    ]


def test_p1_without_an_active_system_is_overdue(university):
    launched(university)
    MarkingSystem.objects.update(is_active=False)
    assert rows("annex4.p1") == [("Marking system and assessment types", D(2026, 8, 5), None, Status.OVERDUE)]


def test_p1_names_the_academic_department_user(university):
    launched(university)
    academic = af.academic_user()
    (res,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=["annex4.p1"])
    assert res.rows[0].obligation.user == academic


# --- item 2 -----------------------------------------------------------------------------------


def test_p2_one_obligation_per_semester_on_the_day_it_was_made_current(university):
    launched(university)
    af.semesters(af.year(2025))  # due in 2025, before the launch: not measured
    autumn, spring = af.semesters(af.year(2026))
    years.make_current(semester=autumn, actor=None)
    Semester.objects.filter(pk=autumn.pk).update(made_current_on=D(2026, 8, 27))
    assert rows("annex4.p2") == [
        (f"Current semester: {autumn}", D(2026, 8, 28), D(2026, 8, 27), Status.ON_TIME),
        (f"Current semester: {spring}", D(2027, 2, 1), None, Status.PENDING),
    ]


def test_p2_made_current_after_the_start_is_late(university):
    autumn, _spring = af.semesters(af.year(2026))
    years.make_current(semester=autumn, actor=None)
    Semester.objects.filter(pk=autumn.pk).update(made_current_on=D(2026, 9, 2))
    first = rows("annex4.p2")[0]
    assert first[1:] == (D(2026, 8, 28), D(2026, 9, 2), Status.LATE)


# --- items 6 and 7 --------------------------------------------------------------------------------


def test_p6_done_when_the_first_pair_was_entered(university):
    launched(university)
    year = af.year(2026)
    af.pair(year, 1, T(8, 30), T(9, 50))
    af.pair(year, 2, T(10, 0), T(11, 20))
    entered(LessonPair, at(2026, 8, 12), number=1)
    entered(LessonPair, at(2026, 8, 7), number=2)
    af.year(2027)
    assert rows("annex4.p6") == [
        ("Lesson-pair times of 2026-2027", D(2026, 8, 10), D(2026, 8, 7), Status.ON_TIME),
        ("Lesson-pair times of 2027-2028", D(2027, 8, 11), None, Status.PENDING),
    ]


def test_p6_year_due_before_launch_is_not_measured(university):
    launched(university)
    af.year(2025)
    assert rows("annex4.p6") == []


def test_p7_done_when_all_three_targets_have_criteria(university):
    launched(university)
    year = af.year(2026)
    for target, day in ((RatingTarget.TEACHER, 3), (RatingTarget.DEPARTMENT, 11), (RatingTarget.FACULTY, 5)):
        entered_criterion = af.criterion(year, "50", target=target)
        entered(RatingCriterion, at(2026, 8, day), pk=entered_criterion.pk)
    later = af.year(2027)
    af.criterion(later, "50")
    assert rows("annex4.p7") == [
        ("Rating criteria of 2026-2027", D(2026, 8, 10), D(2026, 8, 11), Status.LATE),
        ("Rating criteria of 2027-2028", D(2027, 8, 11), None, Status.PENDING),
    ]


# --- queries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_is_constant(university, django_assert_num_queries, n):
    launched(university)
    af.academic_user()
    for i in range(n):
        year = af.year(2026 + i)
        af.semesters(year)
        af.pair(year, 1, T(8, 30), T(9, 50))
        for target in RatingTarget.values:
            af.criterion(year, "50", target=target)
    context = engine.build_context(today=TODAY)
    # academic grants, first marking system, semesters, years with pairs, years with criteria
    with django_assert_num_queries(5):
        results = engine.evaluate(context=context, process_ids=PROCESSES)
    assert [len(r.rows) for r in results] == [1, 2 * n, n, n]
