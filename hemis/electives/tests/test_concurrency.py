"""A rush on one elective: more students than seats choose it at once, each from a thread with its own
database connection. Exactly ``seats`` choices are confirmed, the others waitlisted, and ``taken``
equals the seats — the conditional UPDATE never lets two requests take the last seat. With cancels
racing the chooses, the counts still agree: ``taken`` is the number of confirmed choices, and nobody
waits while a seat is free.

Transactional (the threads commit). PostgreSQL (``scripts/with-postgres.sh``) runs the threads truly
at once, released together by a barrier; SQLite takes one writer at a time, so there they run one
after the other and the test checks the same counts."""

import time

import pytest
from django.utils import translation

from hemis.electives import services
from hemis.electives.enums import LIVE, ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer
from hemis.electives.selectors import waitlist_position
from hemis.electives.tests.world import IN_WINDOW, build_world, offer, open_window
from hemis.testing.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEATS = 5
RUSH = 16


def run_all(work, n: int) -> tuple[list, list[BaseException]]:
    """``work(i)`` for i in 0..n-1 at once, each thread speaking English (the refusals are compared)."""

    def english(i: int):
        translation.activate("en")
        return work(i)

    return run_at_once(english, n)


def statuses(o) -> list[str]:
    return list(ElectiveChoice.objects.filter(offer=o).values_list("status", flat=True))


def test_a_rush_on_one_elective_confirms_exactly_its_seats(uni, dean_chemistry):
    world = build_world(uni, students=RUSH)
    polymers = offer(open_window(world, dean_chemistry, seats=SEATS), world.polymers)

    def pick(i: int) -> str:
        student = world.students[i]
        return services.choose(student=student, offer=polymers, actor=student.user, today=IN_WINDOW).status

    results, errors = run_all(pick, RUSH)

    assert errors == []
    assert sorted(results) == sorted(
        [ChoiceStatus.CONFIRMED] * SEATS + [ChoiceStatus.WAITLISTED] * (RUSH - SEATS)
    )
    polymers.refresh_from_db()
    assert polymers.taken == SEATS
    stored = statuses(polymers)
    assert stored.count(ChoiceStatus.CONFIRMED) == SEATS
    assert stored.count(ChoiceStatus.WAITLISTED) == RUSH - SEATS
    # the waitlist is in the order the choices were stored: positions 1..n without gaps
    queue = ElectiveChoice.objects.filter(offer=polymers, status=ChoiceStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    assert [waitlist_position(c) for c in queue] == list(range(1, RUSH - SEATS + 1))


def test_the_same_student_twice_at_once_gets_one_choice(uni, dean_chemistry):
    world = build_world(uni, students=1)
    polymers = offer(open_window(world, dean_chemistry, seats=SEATS), world.polymers)
    student = world.students[0]

    results, errors = run_all(
        lambda i: (
            services.choose(student=student, offer=polymers, actor=student.user, today=IN_WINDOW).status
        ),
        4,
    )

    assert results == [ChoiceStatus.CONFIRMED]
    assert len(errors) == 3
    assert {e.message_dict["offer"][0] for e in errors} == {"You have already chosen this elective."}
    polymers.refresh_from_db()
    assert polymers.taken == 1
    assert statuses(polymers) == [ChoiceStatus.CONFIRMED]


def test_cancels_racing_chooses_keep_the_counts_true(uni, dean_chemistry):
    world = build_world(uni, students=RUSH)
    polymers = offer(open_window(world, dean_chemistry, seats=SEATS), world.polymers)
    first = [
        services.choose(student=s, offer=polymers, actor=s.user, today=IN_WINDOW)
        for s in world.students[:SEATS]
    ]  # full
    later = world.students[SEATS:]

    def work(i: int):
        if i < len(first):  # the confirmed students cancel …
            return services.cancel(choice=first[i], actor=None, today=IN_WINDOW)
        student = later[i - len(first)]  # … while the others choose
        return services.choose(student=student, offer=polymers, actor=student.user, today=IN_WINDOW)

    _results, errors = run_all(work, len(first) + len(later))

    assert errors == []
    polymers.refresh_from_db()
    stored = statuses(polymers)
    confirmed = stored.count(ChoiceStatus.CONFIRMED)
    assert polymers.taken == confirmed <= SEATS
    assert stored.count(ChoiceStatus.CANCELLED) == SEATS
    # nobody waits while a seat is free: all later students fit (11 for 5 seats), so the offer is full
    assert confirmed == SEATS
    assert stored.count(ChoiceStatus.WAITLISTED) == len(later) - SEATS
    assert ElectiveOffer.objects.get(pk=polymers.pk).taken == SEATS


def test_closing_an_offer_while_students_choose_it_leaves_no_one_behind(uni, dean_chemistry):
    world = build_world(uni, students=RUSH)
    window = open_window(world, dean_chemistry, seats=SEATS)
    polymers, petro = offer(window, world.polymers), offer(window, world.petro)

    def work(i: int):
        if i == 0:  # the dean's office closes polymers, moving its students to petrochemistry …
            time.sleep(0.05)  # (on PostgreSQL: once the first choices are in, so that both sides are met)
            return services.close_offer(offer=polymers, move_to=petro, actor=dean_chemistry)
        student = world.students[i - 1]  # … while students choose polymers
        return services.choose(student=student, offer=polymers, actor=student.user, today=IN_WINDOW)

    results, errors = run_all(work, RUSH + 1)

    # a choice either came before the close (and was moved) or was refused: none is left on polymers
    assert {e.message_dict["offer"][0] for e in errors} <= {"The dean's office has closed this elective."}
    chose = len(results) - 1  # the close's result is among them
    assert ElectiveChoice.objects.filter(offer=polymers, status__in=LIVE).count() == 0
    assert ElectiveOffer.objects.get(pk=polymers.pk).taken == 0
    assert ElectiveChoice.objects.filter(window=window, status__in=LIVE).count() == chose
    petro.refresh_from_db()
    assert petro.taken == statuses(petro).count(ChoiceStatus.CONFIRMED) == min(chose, SEATS)
