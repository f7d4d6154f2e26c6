"""Reads of electives: the windows with their totals, an offer list with fill levels, a student's page
(offers per block with their own choice), a waitlist position, and what the compliance evaluator needs.

Every list is a constant number of queries, whatever its length."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from hemis.curricula.enums import SubjectBlock
from hemis.electives.enums import LIVE, ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer, ElectiveWindow
from hemis.electives.services import curriculum_semester_number


def _waiting():
    rows = (
        ElectiveChoice.objects.filter(offer=OuterRef("pk"), status=ChoiceStatus.WAITLISTED)
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def window_list(windows: QuerySet[ElectiveWindow]) -> QuerySet[ElectiveWindow]:
    """Windows with their semester and faculty, the number of offers open, their seats and the seats
    taken (closed offers left out), newest semester first."""
    open_offers = Q(offers__cancelled_at__isnull=True)
    return (
        windows.select_related("semester__academic_year", "faculty")
        .annotate(
            offer_count=Count("offers", filter=open_offers),
            seat_count=Coalesce(Sum("offers__seats", filter=open_offers), 0),
            taken_count=Coalesce(Sum("offers__taken", filter=open_offers), 0),
        )
        .order_by("-semester__start_date", "faculty__code", "pk")
    )


def fill_levels(window: ElectiveWindow) -> list[ElectiveOffer]:
    """The window's offers by block and subject, each with ``waiting`` (its waitlist) and ``percent``
    (seats taken of the cap)."""
    offers = list(
        window.offers.select_related(
            "curriculum_subject__subject", "curriculum_subject__semester__curriculum__programme"
        )
        .annotate(waiting=_waiting())
        .order_by(
            "curriculum_subject__semester__curriculum__programme__code",
            "curriculum_subject__block",
            "curriculum_subject__subject__code",
        )
    )
    for offer in offers:
        offer.percent = round(100 * offer.taken / offer.seats) if offer.seats else 0
    return offers


def waitlist_position(choice: ElectiveChoice) -> int:
    """1 for the first in the offer's waitlist; 0 when the choice is not waitlisted."""
    if choice.status != ChoiceStatus.WAITLISTED:
        return 0
    return ElectiveChoice.objects.filter(pk=choice.pk).values_list(_position(), flat=True).get()


def _position():
    """A waitlisted choice's place in its offer's queue (first come, first served)."""
    ahead = Q(created_at__lt=OuterRef("created_at")) | Q(
        created_at=OuterRef("created_at"), pk__lte=OuterRef("pk")
    )
    rows = (
        ElectiveChoice.objects.filter(ahead, offer=OuterRef("offer"), status=ChoiceStatus.WAITLISTED)
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


# --- the student's page -------------------------------------------------------------------------


@dataclass
class Block:
    code: str
    label: str
    offers: list = field(default_factory=list)
    choice: ElectiveChoice | None = None  # the live choice of the block


@dataclass
class WindowView:
    window: ElectiveWindow
    blocks: list[Block]
    history: list[ElectiveChoice]  # cancelled and moved choices, newest first


def student_windows(student) -> list[WindowView]:
    """The windows of the student's faculty whose offers are of the student's curriculum semester,
    newest first: per block its offers (closed ones left out unless chosen) and the student's live
    choice with its waitlist position. Three queries, whatever the number of windows and offers."""
    group = student.group
    if group is None or group.curriculum_id is None:
        return []
    offers = [
        o
        for o in ElectiveOffer.objects.filter(
            window__faculty_id=group.faculty_id,
            curriculum_subject__semester__curriculum_id=group.curriculum_id,
        )
        .select_related(
            "window__semester__academic_year",
            "curriculum_subject__subject",
            "curriculum_subject__semester__curriculum",
        )
        .order_by(
            "-window__semester__start_date", "curriculum_subject__block", "curriculum_subject__subject__code"
        )
        if o.curriculum_subject.semester.number
        == curriculum_semester_number(o.curriculum_subject.semester.curriculum.intake_year, o.window.semester)
    ]
    if not offers:
        return []
    windows: dict[int, ElectiveWindow] = {}
    for o in offers:
        windows.setdefault(o.window_id, o.window)
    choices = list(
        ElectiveChoice.objects.filter(student=student, window_id__in=list(windows))
        .select_related("offer__curriculum_subject__subject")
        .annotate(position=_position())
        .order_by("-created_at", "-pk")
    )
    labels = dict(SubjectBlock.choices)
    out = []
    for window_id, window in windows.items():
        live = {c.block: c for c in choices if c.window_id == window_id and c.status in LIVE}
        blocks: dict[str, Block] = {}
        for o in offers:
            if o.window_id != window_id:
                continue
            code = o.curriculum_subject.block
            block = blocks.setdefault(
                code, Block(code=code, label=str(labels.get(code, code)), choice=live.get(code))
            )
            if o.cancelled_at is None or (block.choice and block.choice.offer_id == o.pk):
                block.offers.append(o)
        history = [c for c in choices if c.window_id == window_id and c.status not in LIVE]
        out.append(WindowView(window=window, blocks=list(blocks.values()), history=history))
    return out


# --- compliance ---------------------------------------------------------------------------------


def windows_for_compliance() -> list[ElectiveWindow]:
    """Every window with its semester, and per window the (curriculum id, block) pairs of its open
    offers as ``pairs`` — two queries."""
    windows = {w.pk: w for w in ElectiveWindow.objects.select_related("semester__academic_year")}
    for w in windows.values():
        w.pairs = set()
    rows = ElectiveOffer.objects.filter(cancelled_at__isnull=True).values_list(
        "window_id",
        "curriculum_subject__semester__curriculum_id",
        "curriculum_subject__semester__curriculum__intake_year",
        "curriculum_subject__semester__number",
        "curriculum_subject__block",
    )
    for window_id, curriculum_id, intake_year, number, block in rows:
        window = windows[window_id]
        if number == curriculum_semester_number(intake_year, window.semester):
            window.pairs.add((curriculum_id, block))
    return list(windows.values())


def live_choices_for_compliance() -> dict[tuple[int, int, str], object]:
    """(student id, window id, block) → when the student chose their live choice of that block (for a
    choice the dean's office moved, when they chose the offer it was moved from)."""
    rows = ElectiveChoice.objects.filter(status__in=LIVE).values_list(
        "student_id", "window_id", "block", "created_at", "moved_from__created_at"
    )
    return {(s, w, b): moved or chosen for s, w, b, chosen, moved in rows}


def students_for_compliance(curriculum_ids) -> list:
    """The studying students of groups of those curricula, with their user, group's faculty and
    curriculum (``group__curriculum_id`` and ``group__faculty_id``) — one query."""
    from hemis.students.models import Student, StudentStatus

    return list(
        Student.objects.filter(
            status=StudentStatus.STUDYING, group__curriculum_id__in=list(curriculum_ids)
        ).select_related("user", "group")
    )
