"""The electives services: opening a window, choosing within the cap or onto the waitlist, cancelling
(the seat to the first waitlisted), caps, closing an under-filled offer moving its students. Every
refusal leaves the offers, the choices and the journal as they were."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.curricula.enums import SubjectBlock
from hemis.electives import selectors, services
from hemis.electives.enums import ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer, ElectiveWindow
from hemis.electives.tests.world import (
    AFTER_WINDOW,
    BEFORE_WINDOW,
    IN_WINDOW,
    _cs,
    _curriculum,
    offer,
    open_window,
)
from hemis.students.models import StudentStatus
from hemis.testing import factories as f

pytestmark = pytest.mark.django_db

C, W = ChoiceStatus.CONFIRMED, ChoiceStatus.WAITLISTED


def snapshot():
    """Everything a refusal must leave as it was."""
    return (
        list(ElectiveOffer.objects.order_by("pk").values_list("pk", "seats", "taken", "cancelled_at")),
        list(ElectiveChoice.objects.order_by("pk").values_list("pk", "status", "offer_id")),
        list(ElectiveWindow.objects.order_by("pk").values_list("pk", "closed_at")),
        AuditEvent.objects.count(),
    )


def refused(call, field: str, message: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict[field] == [message]
    assert snapshot() == before


def pick(student, o, today=IN_WINDOW):
    return services.choose(student=student, offer=o, actor=student.user, today=today)


# --- opening a window ---------------------------------------------------------------------------


def test_open_window_offers_every_elective_of_the_faculty_semester_with_the_cap(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=25)
    assert (window.opens_on, window.closes_on) == (
        dt.date(2027, 1, 26),
        dt.date(2027, 2, 1),
    )  # 5 wd, 6-day week
    offers = window.offers.order_by("curriculum_subject__subject__code")
    assert [(o.curriculum_subject, o.seats, o.taken) for o in offers] == [
        (world.philosophy, 25, 0),
        (world.petro, 25, 0),
        (world.polymers, 25, 0),
    ]  # the mandatory subject and economics' Marketing are not offered
    event = AuditEvent.objects.get(action="electives.window.opened")
    assert event.data["after"]["seats"] == 25


def test_open_window_refusals_change_nothing(world, dean_chemistry, uni):
    call = lambda **kw: services.open_window(  # noqa: E731
        **({"semester": world.semester, "faculty": world.chem, "seats": 20, "actor": dean_chemistry} | kw)
    )
    refused(lambda: call(seats=0), "seats", "An elective has at least one seat.")
    refused(
        lambda: call(opens_on=dt.date(2027, 1, 30), closes_on=dt.date(2027, 1, 29)),
        "closes_on",
        "The window cannot close before it opens.",
    )
    lonely = f.faculty("F-PHYS", "Fizika fakulteti")
    refused(
        lambda: call(faculty=lonely),
        "semester",
        "The faculty's curricula have no elective subjects in this semester.",
    )
    call()
    refused(call, "semester", "The selection for this semester is already open at the faculty.")


# --- choosing -----------------------------------------------------------------------------------


def test_choose_confirms_within_the_cap_then_waitlists_in_order(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=2)
    polymers = offer(window, world.polymers)
    choices = [pick(s, polymers) for s in world.students]
    assert [c.status for c in choices] == [C, C, W, W]
    assert [selectors.waitlist_position(c) for c in choices] == [0, 0, 1, 2]
    polymers.refresh_from_db()
    assert polymers.taken == 2
    assert choices[0].decided_at is not None and choices[2].decided_at is None
    assert AuditEvent.objects.filter(action="electives.choice.made").count() == 4


def test_one_choice_per_block_and_another_in_another_block(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    student = world.students[0]
    pick(student, offer(window, world.polymers))
    refused(
        lambda: pick(student, offer(window, world.polymers)),
        "offer",
        "You have already chosen this elective.",
    )
    refused(
        lambda: pick(student, offer(window, world.petro)),
        "offer",
        "You have already chosen Polymer chemistry in this block: cancel it first to choose another.",
    )
    assert pick(student, offer(window, world.philosophy)).status == C  # the humanities block


def test_a_waitlisted_choice_also_holds_the_block(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=1)
    pick(world.students[0], offer(window, world.polymers))
    assert pick(world.students[1], offer(window, world.polymers)).status == W
    refused(
        lambda: pick(world.students[1], offer(window, world.petro)),
        "offer",
        "You have already chosen Polymer chemistry in this block: cancel it first to choose another.",
    )


def test_choose_outside_the_window_is_refused(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    polymers = offer(window, world.polymers)
    text = "Selection outside the window: electives are chosen from 26.01.2027 to 01.02.2027."
    refused(lambda: pick(world.students[0], polymers, BEFORE_WINDOW), "offer", text)
    refused(lambda: pick(world.students[0], polymers, AFTER_WINDOW), "offer", text)
    services.close_window(window=window, actor=dean_chemistry)
    refused(
        lambda: pick(world.students[0], polymers),
        "offer",
        "Selection outside the window: the dean's office has closed the selection.",
    )


def test_choose_refuses_students_outside_the_offers_curriculum(world, dean_chemistry, uni):
    window = open_window(world, dean_chemistry)
    polymers = offer(window, world.polymers)
    text = "This elective is not in your curriculum for that semester."
    refused(lambda: pick(world.econ_students[0], polymers), "offer", text)  # economics
    no_curriculum = f.StudentFactory(group=uni["chem_group"])  # chemistry, a group without the curriculum
    refused(lambda: pick(no_curriculum, polymers), "offer", text)
    on_leave = world.students[3]
    on_leave.status = StudentStatus.ACADEMIC_LEAVE
    on_leave.save()
    refused(lambda: pick(on_leave, polymers), "offer", text)
    world.kt21.intake_year = 2024  # the group's own year is not what counts: its curriculum's is
    world.kt21.save()
    assert pick(world.students[0], polymers).status == C


def test_choose_refuses_a_closed_offer(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    services.close_offer(offer=offer(window, world.petro), move_to=None, actor=dean_chemistry)
    refused(
        lambda: pick(world.students[0], offer(window, world.petro)),
        "offer",
        "The dean's office has closed this elective.",
    )


# --- cancelling ---------------------------------------------------------------------------------


def test_cancel_gives_the_seat_to_the_first_waitlisted(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=1)
    polymers = offer(window, world.polymers)
    first, second, third = (pick(s, polymers) for s in world.students[:3])
    promoted = services.cancel(choice=first, actor=first.student.user, today=IN_WINDOW)
    assert promoted.pk == second.pk
    statuses = dict(ElectiveChoice.objects.values_list("pk", "status"))
    assert statuses == {first.pk: ChoiceStatus.CANCELLED, second.pk: C, third.pk: W}
    polymers.refresh_from_db()
    assert polymers.taken == 1
    third.refresh_from_db()
    assert selectors.waitlist_position(third) == 1
    assert AuditEvent.objects.get(action="electives.choice.cancelled").data["after"]["promoted"] == second.pk
    # the student may now choose another of the block
    assert pick(first.student, offer(window, world.petro)).status == C


def test_cancel_without_a_waitlist_frees_the_seat_and_a_waitlisted_cancel_keeps_it(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=1)
    polymers = offer(window, world.polymers)
    first, second = pick(world.students[0], polymers), pick(world.students[1], polymers)
    assert services.cancel(choice=second, actor=None, today=IN_WINDOW) is None
    polymers.refresh_from_db()
    assert polymers.taken == 1
    assert services.cancel(choice=first, actor=None, today=IN_WINDOW) is None
    polymers.refresh_from_db()
    assert polymers.taken == 0


def test_cancel_refusals_change_nothing(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    choice = pick(world.students[0], offer(window, world.polymers))
    refused(
        lambda: services.cancel(choice=choice, actor=None, today=AFTER_WINDOW),
        "choice",
        "Selection outside the window: the choice can no longer be changed.",
    )
    services.cancel(choice=choice, actor=None, today=IN_WINDOW)
    refused(
        lambda: services.cancel(choice=choice, actor=None, today=IN_WINDOW),
        "choice",
        "This choice is no longer active.",
    )


# --- the dean's office: caps and closing --------------------------------------------------------


def test_set_seats_never_below_taken_and_a_raise_admits_the_waitlist(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=1)
    polymers = offer(window, world.polymers)
    choices = [pick(s, polymers) for s in world.students[:3]]
    services.set_seats(offer=polymers, seats=1, actor=dean_chemistry)  # unchanged is fine
    refused(
        lambda: services.set_seats(offer=polymers, seats=0, actor=dean_chemistry),
        "seats",
        "An elective has at least one seat.",
    )
    pick(world.students[3], offer(window, world.petro))
    refused(
        lambda: services.set_seats(offer=offer(window, world.petro), seats=0, actor=dean_chemistry),
        "seats",
        "An elective has at least one seat.",
    )
    updated = services.set_seats(offer=polymers, seats=2, actor=dean_chemistry)
    assert (updated.seats, updated.taken) == (2, 2)
    statuses = [ElectiveChoice.objects.get(pk=c.pk).status for c in choices]
    assert statuses == [C, C, W]
    refused(
        lambda: services.set_seats(offer=polymers, seats=1, actor=dean_chemistry),
        "seats",
        "2 seats are taken: the cap cannot be lower.",
    )


def test_close_offer_moves_its_students_within_the_target_cap_then_to_its_waitlist(world, dean_chemistry):
    window = open_window(world, dean_chemistry, seats=2)
    polymers, petro = offer(window, world.polymers), offer(window, world.petro)
    a, b, c, d = world.students
    pick(a, petro)  # petro: one seat left
    moved = [pick(s, polymers) for s in (b, c, d)]  # polymers: b, c confirmed, d waitlisted
    moves = services.close_offer(offer=polymers, move_to=petro, actor=dean_chemistry)
    assert [(m.student, m.status) for m in moves] == [(b, C), (c, W), (d, W)]
    polymers.refresh_from_db()
    petro.refresh_from_db()
    assert polymers.cancelled_at is not None and polymers.taken == 0
    assert petro.taken == 2
    assert [ElectiveChoice.objects.get(pk=m.pk).status for m in moved] == [ChoiceStatus.MOVED] * 3
    new = ElectiveChoice.objects.filter(offer=petro, moved_from__isnull=False).order_by("pk")
    assert [(n.student, n.moved_from_id) for n in new] == [
        (b, moved[0].pk),
        (c, moved[1].pk),
        (d, moved[2].pk),
    ]
    event = AuditEvent.objects.get(action="electives.offer.closed")
    assert event.data["after"]["moved"] == [
        {"student": b.pk, "status": "confirmed"},
        {"student": c.pk, "status": "waitlisted"},
        {"student": d.pk, "status": "waitlisted"},
    ]


def test_close_offer_refusals_change_nothing(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    polymers, petro, philosophy = (
        offer(window, cs) for cs in (world.polymers, world.petro, world.philosophy)
    )
    pick(world.students[0], polymers)
    close = lambda target: services.close_offer(offer=polymers, move_to=target, actor=dean_chemistry)  # noqa: E731
    refused(
        lambda: close(None), "move_to", "1 student chose this elective: choose the elective to move them to."
    )
    refused(lambda: close(polymers), "move_to", "Choose another elective to move the students to.")
    refused(
        lambda: close(philosophy),
        "move_to",
        "The students can be moved only to an elective of the same curriculum, block and window.",
    )
    services.close_offer(offer=petro, move_to=None, actor=dean_chemistry)
    refused(lambda: close(petro), "move_to", "That elective is closed.")
    refused(
        lambda: services.close_offer(offer=petro, move_to=None, actor=dean_chemistry),
        "offer",
        "This elective is already closed.",
    )


def test_close_window_twice_is_refused(world, dean_chemistry):
    window = open_window(world, dean_chemistry)
    services.close_window(window=window, actor=dean_chemistry)
    refused(
        lambda: services.close_window(window=window, actor=dean_chemistry),
        "window",
        "The selection window is already closed.",
    )


def test_close_offer_moves_students_only_within_their_own_curriculum(world, dean_chemistry):
    other = _curriculum(world.chem, "60720200")  # another chemistry programme, same semester and block
    foreign = _cs(
        other, "KIM401", "Applied chemistry", world.polymers.department, SubjectBlock.GENERAL_PROFESSIONAL
    )
    window = open_window(world, dean_chemistry)
    polymers = offer(window, world.polymers)
    pick(world.students[0], polymers)
    refused(
        lambda: services.close_offer(offer=polymers, move_to=offer(window, foreign), actor=dean_chemistry),
        "move_to",
        "The students can be moved only to an elective of the same curriculum, block and window.",
    )
