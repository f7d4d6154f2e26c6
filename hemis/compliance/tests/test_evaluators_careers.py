"""Annex 3 item 4 and annex 4 item 9 measured on prepared data (5-day week).

An order of Friday 26.12.2025 is due two working days later, on Tuesday 30.12.2025.
"""

import datetime as dt

import pytest
from django.utils import translation

from hemis.careers.models import Competition, TrainingRecord
from hemis.careers.tests.factories import CompetitionFactory, TrainingRecordFactory
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.staff.enums import Position
from hemis.testing import factories as f

D = dt.date
ORDER = D(2025, 12, 26)


@pytest.fixture
def hr_officer(uni):
    """An HR user who works in the HR division."""
    hr_division = f.make_unit(code="KAD", name="Kadrlar boʻlimi", kind="13")
    user = f.UserFactory(username="hr_officer")
    f.grant(user, "hr")
    f.appoint(f.EmployeeFactory(user=user, last_name="Saidova"), hr_division, Position.HEAD_OF_DIVISION)
    return user


def entered(model, record, moment):
    model.objects.filter(pk=record.pk).update(created_at=moment)


TODAY = D(2026, 1, 20)


def rows(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    return res.rows


def teacher(last_name="Toshmatov"):
    return f.EmployeeFactory(last_name=last_name, first_name="Jasur", patronymic="Olimovich")


def test_selection_entered_within_two_working_days_is_on_time(university, uni, hr_officer):
    competition = CompetitionFactory(
        employee=teacher(),
        org_unit=uni["inorganic"],
        order_number="245-K",
        order_date=ORDER,
        created_by=hr_officer,
    )
    entered(Competition, competition, at(2025, 12, 30, 17))
    with translation.override("en"):
        (row,) = rows("annex3.p4")
    assert (row.obligation.due, row.obligation.done_at, row.status) == (
        D(2025, 12, 30),
        D(2025, 12, 30),
        Status.ON_TIME,
    )
    assert (row.obligation.user, row.obligation.unit.code) == (hr_officer, "KAD")
    assert (
        row.obligation.subject
        == "Competitive selection of Toshmatov Jasur Olimovich, order № 245-K of 26.12.2025"
    )


def test_selection_entered_late_without_a_known_author(university, uni):
    competition = CompetitionFactory(employee=teacher(), org_unit=uni["inorganic"], order_date=ORDER)
    entered(Competition, competition, at(2025, 12, 31, 9))
    (row,) = rows("annex3.p4")
    assert (row.obligation.done_at, row.status) == (D(2025, 12, 31), Status.LATE)
    assert (row.obligation.user, row.obligation.unit) == (None, None)


def test_training_records_each_one_obligation(university, hr_officer):
    on_time = TrainingRecordFactory(employee=teacher("Aliyev"), order_date=ORDER, created_by=hr_officer)
    late = TrainingRecordFactory(employee=teacher("Botirova"), order_date=D(2026, 1, 5), order_number="3-son")
    entered(TrainingRecord, on_time, at(2025, 12, 29))
    entered(TrainingRecord, late, at(2026, 1, 12))
    with translation.override("en"):
        result = rows("annex4.p9")
    assert [(r.obligation.due, r.obligation.done_at, r.status) for r in result] == [
        (D(2025, 12, 30), D(2025, 12, 29), Status.ON_TIME),
        (D(2026, 1, 7), D(2026, 1, 12), Status.LATE),
    ]
    assert (
        result[1].obligation.subject
        == "Professional development of Botirova Jasur Olimovich, order № 3-son of 05.01.2026"
    )
    assert result[0].obligation.unit.code == "KAD"


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_is_constant(university, uni, hr_officer, django_assert_num_queries, n):
    for i in range(n):
        CompetitionFactory(
            employee=teacher(f"Karimov{i}"),
            org_unit=uni["inorganic"],
            order_date=ORDER,
            created_by=hr_officer,
        )
        TrainingRecordFactory(employee=teacher(f"Rahimov{i}"), order_date=ORDER, created_by=hr_officer)
    context = engine.build_context(today=D(2026, 1, 20))
    with django_assert_num_queries(4):
        results = engine.evaluate(context=context, process_ids=["annex3.p4", "annex4.p9"])
    assert [len(r.rows) for r in results] == [n, n]
