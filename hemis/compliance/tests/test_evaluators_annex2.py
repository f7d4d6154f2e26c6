"""Annex 2 items 1–2 (the ICT department) measured on the integration registry, 5-day week, February
2026 (no holidays): an integration started on Monday 16.02.2026 needs its instruction approved by
Monday 09.02 (item 1); an instruction approved on Monday 02.02.2026 is to be integrated by Monday 09.02
(item 2)."""

import datetime as dt

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.integrations import services
from hemis.testing import factories as f

D = dt.date
TODAY = D(2026, 3, 2)


def register(system, *, approved=None, started=None, ict=None):
    return services.register_integration(
        system=system,
        purpose="Maʼlumot almashinuvi",
        instruction_title="Texnologik yoʻriqnoma" if approved else "",
        instruction_approved_on=approved,
        started_on=started,
        actor=ict,
    )


def rows(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return sorted(
        (r.obligation.subject.split("“")[1].split("”")[0], r.obligation.due, r.obligation.done_at, r.status)
        for r in res.rows
    )


def test_p1_the_instruction_is_approved_five_working_days_before_the_start(university):
    ict = f.UserFactory(username="ict")
    f.grant(ict, "ict")
    register("LMS", approved=D(2026, 2, 9), started=D(2026, 2, 16), ict=ict)  # on the due day
    register("Kutubxona", approved=D(2026, 2, 10), started=D(2026, 2, 16), ict=ict)  # a day late
    register("Buxgalteriya", started=D(2026, 2, 16), ict=ict)  # started with no instruction
    register("Yotoqxona", started=D(2026, 3, 9), ict=ict)  # starts next week: due today
    register("Rejada", ict=ict)  # no start date: nothing owed yet
    assert rows("annex2.p1") == [
        ("Buxgalteriya", D(2026, 2, 9), None, Status.OVERDUE),
        ("Kutubxona", D(2026, 2, 9), D(2026, 2, 10), Status.LATE),
        ("LMS", D(2026, 2, 9), D(2026, 2, 9), Status.ON_TIME),
        ("Yotoqxona", D(2026, 3, 2), None, Status.PENDING),
    ]
    (res,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=["annex2.p1"])
    assert {r.obligation.user for r in res.rows} == {ict}
    assert res.counts.as_dict() == {"on_time": 1, "late": 1, "pending": 1, "overdue": 1}


def test_p2_the_integration_follows_the_approval_within_five_working_days(university):
    register("LMS", approved=D(2026, 2, 2), started=D(2026, 2, 9))  # on the due day
    register("Kutubxona", approved=D(2026, 2, 2), started=D(2026, 2, 10))  # a day late
    register("Buxgalteriya", approved=D(2026, 2, 2))  # approved, never integrated
    register("Yotoqxona", approved=D(2026, 2, 23), started=D(2026, 3, 5))  # a start still ahead: not done
    register("Rejada", started=D(2026, 2, 2))  # no approval: nothing owed under item 2
    assert rows("annex2.p2") == [
        ("Buxgalteriya", D(2026, 2, 9), None, Status.OVERDUE),
        ("Kutubxona", D(2026, 2, 9), D(2026, 2, 10), Status.LATE),
        ("LMS", D(2026, 2, 9), D(2026, 2, 9), Status.ON_TIME),
        ("Yotoqxona", D(2026, 3, 2), None, Status.PENDING),
    ]
    # the day after its due date the late start shows overdue
    assert rows("annex2.p2", today=D(2026, 3, 3))[-1] == ("Yotoqxona", D(2026, 3, 2), None, Status.OVERDUE)


def test_due_before_the_launch_is_not_measured(university):
    university.launch_date = D(2026, 2, 12)
    university.save()
    register("LMS", approved=D(2026, 2, 2), started=D(2026, 2, 6))
    assert rows("annex2.p1") == []  # due 30.01, before the launch
    assert rows("annex2.p2") == []  # due 09.02, before the launch
    register("CRM", approved=D(2026, 2, 16), started=D(2026, 2, 20))
    assert rows("annex2.p1") == [("CRM", D(2026, 2, 13), D(2026, 2, 16), Status.LATE)]
    assert rows("annex2.p2") == [("CRM", D(2026, 2, 23), D(2026, 2, 20), Status.ON_TIME)]


def test_the_registry_is_read_once_per_run(university, django_assert_num_queries):
    for n in range(3):
        register(f"Tizim {n}", approved=D(2026, 2, 2), started=D(2026, 2, 16))
    context = engine.build_context(today=TODAY)
    with django_assert_num_queries(2):  # the registry and the ICT grants, shared by both items
        results = engine.evaluate(context=context, process_ids=["annex2.p1", "annex2.p2"])
    assert [len(r.rows) for r in results] == [3, 3]
