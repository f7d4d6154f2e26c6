"""Annex 13 item 3 (choose electives) measured on the electives test world, 5-day week.

Chemistry's window for the spring semester starting on Monday 01.02.2027: its offers cover two blocks
of KT-21's curriculum semester 4 (general professional: Polymers, Petrochemistry; humanities:
Philosophy), so each of KT-21's four studying students owes two choices, due five working days before
the semester, Monday 25.01.2027. Economics opened no window: its students owe nothing.
"""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.electives import services
from hemis.electives.models import ElectiveChoice
from hemis.electives.tests.world import build_world, offer

D = dt.date
DUE = D(2027, 1, 25)
GP, HUM = "General professional subjects", "Humanities and socio-economic subjects"


@pytest.fixture
def w(university, uni, dean_chemistry):
    world = build_world(uni)
    world.window = services.open_window(
        semester=world.semester, faculty=world.chem, seats=2, actor=dean_chemistry
    )
    assert world.window.opens_on == DUE  # the default: five working days before the semester
    return world


def chose(w, student, cs, when):
    choice = services.choose(
        student=student, offer=offer(w.window, cs), actor=student.user, today=when.date()
    )
    ElectiveChoice.objects.filter(pk=choice.pk).update(created_at=when)
    return choice


def rows(today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=["annex13.p3"])
    assert res.measured is True
    return sorted(
        (
            r.obligation.user.first_name,
            GP if GP in r.obligation.subject else HUM,
            r.obligation.due,
            r.obligation.done_at,
            r.status,
        )
        for r in res.rows
    )


def test_each_student_owes_a_choice_per_block_due_five_working_days_before_the_semester(w, dean_chemistry):
    s0, s1, s2, _s3 = w.students
    chose(w, s0, w.polymers, at(2027, 1, 25, 9))  # on the due day: on time
    chose(w, s0, w.philosophy, at(2027, 1, 27))  # late
    chose(w, s1, w.petro, at(2027, 1, 26))  # late, and moved below: still the day s1 chose
    cancelled = chose(w, s2, w.polymers, at(2027, 1, 25))  # taken back: no choice
    services.cancel(choice=cancelled, actor=None, today=D(2027, 1, 25))
    services.close_offer(
        offer=offer(w.window, w.petro), move_to=offer(w.window, w.polymers), actor=dean_chemistry
    )

    assert rows(D(2027, 2, 3)) == [
        ("Talaba0", GP, DUE, D(2027, 1, 25), Status.ON_TIME),
        ("Talaba0", HUM, DUE, D(2027, 1, 27), Status.LATE),
        ("Talaba1", GP, DUE, D(2027, 1, 26), Status.LATE),
        ("Talaba1", HUM, DUE, None, Status.OVERDUE),
        ("Talaba2", GP, DUE, None, Status.OVERDUE),
        ("Talaba2", HUM, DUE, None, Status.OVERDUE),
        ("Talaba3", GP, DUE, None, Status.OVERDUE),
        ("Talaba3", HUM, DUE, None, Status.OVERDUE),
    ]
    (first,) = [
        r
        for r in engine.evaluate(
            context=engine.build_context(today=D(2027, 2, 3)), process_ids=["annex13.p3"]
        )[0].rows
        if r.obligation.user == s0.user and GP in r.obligation.subject
    ]
    assert first.obligation.unit == w.chem
    assert "KT-21" in first.obligation.subject


def test_before_the_due_day_nothing_is_overdue(w):
    assert {status for *_rest, status in rows(D(2027, 1, 20))} == {Status.PENDING}


def test_a_student_on_leave_owes_nothing_and_a_closed_offer_no_block(w, dean_chemistry):
    on_leave = w.students[3]
    on_leave.status = "13"
    on_leave.save()
    services.close_offer(offer=offer(w.window, w.philosophy), move_to=None, actor=dean_chemistry)
    assert [(name, block) for name, block, *_rest in rows(D(2027, 2, 3))] == [
        ("Talaba0", GP),
        ("Talaba1", GP),
        ("Talaba2", GP),
    ]


def test_due_before_the_launch_is_not_measured(w, university):
    university.launch_date = D(2027, 1, 26)
    university.save(update_fields=["launch_date"])
    assert rows(D(2027, 2, 3)) == []
