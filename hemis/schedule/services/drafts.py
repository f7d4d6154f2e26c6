"""A week proposed by the solver for a faculty's groups (issue 11, "a draft made by a solver").

``start_draft`` records a draft and starts a background job (``tasks.make_draft``) that loads the
faculty's teaching load of the semester, asks the CP-SAT solver (``hemis.schedule.solver``) for a
conflict-free week and stores its items, the placed share and what could not be placed, and why.
The dean's office reviews the draft and applies it (``apply_draft``: every item becomes a timetable
entry through ``entries.place_entries``, all or nothing) or discards it.

``solve_faculty`` runs the same load and solve without a job or a draft (a benchmark, a shell).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractIsoWeekDay
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hemis.academics.models import LessonPair, Semester
from hemis.audit import services as audit
from hemis.core.models import UniversitySettings
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek, SubjectLoad
from hemis.jobs.models import FINISHED
from hemis.jobs.services import start_job
from hemis.org.models import OrgUnit, Room, RoomType, StructureType
from hemis.schedule import solver
from hemis.schedule.enums import ControlKind, DraftStatus, LessonStatus
from hemis.schedule.models import (
    PAIR_HOURS,
    Draft,
    DraftItem,
    EntryGroup,
    GroupSlot,
    Lesson,
    TeacherUnavailability,
    TeachingLoad,
    TimetableEntry,
)
from hemis.schedule.services.entries import EntrySpec, group_sizes, place_entries
from hemis.schedule.services.placement import Attendee
from hemis.students.models import Group, StudentStatus, Subgroup
from hemis.students.selectors import curriculum_semester_number

# The rooms each lesson type is best held in; any room that seats the group will do at a cost.
ROOM_TYPES: dict[str, frozenset[str]] = {
    TrainingType.LECTURE: frozenset({RoomType.LECTURE}),
    TrainingType.LABORATORY: frozenset({RoomType.LABORATORY}),
    TrainingType.PRACTICAL: frozenset({RoomType.PRACTICE, RoomType.SEMINAR}),
    TrainingType.SEMINAR: frozenset({RoomType.SEMINAR, RoomType.PRACTICE}),
    TrainingType.TRAINING: frozenset({RoomType.PRACTICE, RoomType.OTHER}),
}
# Course work and independent study have hours but no classroom lessons.
SCHEDULED_TYPES = tuple(ROOM_TYPES)
# A group with subgroups has these lessons subgroup by subgroup.
BY_SUBGROUP = frozenset({TrainingType.LABORATORY})
TIME_LIMIT = 20.0  # seconds; settings.SCHEDULE_DRAFT_SECONDS overrides
JOB_TITLE = gettext_noop("Timetable draft")  # a msgid: the job page translates it

Report = Callable[..., None]


@dataclass
class Loaded:
    """The solver's problem for a faculty, and how its items map back to teaching loads."""

    problem: solver.Problem
    # item key -> [(load id, group id, subgroup id or None)]: one per group of a stream
    parts: dict[int, list[tuple[int, int, int | None]]] = field(default_factory=dict)
    labels: dict[int, dict] = field(default_factory=dict)  # item key -> names for the unplaced list


@dataclass
class FacultyResult:
    loaded: Loaded
    solution: solver.Solution

    @property
    def placed(self) -> int:
        return self.solution.placed

    @property
    def requested(self) -> int:
        return self.solution.requested

    @property
    def seconds(self) -> float:
        return self.solution.seconds


def _time_limit() -> float:
    return float(getattr(settings, "SCHEDULE_DRAFT_SECONDS", TIME_LIMIT))


# --- loading the faculty's week ----------------------------------------------------------------------


def semester_weeks(semester: Semester) -> int:
    return math.ceil(((semester.end_date - semester.start_date).days + 1) / 7)


def _theory_weeks(groups: list[Group], semester: Semester) -> dict[int, int]:
    """Group id -> theory weeks of its curriculum semester (the semester's length without a schedule)."""
    counted = (
        CurriculumWeek.objects.filter(
            semester__curriculum_id__in={g.curriculum_id for g in groups if g.curriculum_id},
            kind=WeekKind.THEORY,
        )
        .values("semester__curriculum_id", "semester__number")
        .annotate(n=Count("id"))
    )
    weeks = {(row["semester__curriculum_id"], row["semester__number"]): row["n"] for row in counted}
    fallback = semester_weeks(semester)
    return {
        g.pk: weeks.get((g.curriculum_id, curriculum_semester_number(g, semester)), fallback) for g in groups
    }


def _scheduled(semester: Semester, groups: list[Group]) -> Counter:
    """Weekly entries already in the timetable: (group, subgroup, teacher, subject, type) -> count."""
    rows = EntryGroup.objects.filter(
        entry__semester=semester, group__in=groups, entry__valid_until__isnull=True
    ).values_list("group_id", "subgroup_id", "entry__teacher_id", "entry__subject_id", "entry__training_type")
    return Counter(rows)


def _busy(semester: Semester, teachers: set[int], groups: list[Group]) -> dict[str, set]:
    """Weekday pairs the timetable already holds for these teachers, for every room and for these
    groups (a final control sits in the examination weeks and does not take a weekly slot)."""
    lessons = (
        Lesson.objects.filter(semester=semester, status=LessonStatus.SCHEDULED)
        .exclude(control_kind=ControlKind.FINAL)
        .annotate(weekday=ExtractIsoWeekDay("date"))
        .order_by()  # no date in the SELECT DISTINCT below
    )
    slots = (
        GroupSlot.objects.filter(active=True, group__in=groups, lesson__in=lessons)
        .annotate(weekday=ExtractIsoWeekDay("date"))
        .values_list("group_id", "part", "weekday", "pair")
        .distinct()
    )
    return {
        "teachers": set(
            lessons.filter(teacher_id__in=teachers).values_list("teacher_id", "weekday", "pair").distinct()
        ),
        "rooms": set(lessons.values_list("room_id", "weekday", "pair").distinct()),
        "groups": set(slots),
    }


def _subgroups(groups: list[Group]) -> dict[int, list[Subgroup]]:
    rows = (
        Subgroup.objects.filter(group__in=groups)
        .annotate(n=Count("students", filter=Q(students__status=StudentStatus.STUDYING)))
        .order_by("group_id", "name")
    )
    out: dict[int, list[Subgroup]] = defaultdict(list)
    for row in rows:
        out[row.group_id].append(row)
    return out


def _loads(semester: Semester, groups: list[Group]) -> list[TeachingLoad]:
    return list(
        TeachingLoad.objects.filter(
            group_subject__semester=semester,
            group_subject__group__in=groups,
            training_type__in=SCHEDULED_TYPES,
        )
        .select_related("group_subject__curriculum_subject__subject", "group_subject__group", "teacher")
        .order_by("group_subject__group__name", "group_subject__curriculum_subject__subject__code", "pk")
    )


def load_problem(*, semester: Semester, faculty: OrgUnit, max_pairs_per_day: int) -> Loaded:
    """The solver's problem for the faculty's active groups in ``semester``: each load's pairs a week
    (its curriculum hours over two hours a pair and the group's theory weeks, less what the timetable
    already has), laboratories by subgroup, lectures of one subject and teacher joined into streams
    that a lecture room seats."""
    groups = list(Group.objects.filter(faculty=faculty, is_active=True).order_by("name"))
    sizes = group_sizes(groups)
    subgroups = _subgroups(groups)
    weeks = _theory_weeks(groups, semester)
    loads = _loads(semester, groups)
    hours = {
        (row[0], row[1]): row[2]
        for row in SubjectLoad.objects.filter(
            curriculum_subject_id__in={load.group_subject.curriculum_subject_id for load in loads}
        ).values_list("curriculum_subject_id", "training_type", "hours")
    }
    scheduled = _scheduled(semester, groups)
    rooms = list(Room.objects.filter(active=True).order_by("pk"))
    teacher_ids = {load.teacher_id for load in loads}
    busy = _busy(semester, teacher_ids, groups)

    # One entry per (load, subgroup) with the pairs it still needs.
    pieces: list[tuple[TeachingLoad, Subgroup | None, int]] = []
    for load in loads:
        gs = load.group_subject
        total = hours.get((gs.curriculum_subject_id, load.training_type), 0)
        if not total:
            continue
        pairs = math.ceil(total / (PAIR_HOURS * weeks[gs.group_id]))
        parts: list[Subgroup | None] = [None]
        if load.training_type in BY_SUBGROUP and subgroups.get(gs.group_id):
            parts = list(subgroups[gs.group_id])
        # Weekly entries of the load already in the timetable: the whole group's count for each subgroup.
        lesson = (load.teacher_id, gs.curriculum_subject.subject_id, load.training_type)
        for sub in parts:
            done = scheduled[(gs.group_id, None, *lesson)]
            if sub is not None:
                done += scheduled[(gs.group_id, sub.pk, *lesson)]
            if pairs - done > 0:
                pieces.append((load, sub, pairs - done))

    loaded = Loaded(
        problem=solver.Problem(
            weekdays=list(range(1, UniversitySettings.current().study_week + 1)),
            pairs=sorted(
                LessonPair.objects.filter(academic_year_id=semester.academic_year_id).values_list(
                    "number", flat=True
                )
            ),
            rooms=[solver.Room(r.pk, r.capacity, r.room_type) for r in rooms],
            groups=[
                solver.Group(
                    g.pk,
                    g.name,
                    sizes.get(g.pk, 0),
                    tuple(solver.Subgroup(s.pk, s.name, s.n) for s in subgroups.get(g.pk, [])),
                )
                for g in groups
            ],
            items=[],
            teachers={load.teacher_id: load.teacher.short_name for load in loads},
            max_pairs_per_day=max_pairs_per_day,
            unavailable=set(
                TeacherUnavailability.objects.filter(teacher_id__in=teacher_ids).values_list(
                    "teacher_id", "weekday", "pair"
                )
            ),
            busy_teachers=busy["teachers"],
            busy_rooms=busy["rooms"],
            busy_groups=busy["groups"],
        )
    )
    lecture_seats = max((r.capacity for r in rooms if r.room_type == RoomType.LECTURE), default=0)
    for members in _streams(pieces, sizes, lecture_seats):
        _add_item(loaded, members)
    return loaded


def _streams(pieces, sizes: dict[int, int], seats: int) -> list[list[tuple]]:
    """The pieces grouped into items: a whole-group lecture joins the others of its subject, teacher
    and pairs a week while the lecture room seats them all; everything else is an item of its own."""
    out: list[list[tuple]] = []
    open_streams: dict[tuple, list[tuple]] = {}
    for piece in pieces:
        load, sub, pairs = piece
        if load.training_type != TrainingType.LECTURE or sub is not None:
            out.append([piece])
            continue
        key = (load.group_subject.curriculum_subject.subject_id, load.teacher_id, pairs)
        stream = open_streams.get(key)
        size = sizes.get(load.group_subject.group_id, 0)
        if (
            stream is not None
            and sum(sizes.get(p[0].group_subject.group_id, 0) for p in stream) + size <= seats
        ):
            stream.append(piece)
            continue
        open_streams[key] = [piece]
        out.append(open_streams[key])
    return out


def _add_item(loaded: Loaded, members: list[tuple]) -> None:
    key = len(loaded.problem.items)
    first, _sub, pairs = members[0]
    loaded.problem.items.append(
        solver.Item(
            key=key,
            parts=tuple(
                solver.Part(load.group_subject.group_id, sub.pk if sub else None) for load, sub, _p in members
            ),
            teacher=first.teacher_id,
            pairs=pairs,
            room_types=ROOM_TYPES[first.training_type],
        )
    )
    loaded.parts[key] = [
        (load.pk, load.group_subject.group_id, sub.pk if sub else None) for load, sub, _p in members
    ]
    loaded.labels[key] = {
        "load": first.pk,
        "group": ", ".join(
            load.group_subject.group.name + (f" ({sub.name})" if sub else "") for load, sub, _p in members
        ),
        "subject": f"{first.group_subject.curriculum_subject.subject.name} "
        f"({TrainingType(first.training_type).label.lower()})",
        "teacher": first.teacher.short_name,
    }


def solve_faculty(
    semester: Semester, faculty: OrgUnit, max_pairs_per_day: int = 4, time_limit: float | None = None
) -> FacultyResult:
    """Load the faculty's week and solve it, writing nothing (``result.placed``, ``.requested``,
    ``.seconds``: the solver's time)."""
    loaded = load_problem(semester=semester, faculty=faculty, max_pairs_per_day=max_pairs_per_day)
    limit = _time_limit() if time_limit is None else time_limit
    return FacultyResult(loaded=loaded, solution=solver.solve_in_parts(loaded.problem, time_limit=limit))


# --- the draft's life ----------------------------------------------------------------------------------


def start_draft(
    *,
    semester: Semester,
    faculty: OrgUnit,
    max_pairs_per_day: int,
    actor,
    result_url: Callable[[Draft], str] | None = None,
) -> Draft:
    """Record a draft of the faculty's week and start the job that makes it (when the transaction
    commits); refused while another draft of the same faculty and semester is being made.
    ``result_url`` gives the draft's page, for the job page's link (the web layer knows its addresses)."""
    pairs = LessonPair.objects.filter(academic_year_id=semester.academic_year_id).count()
    errors: dict[str, list[str]] = {}
    if faculty.structure_type != StructureType.FACULTY:
        errors["faculty"] = [_("Choose a faculty.")]
    if not pairs:
        errors["semester"] = [
            _("The academic year %(year)s has no lesson pairs.") % {"year": semester.academic_year.name}
        ]
    elif not 1 <= max_pairs_per_day <= pairs:
        errors["max_pairs_per_day"] = [_("Choose between 1 and %(pairs)s pairs a day.") % {"pairs": pairs}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Two deans starting at once: the faculty's row makes the second wait and see the first.
        OrgUnit.objects.select_for_update().filter(pk=faculty.pk).first()
        running = Draft.objects.filter(semester=semester, faculty=faculty, status=DraftStatus.RUNNING)
        if running.exclude(job__status__in=FINISHED).filter(job__isnull=False).exists():
            raise ValidationError(
                {"__all__": [_("A draft of this faculty's week is being made; wait for it to finish.")]}
            )
        draft = Draft.objects.create(
            semester=semester, faculty=faculty, max_pairs_per_day=max_pairs_per_day, created_by=actor
        )
        audit.record(
            actor=actor,
            action="schedule.draft.started",
            target=draft,
            after={"semester": semester.pk, "faculty": faculty.pk, "max_pairs_per_day": max_pairs_per_day},
        )
        draft.job = start_job(
            # By name: the task module imports this one.
            task=import_string("hemis.schedule.tasks.make_draft"),
            name="schedule.draft",
            title=JOB_TITLE,
            view_action="schedule.edit",
            actor=actor,
            result_url=result_url(draft) if result_url else "",
            draft_id=draft.pk,
        )
        draft.save(update_fields=["job", "updated_at"])
    return draft


def make_draft(*, draft_id: int, report: Report | None = None) -> Draft | None:
    """The job's work: load, solve, store the items. A failure marks the draft failed (the job keeps
    the error) and is raised again; a draft discarded meanwhile is left alone (None)."""
    report = report or (lambda **kwargs: None)
    draft = Draft.objects.select_related("semester", "faculty", "created_by").filter(pk=draft_id).first()
    if draft is None:
        return None
    try:
        limit = _time_limit()
        report(done=0, total=3, note=_("Loading the teaching load"))
        loaded = load_problem(
            semester=draft.semester, faculty=draft.faculty, max_pairs_per_day=draft.max_pairs_per_day
        )
        report(
            done=1,
            total=3,
            note=_("Placing %(pairs)s pairs a week (at most %(seconds)s s)")
            % {"pairs": sum(i.pairs for i in loaded.problem.items), "seconds": round(limit)},
        )
        solution = solver.solve_in_parts(loaded.problem, time_limit=limit)
        report(done=2, total=3, note=_("Saving the draft"))
        saved = _save(draft, loaded, solution)
        report(
            done=3,
            total=3,
            note=_("Placed %(placed)s of %(requested)s pairs")
            % {
                "placed": solution.placed,
                "requested": solution.requested,
            },
        )
        return saved
    except Exception:
        Draft.objects.filter(pk=draft_id, status=DraftStatus.RUNNING).update(status=DraftStatus.FAILED)
        raise


@transaction.atomic
def _save(draft: Draft, loaded: Loaded, solution: solver.Solution) -> Draft | None:
    draft = Draft.objects.select_for_update().filter(pk=draft.pk, status=DraftStatus.RUNNING).first()
    if draft is None:
        return None
    DraftItem.objects.bulk_create(
        [
            DraftItem(
                draft=draft,
                load_id=load,
                subgroup_id=subgroup,
                weekday=p.weekday,
                pair=p.pair,
                room_id=p.room,
            )
            for p in solution.placements
            for load, _group, subgroup in loaded.parts[p.key]
        ]
    )
    draft.placed = solution.placed
    draft.requested = solution.requested
    draft.solve_seconds = solution.seconds
    draft.unplaced = [
        {**loaded.labels[u.key], "missing": u.missing, "code": u.code, "params": u.params, "reason": u.reason}
        for u in solution.unplaced
    ]
    draft.status = DraftStatus.READY
    draft.save(update_fields=["placed", "requested", "solve_seconds", "unplaced", "status", "updated_at"])
    audit.record(
        actor=draft.created_by,
        action="schedule.draft.made",
        target=draft,
        after={
            "status": draft.status,
            "placed": draft.placed,
            "requested": draft.requested,
            "unplaced": len(draft.unplaced),
            "solve_seconds": draft.solve_seconds,
            "solver_status": solution.status,
        },
    )
    return draft


def draft_specs(draft: Draft) -> list[EntrySpec]:
    """The timetable entries a draft proposes: its items at one weekday, pair, room and teacher are
    one entry (a stream of several groups is one lecture)."""
    items = (
        draft.items.select_related(
            "load__group_subject__curriculum_subject__subject",
            "load__group_subject__group",
            "load__teacher",
            "room",
            "subgroup",
        )
        .prefetch_related("load__group_subject__group__subgroups")
        .order_by("weekday", "pair", "room_id", "pk")
    )
    together: dict[tuple, list[DraftItem]] = defaultdict(list)
    for item in items:
        load = item.load
        key = (item.weekday, item.pair, item.room_id, load.teacher_id, load.training_type)
        together[key].append(item)
    specs = []
    for (weekday, pair, _room, _teacher, training_type), members in together.items():
        load = members[0].load
        specs.append(
            EntrySpec(
                semester=draft.semester,
                subject=load.group_subject.curriculum_subject.subject,
                training_type=training_type,
                teacher=load.teacher,
                room=members[0].room,
                weekday=weekday,
                pair=pair,
                attendees=[Attendee(m.load.group_subject.group, m.subgroup) for m in members],
            )
        )
    return specs


@transaction.atomic
def apply_draft(*, draft: Draft, actor) -> list[TimetableEntry]:
    """Turn the draft's items into timetable entries and their dated lessons, all or nothing (a clash
    with what was entered since the draft was made is refused with its message)."""
    draft = (
        Draft.objects.select_for_update(of=("self",))
        .select_related("semester__academic_year")
        .get(pk=draft.pk)
    )
    if draft.status == DraftStatus.APPLIED:
        raise ValidationError({"__all__": [_("This draft has already been applied.")]})
    if draft.status != DraftStatus.READY:
        raise ValidationError({"__all__": [_("Only a finished draft can be applied.")]})
    specs = draft_specs(draft)
    if not specs:
        raise ValidationError({"__all__": [_("The draft places no lessons.")]})
    entries = place_entries(specs=specs, actor=actor)
    draft.status = DraftStatus.APPLIED
    draft.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="schedule.draft.applied",
        target=draft,
        before={"status": DraftStatus.READY},
        after={"status": DraftStatus.APPLIED},
        data={"entries": len(entries), "lessons": Lesson.objects.filter(entry__in=entries).count()},
    )
    return entries


@transaction.atomic
def discard_draft(*, draft: Draft, actor) -> None:
    """Delete a draft that was not applied (an applied one stays: it is where the timetable came from);
    a job still making it finds it gone and stops."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.status == DraftStatus.APPLIED:
        raise ValidationError({"__all__": [_("An applied draft is kept as the record of the timetable.")]})
    audit.record(
        actor=actor,
        action="schedule.draft.discarded",
        target=draft,
        before={
            "semester": draft.semester_id,
            "faculty": draft.faculty_id,
            "status": draft.status,
            "placed": draft.placed,
            "requested": draft.requested,
        },
    )
    draft.delete()
