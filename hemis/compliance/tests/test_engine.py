"""Classification of obligations and the evaluation run."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status, classify
from hemis.compliance.protocol import Obligation, local_date, local_today
from hemis.compliance.tests.conftest import at
from hemis.core.models import UniversitySettings

D = dt.date
TODAY = D(2026, 1, 10)


def ob(due, done_at=None, unit=None, process_id="annex5.p14"):
    return Obligation(process_id=process_id, subject="Labour event", due=due, done_at=done_at, unit=unit)


def test_done_on_the_due_day_is_on_time():
    assert classify(ob(D(2026, 1, 6), D(2026, 1, 6)), TODAY) is Status.ON_TIME
    assert classify(ob(D(2026, 1, 6), D(2026, 1, 2)), TODAY) is Status.ON_TIME


def test_done_after_the_due_day_is_late():
    assert classify(ob(D(2026, 1, 6), D(2026, 1, 7)), TODAY) is Status.LATE


def test_done_late_stays_late_even_before_today():
    assert classify(ob(D(2026, 1, 6), D(2026, 1, 7)), D(2026, 1, 1)) is Status.LATE


def test_not_done_and_due_today_or_later_is_pending():
    assert classify(ob(TODAY), TODAY) is Status.PENDING
    assert classify(ob(D(2026, 2, 1)), TODAY) is Status.PENDING


def test_not_done_and_due_before_today_is_overdue():
    assert classify(ob(D(2026, 1, 9)), TODAY) is Status.OVERDUE


def test_today_and_done_dates_are_tashkent_days():
    late_evening_utc = dt.datetime(2026, 1, 5, 20, 30, tzinfo=dt.UTC)  # 01:30 on 06.01 in Tashkent
    assert local_today(late_evening_utc) == D(2026, 1, 6)
    assert local_date(late_evening_utc) == D(2026, 1, 6)
    assert local_date(at(2026, 1, 5, 23, 59)) == D(2026, 1, 5)


def test_evaluation_counts_every_status(db, temporary_evaluator):
    temporary_evaluator(
        "annex5.p14",
        lambda context: [
            ob(D(2026, 1, 6), D(2026, 1, 6)),
            ob(D(2026, 1, 6), D(2026, 1, 8)),
            ob(D(2026, 1, 12)),
            ob(D(2026, 1, 9)),
            ob(D(2026, 1, 8)),
        ],
    )
    context = engine.build_context(today=TODAY)
    (result,) = engine.evaluate(context=context, process_ids=["annex5.p14"])
    assert result.measured is True
    assert result.counts.as_dict() == {"on_time": 1, "late": 1, "pending": 1, "overdue": 2}
    assert [(row.obligation.due, row.status) for row in result.rows] == [
        (D(2026, 1, 6), Status.ON_TIME),
        (D(2026, 1, 6), Status.LATE),
        (D(2026, 1, 8), Status.OVERDUE),
        (D(2026, 1, 9), Status.OVERDUE),
        (D(2026, 1, 12), Status.PENDING),
    ]


def test_a_process_without_evaluator_is_not_measured(db):
    (result,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=["annex9.p1"])
    assert result.measured is False
    assert result.counts is None
    assert result.rows == ()


# The processes with an evaluator today, written out: a new evaluator must be added here on purpose.
MEASURED = {
    "annex1.p2", "annex1.p3", "annex1.p7",
    "annex1.p4", "annex1.p6",  # the exchange with the ministry (issue 15)
    "annex2.p1", "annex2.p2",  # the integration registry (issue 15)
    "annex3.p1", "annex3.p2", "annex3.p3", "annex3.p4", "annex3.p5", "annex3.p6",
    "annex4.p1", "annex4.p2", "annex4.p4", "annex4.p5", "annex4.p6", "annex4.p7", "annex4.p8", "annex4.p9",
    "annex4.p10",
    "annex5.p1", "annex5.p2", "annex5.p3", "annex5.p4", "annex5.p5", "annex5.p6", "annex5.p7", "annex5.p8",
    "annex5.p9", "annex5.p10", "annex5.p11", "annex5.p12", "annex5.p13", "annex5.p17",
    "annex6.p1", "annex6.p2", "annex6.p3", "annex6.p4",
    "annex7.p1", "annex7.p2", "annex7.p3", "annex7.p4", "annex7.p5", "annex7.p6",
    "annex13.p1",  # the first log-in (issue 14)
    "annex13.p3",  # electives (issue 14)
    "controlling.library", "controlling.dormitory",  # the clearance sheet (issue 14)
}  # fmt: skip


def test_every_process_is_evaluated_in_registry_order(db):
    results = engine.evaluate(context=engine.build_context(today=TODAY))
    assert [r.process.id for r in results][:3] == ["annex1.p1", "annex1.p2", "annex1.p3"]
    assert len(results) == 82
    assert {r.process.id for r in results if r.measured} == MEASURED


def test_role_filter(db):
    results = engine.evaluate(context=engine.build_context(today=TODAY), role="ict")
    assert [r.process.id for r in results] == ["annex2.p1", "annex2.p2"]


def test_unit_filter_counts_the_unit_and_below(uni, temporary_evaluator):
    temporary_evaluator(
        "annex5.p14",
        lambda context: [
            ob(D(2026, 1, 6), D(2026, 1, 6), unit=uni["chem"]),
            ob(D(2026, 1, 6), unit=uni["inorganic"]),
            ob(D(2026, 1, 6), unit=uni["econ"]),
            ob(D(2026, 1, 6)),
        ],
    )
    context = engine.build_context(today=TODAY)
    (chem,) = engine.evaluate(context=context, process_ids=["annex5.p14"], unit=uni["chem"])
    assert chem.counts.as_dict() == {"on_time": 1, "late": 0, "pending": 0, "overdue": 1}
    (everything,) = engine.evaluate(context=context, process_ids=["annex5.p14"])
    assert everything.counts.total == 4


def test_context_uses_the_universitys_study_week(db):
    UniversitySettings.objects.create(study_week=5)
    context = engine.build_context(today=TODAY)
    assert context.calendar.study_week == 5
    assert context.today == TODAY


def test_totals_add_measured_processes_only(db, temporary_evaluator):
    temporary_evaluator("annex5.p14", lambda context: [ob(D(2026, 1, 6), D(2026, 1, 6)), ob(D(2026, 1, 9))])
    temporary_evaluator(
        "annex5.p15", lambda context: [ob(D(2026, 1, 6), D(2026, 1, 7), process_id="annex5.p15")]
    )
    results = engine.evaluate(
        context=engine.build_context(today=TODAY), process_ids=["annex5.p15", "annex5.p14", "annex9.p1"]
    )
    assert engine.totals(results).as_dict() == {"on_time": 1, "late": 1, "pending": 0, "overdue": 1}


def test_configured_staff_entry_days_show_in_the_result(db):
    UniversitySettings.objects.create(staff_entry_days=10)
    (result,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=["annex3.p3"])
    assert result.process.rule_text == "after(order, 10)"


def test_context_due_uses_the_configured_rule(db):
    UniversitySettings.objects.create(study_week=5, staff_entry_days=10)
    context = engine.build_context(today=TODAY)
    assert context.due("annex3.p3", D(2025, 12, 26)) == D(2026, 1, 14)  # 10 wd over the new year days off
    assert context.due("annex5.p15", D(2026, 3, 2), rule=1) == D(2026, 3, 26)
    with pytest.raises(ValueError, match="fixes no date"):
        context.due("annex9.p1", D(2026, 3, 2))


def test_a_continuous_record_is_due_a_working_week_after_its_event():
    from hemis.compliance.protocol import CONTINUOUS_DAYS, Context
    from hemis.core.calendar import WorkingCalendar

    calendar = WorkingCalendar(study_week=5, overrides={})
    context = Context(today=dt.date(2026, 11, 29), calendar=calendar, university=None)
    # Friday 27.11.2026 + 5 working days of a 5-day week = Friday 04.12.2026.
    assert CONTINUOUS_DAYS == 5
    assert context.continuous_due(dt.date(2026, 11, 27)) == dt.date(2026, 12, 4)
