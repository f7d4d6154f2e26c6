"""Demo data of the electives (annex 13 item 3), after grading: two selection windows per faculty.

- The current semester's (closed by its dates): opened by the dean's office ten working days before the
  semester started, so that most students chose in time (five working days before the start or
  earlier), some late (in the last days before the start), a few never (overdue for the evaluator).
  Every offer had room for all; in one block of two offers the dean's office closed the under-filled
  one and moved its students to the other (through the service: journaled, reported).
- The next semester's, open today (opened two days ago, closing on the semester's first day): every
  offer with a small cap (a quarter of the students who may choose it), about a third of the students
  have already chosen today — the popular offers are full, with waitlists — and one offer is
  under-filled (a single choice). The lowest student IDs of each faculty (the ones ``demo_logins``
  shows) have chosen nothing, so that the demo student picks on their own.

Windows, the next semester's choices and the move go through the services; the current semester's
choices, being many and in the past, are inserted as rows carrying the moment they were made."""

import datetime as dt
import math
from collections import defaultdict
from random import Random

from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.academics.models import Semester
from hemis.access.models import RoleGrant
from hemis.access.roles import RoleCode
from hemis.core.calendar import WorkingCalendar
from hemis.demo import rows as demo_rows
from hemis.demo.teaching import TASHKENT
from hemis.electives import services
from hemis.electives.enums import ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer, ElectiveWindow
from hemis.org.models import OrgUnit, StructureType
from hemis.students.models import Student, StudentStatus

PROTECTED = 5  # the lowest student IDs of each faculty choose nothing: the demo's students pick themselves
LATE, MISSING = 0.12, 0.05  # shares of the current semester's choices made late, and never made
NEXT_SHARE = 0.35  # students choosing in the next semester's window on the demo's day
NEXT_CAP = 0.25  # the next semester's caps: this share of the students who may choose the offer


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TASHKENT)


def _deans() -> dict[int, object]:
    grants = RoleGrant.objects.current().filter(role_id=RoleCode.DEAN).select_related("user").order_by("pk")
    return {g.org_unit_id: g.user for g in grants if g.org_unit_id}


def _eligible(window: ElectiveWindow) -> dict[int, list[Student]]:
    """Offer id → the studying students of the offer's curriculum at the window's faculty, by student ID."""
    offers = list(window.offers.select_related("curriculum_subject__semester"))
    curricula = {o.curriculum_subject.semester.curriculum_id for o in offers}
    students = defaultdict(list)
    for s in (
        Student.objects.filter(
            status=StudentStatus.STUDYING,
            group__faculty_id=window.faculty_id,
            group__curriculum_id__in=curricula,
        )
        .select_related("group", "user")
        .order_by("student_id_number")
    ):
        students[s.group.curriculum_id].append(s)
    return {o.pk: students[o.curriculum_subject.semester.curriculum_id] for o in offers}


def _blocks(window: ElectiveWindow) -> dict[tuple[int, str], list[ElectiveOffer]]:
    """(curriculum semester id, block) → its open offers, by pk."""
    out = defaultdict(list)
    for o in (
        window.offers.filter(cancelled_at__isnull=True).select_related("curriculum_subject").order_by("pk")
    ):
        out[o.curriculum_subject.semester_id, o.curriculum_subject.block].append(o)
    return out


# --- the current semester: a past window ----------------------------------------------------------


def _past_window(semester, faculty, dean, calendar: WorkingCalendar, rng: Random) -> tuple[int, int]:
    start = semester.start_date
    opens = calendar.add_working_days(start, -10)
    try:
        window = services.open_window(
            semester=semester, faculty=faculty, seats=1, actor=dean, opens_on=opens, closes_on=start
        )
    except ValidationError:  # no elective subjects in the faculty's curricula this semester
        return 0, 0
    eligible = _eligible(window)
    due = calendar.add_working_days(start, -services.DAYS_BEFORE)
    on_time_days = [opens + dt.timedelta(days=i) for i in range((due - opens).days + 1)]
    late_days = [due + dt.timedelta(days=i) for i in range(1, (start - due).days + 1)]
    rows, taken = [], defaultdict(int)
    for (_semester_id, block), offers in _blocks(window).items():
        for student in eligible[offers[0].pk]:
            draw = rng.random()
            if draw < MISSING:
                continue
            days = late_days if draw < MISSING + LATE else on_time_days
            moment = _at(rng.choice(days), rng.randint(8, 21))
            # the first offer of a block is the popular one; a later one under-filled
            offer = offers[0] if len(offers) == 1 or rng.random() < 0.9 else rng.choice(offers[1:])
            taken[offer.pk] += 1
            rows.append(
                (
                    offer.pk,
                    window.pk,
                    block,
                    student.pk,
                    ChoiceStatus.CONFIRMED,
                    moment,
                    moment,
                    student.user_id,
                )
            )
    demo_rows.insert(
        ElectiveChoice,
        (
            "offer_id",
            "window_id",
            "block",
            "student_id",
            "status",
            "created_at",
            "decided_at",
            "created_by_id",
        ),
        rows,
    )
    for offer in window.offers.all():
        # every offer had room for all who might choose it
        ElectiveOffer.objects.filter(pk=offer.pk).update(
            seats=max(len(eligible[offer.pk]), 1), taken=taken[offer.pk]
        )
    moved = 0
    for offers in _blocks(window).values():
        if len(offers) > 1 and moved == 0:
            small = min(offers[1:], key=lambda o: taken[o.pk])
            moved = len(services.close_offer(offer=small, move_to=offers[0], actor=dean))
            when = _at(start - dt.timedelta(days=1), 11)
            ElectiveOffer.objects.filter(pk=small.pk).update(cancelled_at=when)
            ElectiveChoice.objects.filter(moved_from__offer=small).update(created_at=when, decided_at=when)
            ElectiveChoice.objects.filter(offer=small).update(decided_at=when)
    ElectiveWindow.objects.filter(pk=window.pk).update(created_at=_at(opens - dt.timedelta(days=1), 10))
    ElectiveOffer.objects.filter(window=window).update(created_at=_at(opens - dt.timedelta(days=1), 10))
    return 1, len(rows) + moved


# --- the next semester: a window open today ------------------------------------------------------------


def _next_window(semester, faculty, dean, today: dt.date, rng: Random, underfill: bool) -> tuple[int, int]:
    try:
        window = services.open_window(
            semester=semester,
            faculty=faculty,
            seats=1,
            actor=dean,
            opens_on=today - dt.timedelta(days=2),
            closes_on=max(semester.start_date, today),
        )
    except ValidationError:
        return 0, 0
    eligible = _eligible(window)
    protected = set(
        Student.objects.filter(status=StudentStatus.STUDYING, group__faculty=faculty, user__isnull=False)
        .order_by("student_id_number")
        .values_list("pk", flat=True)[:PROTECTED]
    )
    # with what choose reads of an offer, so that it does not read each one again per choice
    offers = list(window.offers.select_related(*services.CHOOSE_RELATIONS).order_by("pk"))
    for offer in offers:
        cap = max(2, math.ceil(len(eligible[offer.pk]) * NEXT_CAP))
        services.set_seats(offer=offer, seats=cap, actor=dean)
    made = 0
    chosen: set[tuple[int, str]] = set()
    for index, offer in enumerate(offers):
        block = offer.curriculum_subject.block
        students = [s for s in eligible[offer.pk] if s.pk not in protected and (s.pk, block) not in chosen]
        rng.shuffle(students)
        count = 1 if underfill and index == len(offers) - 1 else round(len(students) * NEXT_SHARE)
        for student in students[:count]:
            services.choose(student=student, offer=offer, actor=student.user, today=today)
            chosen.add((student.pk, block))
            made += 1
    return 1, made


def seed(*, rng: Random) -> dict[str, int]:
    today = timezone.localdate()
    calendar = WorkingCalendar()
    current = Semester.objects.filter(is_current=True).select_related("academic_year").first()
    upcoming = (
        Semester.objects.filter(start_date__gt=today)
        .select_related("academic_year")
        .order_by("start_date")
        .first()
    )
    deans = _deans()
    faculties = list(OrgUnit.objects.filter(structure_type=StructureType.FACULTY).order_by("code"))
    windows = choices = 0
    underfilled = False
    for faculty in faculties:
        dean = deans.get(faculty.pk)
        if current is not None and current.start_date <= today:
            w, c = _past_window(current, faculty, dean, calendar, rng)
            windows, choices = windows + w, choices + c
        if upcoming is not None:
            w, c = _next_window(upcoming, faculty, dean, today, rng, underfill=not underfilled)
            underfilled = underfilled or bool(w)
            windows, choices = windows + w, choices + c
    return {"elective_windows": windows, "elective_choices": choices}
