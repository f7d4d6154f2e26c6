"""Annex 5 item 5 measured on admission orders (5-day week): due 5 working days after the order date,
done on the day the order was applied."""

import datetime as dt

import pytest
from django.utils import translation

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order
from hemis.testing import factories as f

D = dt.date
TODAY = D(2025, 9, 15)
PROCESS = "annex5.p5"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def admission_order(faculty, number, date, applied_at=None) -> Order:
    return Order.objects.create(
        kind=OrderKind.ADMISSION,
        number=number,
        date=date,
        faculty=faculty,
        status=OrderStatus.APPLIED if applied_at else OrderStatus.DRAFT,
        applied_at=applied_at,
    )


def rows(today=TODAY, unit=None):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[PROCESS], unit=unit)
    assert res.measured is True
    return [
        (
            r.obligation.subject,
            r.obligation.user,
            r.obligation.unit,
            r.obligation.due,
            r.obligation.done_at,
            r.status,
        )
        for r in res.rows
    ]


def test_one_obligation_per_admission_order(university, uni, dean_chemistry):
    # Wednesday 20.08.2025 + 5 working days = Wednesday 27.08.2025.
    admission_order(uni["chem"], "15-Q", D(2025, 8, 20), applied_at=at(2025, 8, 26))
    admission_order(uni["chem"], "16-Q", D(2025, 8, 20), applied_at=at(2025, 8, 29))
    admission_order(uni["econ"], "3-Q", D(2025, 8, 20))
    Order.objects.create(kind=OrderKind.EXPULSION, number="9-Q", date=D(2025, 8, 20), faculty=uni["chem"])
    chem, econ = uni["chem"], uni["econ"]
    assert sorted(rows(), key=lambda r: r[0]) == [
        (
            "Admission order № 15-Q of 20.08.2025 (Kimyo texnologiyasi fakulteti)",
            dean_chemistry,
            chem,
            D(2025, 8, 27),
            D(2025, 8, 26),
            Status.ON_TIME,
        ),
        (
            "Admission order № 16-Q of 20.08.2025 (Kimyo texnologiyasi fakulteti)",
            dean_chemistry,
            chem,
            D(2025, 8, 27),
            D(2025, 8, 29),
            Status.LATE,
        ),
        (
            "Admission order № 3-Q of 20.08.2025 (Iqtisodiyot fakulteti)",
            None,
            econ,
            D(2025, 8, 27),
            None,
            Status.OVERDUE,
        ),
    ]
    assert [r[0] for r in rows(unit=econ)] == ["Admission order № 3-Q of 20.08.2025 (Iqtisodiyot fakulteti)"]


def test_pending_before_the_due_date_and_done_on_the_tashkent_day(university, uni):
    # Applied at 23:30 UTC on 25.08 = 04:30 on 26.08 in Tashkent.
    admission_order(
        uni["chem"], "15-Q", D(2025, 8, 20), applied_at=dt.datetime(2025, 8, 25, 23, 30, tzinfo=dt.UTC)
    )
    admission_order(uni["chem"], "16-Q", D(2025, 8, 20))
    assert [(r[0][:23], r[4], r[5]) for r in rows(today=D(2025, 8, 25))] == [
        ("Admission order № 15-Q ", D(2025, 8, 26), Status.ON_TIME),
        ("Admission order № 16-Q ", None, Status.PENDING),
    ]


def test_revoked_dean_is_not_responsible(university, uni, dean_chemistry):
    dean_chemistry.grants.update(revoked_at=at(2025, 8, 1))
    successor = f.UserFactory(username="dean_chem_2")
    f.grant(successor, "dean", uni["chem"])
    admission_order(uni["chem"], "15-Q", D(2025, 8, 20))
    assert [r[1] for r in rows()] == [successor]


def test_orders_due_before_the_launch_are_not_measured(university, uni):
    university.launch_date = D(2025, 9, 1)
    university.save()
    admission_order(uni["chem"], "15-Q", D(2025, 8, 20))  # due 27.08.2025: before the launch
    admission_order(uni["chem"], "16-Q", D(2025, 9, 2))
    assert [r[0][:22] for r in rows()] == ["Admission order № 16-Q"]


@pytest.mark.parametrize("count", [1, 3])
def test_constant_queries(university, uni, dean_chemistry, django_assert_num_queries, count):
    for n in range(count):
        admission_order(uni["chem"] if n % 2 == 0 else uni["econ"], f"{n}-Q", D(2025, 8, 20))
    context = engine.build_context(today=TODAY)
    process = engine.registry.BY_ID[PROCESS]
    with django_assert_num_queries(2):
        result = engine.evaluate_process(process, context)
    assert result.counts.total == count
