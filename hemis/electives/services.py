"""Electives (annex 13 item 3): the dean's office opens a window, the students choose within seat caps.

- ``open_window``: the selection window of a faculty for an academic semester, with one offer per
  elective curriculum subject of the faculty's curricula for that semester, all with the cap the dean's
  office sets. By default it opens five working days before the semester starts and closes on its
  first day.
- ``choose``: a student's choice of an offer — confirmed when a seat is free, waitlisted otherwise.
  The seat is taken by one conditional ``UPDATE`` (``taken < seats``) in the database, never by
  reading ``taken`` first: under a rush of parallel requests the offer never exceeds its cap and no
  confirmed choice is lost.
- ``cancel``: the student takes a choice back within the window; a confirmed seat goes to the first
  waitlisted choice (first come, first served) in the same transaction.
- ``set_seats``: the dean's office changes a cap — never below the seats taken; a raised cap takes
  waitlisted choices in.
- ``close_offer``: the dean's office closes an under-filled offer and moves its students to another
  offer of the same block (within that offer's cap, the rest to its waitlist).
- ``close_window``: the dean's office ends the selection before its last day.

Every refusal raises ``ValidationError`` and changes nothing; every write is audited.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hemis.academics.enums import SemesterType
from hemis.audit import services as audit
from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import SubjectType
from hemis.curricula.models import Curriculum, CurriculumSubject
from hemis.electives.enums import LIVE, ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer, ElectiveWindow
from hemis.students.models import StudentStatus

# The window opens this many working days before the semester starts (annex 13: "a week before").
DAYS_BEFORE = 5


def _date(d: dt.date) -> str:
    return f"{d:%d.%m.%Y}"


def curriculum_semester_number(intake_year: int, semester) -> int:
    """The semester of a curriculum of ``intake_year`` taught in the academic ``semester``: the
    academic year's distance from the intake, two semesters a year, autumn first. (Not the group's
    course: a window is opened before the semester, when the course may not be moved on yet.)"""
    years = semester.academic_year.start_date.year - intake_year
    return 2 * years + (1 if semester.semester_type == SemesterType.AUTUMN else 2)


def default_dates(semester, calendar: WorkingCalendar | None = None) -> tuple[dt.date, dt.date]:
    """Opens five working days before the semester's first day, closes on it."""
    calendar = calendar or WorkingCalendar()
    return calendar.add_working_days(semester.start_date, -DAYS_BEFORE), semester.start_date


def elective_subjects(*, semester, faculty):
    """The elective curriculum subjects of the faculty's curricula for ``semester``."""
    q = Q()
    for curriculum_id, intake_year in Curriculum.objects.filter(programme__faculty=faculty).values_list(
        "pk", "intake_year"
    ):
        number = curriculum_semester_number(intake_year, semester)
        q |= Q(semester__curriculum_id=curriculum_id, semester__number=number)
    if not q:
        return CurriculumSubject.objects.none()
    return (
        CurriculumSubject.objects.filter(q, subject_type=SubjectType.ELECTIVE)
        .select_related("subject", "semester__curriculum__programme")
        .order_by("semester__curriculum__programme__code", "block", "subject__code")
    )


# --- the dean's office: windows and offers ------------------------------------------------------


@transaction.atomic
def open_window(
    *,
    semester,
    faculty,
    seats: int,
    actor,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> ElectiveWindow:
    """Open the selection for ``faculty``'s electives of ``semester``: the window and one offer of
    ``seats`` seats per elective curriculum subject. Refused: a cap below one, a window already
    opened for the semester, dates in the wrong order, no elective subjects in the curricula."""
    if seats is None or seats < 1:
        raise ValidationError({"seats": [_("An elective has at least one seat.")]})
    default_open, default_close = default_dates(semester)
    opens_on = opens_on or default_open
    closes_on = closes_on or default_close
    if closes_on < opens_on:
        raise ValidationError({"closes_on": [_("The window cannot close before it opens.")]})
    if ElectiveWindow.objects.filter(semester=semester, faculty=faculty).exists():
        raise ValidationError(
            {"semester": [_("The selection for this semester is already open at the faculty.")]}
        )
    subjects = list(elective_subjects(semester=semester, faculty=faculty))
    if not subjects:
        raise ValidationError(
            {"semester": [_("The faculty's curricula have no elective subjects in this semester.")]}
        )
    window = ElectiveWindow.objects.create(
        semester=semester, faculty=faculty, opens_on=opens_on, closes_on=closes_on, created_by=actor
    )
    ElectiveOffer.objects.bulk_create(
        ElectiveOffer(window=window, curriculum_subject=cs, seats=seats, created_by=actor) for cs in subjects
    )
    audit.record(
        actor=actor,
        action="electives.window.opened",
        target=window,
        after={
            "semester": semester.pk,
            "faculty": faculty.pk,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "seats": seats,
            "offers": [cs.pk for cs in subjects],
        },
    )
    return window


@transaction.atomic
def close_window(*, window: ElectiveWindow, actor) -> ElectiveWindow:
    """End the selection now (before ``closes_on``); refused when already closed."""
    updated = ElectiveWindow.objects.filter(pk=window.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if not updated:
        raise ValidationError({"window": [_("The selection window is already closed.")]})
    window.refresh_from_db(fields=["closed_at"])
    audit.record(
        actor=actor, action="electives.window.closed", target=window, after={"closed_at": window.closed_at}
    )
    return window


def _lock_offer(pk: int) -> ElectiveOffer:
    return ElectiveOffer.objects.select_for_update().get(pk=pk)


def _queue(offer_id: int):
    return ElectiveChoice.objects.filter(offer_id=offer_id, status=ChoiceStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )


def _admit(offer: ElectiveOffer, free: int) -> list[ElectiveChoice]:
    """Confirm the first ``free`` waitlisted choices of a locked offer and count their seats."""
    if free <= 0:
        return []
    admitted = list(_queue(offer.pk).select_for_update()[:free])
    if admitted:
        now = timezone.now()
        ElectiveChoice.objects.filter(pk__in=[c.pk for c in admitted]).update(
            status=ChoiceStatus.CONFIRMED, decided_at=now
        )
        ElectiveOffer.objects.filter(pk=offer.pk).update(taken=F("taken") + len(admitted))
        offer.taken += len(admitted)
        for choice in admitted:
            choice.status, choice.decided_at = ChoiceStatus.CONFIRMED, now
    return admitted


@transaction.atomic
def set_seats(*, offer: ElectiveOffer, seats: int, actor) -> ElectiveOffer:
    """Change an offer's cap. Refused: below one, below the seats already taken, a closed offer. A
    raised cap confirms that many waitlisted choices, first come first served."""
    locked = _lock_offer(offer.pk)
    if locked.cancelled_at is not None:
        raise ValidationError({"seats": [_("This elective is closed.")]})
    if seats is None or seats < 1:
        raise ValidationError({"seats": [_("An elective has at least one seat.")]})
    if seats < locked.taken:
        raise ValidationError(
            {"seats": [_("%(taken)d seats are taken: the cap cannot be lower.") % {"taken": locked.taken}]}
        )
    before = locked.seats
    ElectiveOffer.objects.filter(pk=locked.pk).update(seats=seats)
    locked.seats = seats
    admitted = _admit(locked, seats - locked.taken)
    audit.record(
        actor=actor,
        action="electives.offer.seats_changed",
        target=locked,
        before={"seats": before},
        after={"seats": seats, "admitted": [c.pk for c in admitted]},
    )
    return locked


@dataclass(frozen=True)
class Move:
    student: object
    status: str  # the new choice's: confirmed or waitlisted


@transaction.atomic
def close_offer(*, offer: ElectiveOffer, move_to: ElectiveOffer | None, actor) -> list[Move]:
    """Close an under-filled offer and move its live choices (confirmed first, then the waitlist, each
    in the order chosen) to ``move_to``, another open offer of the same window, curriculum semester
    (the students' own) and block: confirmed while it has seats, waitlisted behind its queue after.
    Refused: already closed, no offer to move to while students chose it, an offer of another window,
    curriculum semester or block, or a closed one. Returns who went where."""
    pks = sorted({offer.pk} | ({move_to.pk} if move_to is not None else set()))
    locked = {
        o.pk: o
        for o in ElectiveOffer.objects.select_for_update(of=("self",))
        .select_related("curriculum_subject")
        .filter(pk__in=pks)
        .order_by("pk")
    }
    source = locked[offer.pk]
    if source.cancelled_at is not None:
        raise ValidationError({"offer": [_("This elective is already closed.")]})
    movers = list(
        ElectiveChoice.objects.filter(offer=source, status__in=LIVE)
        .select_related("student")
        .order_by(F("status").asc(), "created_at", "pk")  # "confirmed" sorts before "waitlisted"
    )
    target = None
    if move_to is not None:
        target = locked[move_to.pk]
        source_cs, target_cs = source.curriculum_subject, target.curriculum_subject
        if target.pk == source.pk:
            raise ValidationError({"move_to": [_("Choose another elective to move the students to.")]})
        if (
            target.window_id != source.window_id
            or target_cs.block != source_cs.block
            or target_cs.semester_id != source_cs.semester_id
        ):
            raise ValidationError(
                {
                    "move_to": [
                        _(
                            "The students can be moved only to an elective of the same curriculum, block and window."
                        )
                    ]
                }
            )
        if target.cancelled_at is not None:
            raise ValidationError({"move_to": [_("That elective is closed.")]})
    elif movers:
        raise ValidationError(
            {
                "move_to": [
                    ngettext(
                        "%(count)d student chose this elective: choose the elective to move them to.",
                        "%(count)d students chose this elective: choose the elective to move them to.",
                        len(movers),
                    )
                    % {"count": len(movers)}
                ]
            }
        )
    now = timezone.now()
    ElectiveChoice.objects.filter(pk__in=[c.pk for c in movers]).update(
        status=ChoiceStatus.MOVED, decided_at=now
    )
    ElectiveOffer.objects.filter(pk=source.pk).update(cancelled_at=now, taken=0)
    moves: list[Move] = []
    if target is not None and movers:
        free = target.seats - target.taken  # read under the row lock held since the start
        new = []
        for i, old in enumerate(movers):
            status = ChoiceStatus.CONFIRMED if i < free else ChoiceStatus.WAITLISTED
            new.append(
                ElectiveChoice(
                    offer=target,
                    window_id=target.window_id,
                    block=old.block,
                    student=old.student,
                    status=status,
                    moved_from=old,
                    decided_at=now if status == ChoiceStatus.CONFIRMED else None,
                    created_by=actor,
                )
            )
            moves.append(Move(student=old.student, status=status))
        ElectiveChoice.objects.bulk_create(new)
        confirmed = sum(1 for m in moves if m.status == ChoiceStatus.CONFIRMED)
        if confirmed:
            ElectiveOffer.objects.filter(pk=target.pk).update(taken=F("taken") + confirmed)
    audit.record(
        actor=actor,
        action="electives.offer.closed",
        target=source,
        after={
            "move_to": target.pk if target else None,
            "moved": [{"student": m.student.pk, "status": m.status} for m in moves],
        },
    )
    return moves


# --- the student: choose and cancel -------------------------------------------------------------


def _refuse(message: str):
    raise ValidationError({"offer": [message]})


def _check_student(student, offer: ElectiveOffer) -> None:
    """Refused unless the student studies at the window's faculty in a group of the offer's
    curriculum, in the curriculum semester of the window's academic semester."""
    cs = offer.curriculum_subject
    group = student.group
    if (
        student.status != StudentStatus.STUDYING
        or group is None
        or group.faculty_id != offer.window.faculty_id
        or group.curriculum_id != cs.semester.curriculum_id
        or cs.semester.number
        != curriculum_semester_number(cs.semester.curriculum.intake_year, offer.window.semester)
    ):
        _refuse(_("This elective is not in your curriculum for that semester."))


def _take_seat(offer_id: int) -> bool:
    """One seat of the offer, if free: a single conditional UPDATE (the database's row lock orders
    parallel ones; none can pass the cap)."""
    return (
        ElectiveOffer.objects.filter(pk=offer_id, taken__lt=F("seats"), cancelled_at__isnull=True).update(
            taken=F("taken") + 1
        )
        == 1
    )


# What ``choose`` reads of an offer: a caller that fetched the offer with these (the student's page
# does, through the policy) spares the service a second read of the same row.
CHOOSE_RELATIONS = (
    "window__semester__academic_year",
    "curriculum_subject__semester__curriculum",
    "curriculum_subject__subject",
)


def _with_relations(offer: ElectiveOffer) -> bool:
    """Whether every relation of ``CHOOSE_RELATIONS`` came with ``offer`` (none would be read lazily)."""
    for path in CHOOSE_RELATIONS:
        obj = offer
        for name in path.split("__"):
            if not type(obj)._meta.get_field(name).is_cached(obj):
                return False
            obj = getattr(obj, name)
    return True


def choose(*, student, offer: ElectiveOffer, actor, today: dt.date | None = None) -> ElectiveChoice:
    """Choose ``offer``: confirmed when a seat is free, waitlisted when the cap is reached.

    Refused (nothing changed): outside the window, an offer the dean's office closed, an offer not of
    the student's curriculum semester or faculty, the same offer again, another live choice in the
    same block (cancel it first)."""
    today = today or timezone.localdate()
    if not _with_relations(offer):
        offer = ElectiveOffer.objects.select_related(*CHOOSE_RELATIONS).get(pk=offer.pk)
    window = offer.window
    if not window.is_open_on(today):
        _refuse(
            _("Selection outside the window: electives are chosen from %(opens)s to %(closes)s.")
            % {"opens": _date(window.opens_on), "closes": _date(window.closes_on)}
            if window.closed_at is None
            else _("Selection outside the window: the dean's office has closed the selection.")
        )
    if offer.cancelled_at is not None:
        _refuse(_("The dean's office has closed this elective."))
    _check_student(student, offer)
    block = offer.curriculum_subject.block
    # The same offer again, or a second live choice in the block, is refused by the partial unique
    # constraints when the choice is inserted (everything before rolled back, the seat too); only
    # then is the reason looked up. A rush pays no query for the rare second try.
    try:
        with transaction.atomic():
            confirmed = _take_seat(offer.pk)
            if not confirmed:
                # Full: queue up while holding the offer's row, as a cancel does while it hands a
                # freed seat to the queue — so no seat frees up unseen between the two.
                locked = (
                    ElectiveOffer.objects.select_for_update()
                    .only("cancelled_at", "taken", "seats")
                    .get(pk=offer.pk)
                )
                if locked.cancelled_at is not None:
                    _refuse(_("The dean's office has closed this elective."))
                # A seat freed since the UPDATE missed (the row is ours now, so this one takes it).
                confirmed = locked.taken < locked.seats and _take_seat(offer.pk)
            now = timezone.now()
            choice = ElectiveChoice.objects.create(
                offer=offer,
                window=window,
                block=block,
                student=student,
                status=ChoiceStatus.CONFIRMED if confirmed else ChoiceStatus.WAITLISTED,
                decided_at=now if confirmed else None,
                created_by=actor,
            )
            audit.record(
                actor=actor,
                action="electives.choice.made",
                target=choice,
                after={"offer": offer.pk, "student": student.pk, "status": choice.status},
            )
    except IntegrityError:
        # A live choice of this offer or block exists (maybe made by a parallel request of the same
        # student): the constraint refused this one; say which.
        _refuse_live(student, window.pk, block, offer.pk)
        raise
    return choice


def _refuse_live(student, window_id: int, block: str, offer_id: int) -> None:
    live = (
        ElectiveChoice.objects.filter(student=student, window_id=window_id, block=block, status__in=LIVE)
        .order_by("pk")  # not the model's ordering, which joins the offer's window and subject
        .values_list("offer_id", flat=True)
        .first()
    )
    if live is None:
        return
    if live == offer_id:
        _refuse(_("You have already chosen this elective."))
    chosen = ElectiveOffer.objects.select_related("curriculum_subject__subject").get(pk=live)
    _refuse(
        _("You have already chosen %(subject)s in this block: cancel it first to choose another.")
        % {"subject": chosen.curriculum_subject.subject}
    )


def cancel(*, choice: ElectiveChoice, actor, today: dt.date | None = None) -> ElectiveChoice | None:
    """Take a live choice back within the window. A confirmed seat goes to the first waitlisted choice
    of the offer (returned), or is freed. Refused: outside the window, a choice no longer live."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # the offer first, as choose and close_offer take it (its window read along, not locked)
        offer = (
            ElectiveOffer.objects.select_for_update(of=("self",))
            .select_related("window")
            .get(pk=choice.offer_id)
        )
        window = offer.window
        locked = ElectiveChoice.objects.select_for_update().get(pk=choice.pk)
        if locked.status not in LIVE:
            raise ValidationError({"choice": [_("This choice is no longer active.")]})
        if not window.is_open_on(today):
            raise ValidationError(
                {"choice": [_("Selection outside the window: the choice can no longer be changed.")]}
            )
        was = locked.status
        now = timezone.now()
        ElectiveChoice.objects.filter(pk=locked.pk).update(status=ChoiceStatus.CANCELLED, decided_at=now)
        promoted = None
        if was == ChoiceStatus.CONFIRMED:
            ElectiveOffer.objects.filter(pk=offer.pk).update(taken=F("taken") - 1)
            offer.taken -= 1
            admitted = _admit(offer, 1)
            promoted = admitted[0] if admitted else None
        audit.record(
            actor=actor,
            action="electives.choice.cancelled",
            target=locked,
            before={"status": was},
            after={"status": ChoiceStatus.CANCELLED, "promoted": promoted.pk if promoted else None},
        )
    choice.status, choice.decided_at = ChoiceStatus.CANCELLED, now
    return promoted
