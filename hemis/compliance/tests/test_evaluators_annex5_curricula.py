"""Annex 5 items 2 and 3 (curricula) measured on prepared data (5-day week)."""

import datetime as dt

import pytest

from hemis.academics.tests import factories as af
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.protocol import EVALUATORS
from hemis.compliance.tests.conftest import at
from hemis.curricula.models import Curriculum, CurriculumSubject
from hemis.curricula.services import curricula as services
from hemis.curricula.tests import factories as cf
from hemis.testing import factories as f

D = dt.date
TODAY = D(2026, 11, 30)


@pytest.fixture
def year_2026(university):
    year = af.year(2026)  # 01.09.2026 – 30.06.2027
    af.semesters(year)  # autumn from 01.09.2026, spring from 02.02.2027
    return year


def results(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return res.rows


def rows(process_id, today=TODAY):
    return [
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status)
        for r in results(process_id, today)
    ]


def test_p2_one_obligation_per_curriculum_of_a_known_year(uni, year_2026):
    approved = cf.filled(
        cf.curriculum(cf.programme(uni["chem"], code="60710100", duration=1), 2026), uni["inorganic"]
    )
    services.approve_curriculum(curriculum=approved, actor=None)
    Curriculum.objects.filter(pk=approved.pk).update(approved_on=D(2026, 8, 3))
    cf.curriculum(cf.programme(uni["econ"], code="60410100", duration=1), 2026)
    cf.curriculum(cf.programme(uni["econ"], code="60410200", duration=1), 2031)  # no such year yet
    due = D(2026, 8, 10)  # 15 working days before Tuesday 01.09.2026 (31.08 is a day off)
    assert sorted(rows("annex5.p2")) == [
        ("Curriculum 60410100 · 2026", due, None, Status.OVERDUE),
        ("Curriculum 60710100 · 2026", due, D(2026, 8, 3), Status.ON_TIME),
    ]


def test_p2_skips_obligations_due_before_the_launch(uni, year_2026, university):
    cf.curriculum(cf.programme(uni["chem"], duration=1), 2026)
    university.launch_date = D(2026, 8, 11)
    university.save()
    assert rows("annex5.p2") == []


def test_p2_names_the_dean_of_the_faculty(uni, year_2026, dean_chemistry):
    old = f.UserFactory(username="old_dean")
    f.grant(old, "dean", uni["chem"])
    f.grant(f.UserFactory(username="revoked"), "dean", uni["chem"], revoked_at=at(2026, 5, 1))
    econ_dean = f.UserFactory(username="dean_econ")
    f.grant(econ_dean, "dean", uni["econ"])
    cf.curriculum(cf.programme(uni["chem"], duration=1), 2026)
    cf.curriculum(cf.programme(uni["accounting_dept"].parent, duration=1), 2026)
    obligations = [r.obligation for r in results("annex5.p2")]
    assert [(o.user, o.unit) for o in obligations] == [(old, uni["chem"]), (econ_dean, uni["econ"])]


def test_p3_one_obligation_per_semester_with_a_calendar_semester(uni, year_2026):
    cur = cf.curriculum(cf.programme(uni["chem"], code="60710100", duration=2), 2026)
    first = cur.semesters.get(number=1)
    cf.add(first, uni["inorganic"])
    cf.add(first, uni["inorganic"])
    early, late = CurriculumSubject.objects.filter(semester=first).order_by("pk")
    CurriculumSubject.objects.filter(pk=early.pk).update(created_at=at(2026, 8, 10))
    CurriculumSubject.objects.filter(pk=late.pk).update(created_at=at(2026, 8, 20))
    assert sorted(rows("annex5.p3")) == [
        (
            "Subjects of semester 1 of the curriculum 60710100 · 2026",
            D(2026, 8, 17),
            D(2026, 8, 20),
            Status.LATE,
        ),
        ("Subjects of semester 2 of the curriculum 60710100 · 2026", D(2027, 1, 19), None, Status.PENDING),
    ]  # semesters 3 and 4 (2027-2028) have no calendar semester yet


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_is_constant(uni, year_2026, dean_chemistry, django_assert_num_queries, n):
    for _ in range(n):
        cur = cf.curriculum(cf.programme(uni["chem"], duration=1), 2026)
        cf.add(cur.semesters.get(number=1), uni["inorganic"])
    first, second = engine.build_context(today=TODAY), engine.build_context(today=TODAY)
    with django_assert_num_queries(3):  # curricula, academic years, dean grants
        p2 = list(EVALUATORS["annex5.p2"](first))
    with django_assert_num_queries(3):  # curriculum semesters, calendar semesters, dean grants
        p3 = list(EVALUATORS["annex5.p3"](second))
    assert (len(p2), len(p3)) == (n, 2 * n)
    assert {o.user for o in p2 + p3} == {dean_chemistry}
