"""The weekly timetable of a semester (annex 5 item 9): entries and the dated lessons they expand into.

``place_entries`` is the one way entries are written (by hand, by copying, from a solver draft): it
checks every rule, expands each entry into dated lessons on the working-day calendar, checks every
lesson against what the database holds and against the others of the batch, and writes all or
nothing. The database's unique indexes on teacher, room and group slots hold the same rules against
a concurrent writer; their refusal comes back as the same kind of message.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import LessonPair, Semester
from hemis.audit import services as audit
from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek
from hemis.schedule.enums import LessonKind, LessonStatus, Weeks
from hemis.schedule.models import (
    EntryGroup,
    GroupSlot,
    Lesson,
    LessonGroup,
    TeachingLoad,
    TimetableEntry,
)
from hemis.schedule.selectors import monday_of
from hemis.schedule.services.placement import Attendee, Board, Candidate, parts_of, subject_label
from hemis.students.models import GroupSubject, Student, StudentStatus
from hemis.students.selectors import curriculum_semester_number
from hemis.students.services.common import Errors, add, raise_if

ONE_DAY = dt.timedelta(days=1)


@dataclass
class EntrySpec:
    """What a timetable entry is made of, before it is checked and written."""

    semester: Semester
    subject: object  # academics.Subject
    training_type: str
    teacher: object  # staff.Employee
    room: object  # org.Room
    weekday: int
    pair: int
    attendees: list[Attendee]
    weeks: str = Weeks.ALL
    week_numbers: list[int] = field(default_factory=list)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @property
    def label(self) -> str:
        return subject_label(self.subject, TrainingType(self.training_type).label)

    @property
    def in_batch(self) -> str:
        """The prefix that tells which entry of a batch a refusal is about."""
        return f"{self.label}, {', '.join(a.label for a in self.attendees)}: "


# --- the calendar of a semester -------------------------------------------------------------------


def week_number(semester: Semester, day: dt.date) -> int:
    """Week 1 is the (Monday-to-Sunday) week holding the semester's first day."""
    return (day - monday_of(semester.start_date)).days // 7 + 1


def week_start(semester: Semester, number: int) -> dt.date:
    return monday_of(semester.start_date) + dt.timedelta(weeks=number - 1)


def runs_in_week(weeks: str, week_numbers: list[int], number: int) -> bool:
    if weeks == Weeks.ODD:
        return number % 2 == 1
    if weeks == Weeks.EVEN:
        return number % 2 == 0
    if weeks == Weeks.LIST:
        return number in week_numbers
    return True


class SemesterDays:
    """The days of a semester on which each weekday's timetable runs, and the theory weeks of groups.

    Built once per write: the working calendar (holidays skip; a transferred working day runs the
    weekday it replaces) and, for a group whose curriculum has a week schedule, only its theory
    weeks (no lessons in examination, practice or holiday weeks)."""

    def __init__(self, semester: Semester, calendar: WorkingCalendar | None = None, groups=()):
        self.semester = semester
        self.calendar = calendar or WorkingCalendar()
        self.by_weekday: dict[int, list[dt.date]] = defaultdict(list)
        day = semester.start_date
        while day <= semester.end_date:
            weekday = self.calendar.timetable_weekday(day)
            if weekday is not None:
                self.by_weekday[weekday].append(day)
            day += ONE_DAY
        self._theory: dict[int, set[dt.date] | None] = {}
        self._load_theory(list({g.pk: g for g in groups}.values()))

    def _load_theory(self, groups: list) -> None:
        """The theory days of ``groups``: the weeks of the curriculum semesters their subjects of this
        semester are bound from (a past semester's is not the one the current course gives), by the
        course for a group with none bound; two queries for all of them, a third for the unbound."""
        groups = [g for g in groups if g.pk not in self._theory]
        with_curriculum = [g for g in groups if g.curriculum_id]
        self._theory.update({g.pk: None for g in groups})
        if not with_curriculum:
            return
        bound: dict[int, set[int]] = defaultdict(set)
        for group_id, semester_id in (
            GroupSubject.objects.filter(group__in=with_curriculum, semester=self.semester)
            .order_by()
            .values_list("group_id", "curriculum_subject__semester_id")
        ):
            bound[group_id].add(semester_id)
        unbound = {
            (g.curriculum_id, curriculum_semester_number(g, self.semester)): g
            for g in with_curriculum
            if g.pk not in bound
        }
        weeks: dict[int, list] = defaultdict(list)  # curriculum semester id -> (kind, start, end)
        rows = CurriculumWeek.objects.order_by().filter(
            semester_id__in={i for ids in bound.values() for i in ids}
        )
        for semester_id, *week in rows.values_list("semester_id", "kind", "start_date", "end_date"):
            weeks[semester_id].append(week)
        numbers: dict[int, tuple[int, int]] = {}
        if unbound:
            keys = Q()
            for curriculum_id, number in unbound:
                keys |= Q(semester__curriculum_id=curriculum_id, semester__number=number)
            for semester_id, curriculum_id, number, *week in (
                CurriculumWeek.objects.order_by()
                .filter(keys)
                .values_list(
                    "semester_id",
                    "semester__curriculum_id",
                    "semester__number",
                    "kind",
                    "start_date",
                    "end_date",
                )
            ):
                weeks[semester_id].append(week)
                numbers[semester_id] = (curriculum_id, number)
        for group in with_curriculum:
            if group.pk in bound:
                ids = bound[group.pk]
            else:
                key = (group.curriculum_id, curriculum_semester_number(group, self.semester))
                ids = {i for i, k in numbers.items() if k == key}
            rows = [w for i in ids for w in weeks[i]]
            if rows:
                self._theory[group.pk] = {
                    start + ONE_DAY * n
                    for kind, start, end in rows
                    if kind == WeekKind.THEORY
                    for n in range((end - start).days + 1)
                }

    def theory_days(self, group) -> set[dt.date] | None:
        """The days inside the group's theory weeks this semester (None: its curriculum has no schedule)."""
        if group.pk not in self._theory:
            self._load_theory([group])
        return self._theory[group.pk]

    def dates(self, spec: EntrySpec) -> list[dt.date]:
        """The dated lessons of an entry: its weekday's days, in its weeks, inside its validity and
        the theory weeks of every group it is for."""
        out = []
        for day in self.by_weekday.get(spec.weekday, []):
            if spec.valid_from and day < spec.valid_from:
                continue
            if spec.valid_until and day > spec.valid_until:
                continue
            if not runs_in_week(spec.weeks, spec.week_numbers, week_number(self.semester, day)):
                continue
            if any((t := self.theory_days(a.group)) is not None and day not in t for a in spec.attendees):
                continue
            out.append(day)
        return out


# --- the rules of an entry -------------------------------------------------------------------------


def _pair_times(semester: Semester) -> dict[int, tuple[dt.time, dt.time]]:
    rows = LessonPair.objects.filter(academic_year_id=semester.academic_year_id)
    return {p.number: (p.start_time, p.end_time) for p in rows}


def group_sizes(groups) -> dict[int, int]:
    """Studying students of each group."""
    counts = (
        Student.objects.filter(group_id__in=[g.pk for g in groups], status=StudentStatus.STUDYING)
        .values("group_id")
        .annotate(n=Count("id"))
    )
    return {row["group_id"]: row["n"] for row in counts}


def seat_counts(attendees: list[Attendee]) -> dict[tuple[str, int], int]:
    """Studying students of the attendees' groups and subgroups, keyed ("group", id) / ("subgroup", id):
    two queries, however many attendees."""
    sizes = {("group", pk): n for pk, n in group_sizes([a.group for a in attendees]).items()}
    subgroup_ids = {a.subgroup.pk for a in attendees if a.subgroup is not None}
    if subgroup_ids:
        rows = (
            Student.objects.filter(status=StudentStatus.STUDYING, subgroups__in=subgroup_ids)
            .values("subgroups")
            .annotate(n=Count("id"))
            .values_list("subgroups", "n")
        )
        sizes.update({("subgroup", pk): n for pk, n in rows})
    return sizes


def attendee_size(attendee: Attendee, sizes: dict[tuple[str, int], int]) -> int:
    if attendee.subgroup is not None:
        return sizes.get(("subgroup", attendee.subgroup.pk), 0)
    return sizes.get(("group", attendee.group.pk), 0)


def room_too_small(room, attendees: list[Attendee], sizes: dict[tuple[str, int], int]) -> str | None:
    """Why ``room`` cannot seat ``attendees`` (``sizes``: their ``seat_counts``), or None."""
    seats = sum(attendee_size(a, sizes) for a in attendees)
    if seats <= room.capacity:
        return None
    return _("Room %(room)s seats %(capacity)s; %(groups)s have %(students)s students.") % {
        "room": room.number,
        "capacity": room.capacity,
        "groups": ", ".join(a.label for a in attendees),
        "students": seats,
    }


def undefined_pair(pair: int, semester: Semester) -> str:
    return _("Pair %(pair)s is not defined for the academic year %(year)s.") % {
        "pair": pair,
        "year": semester.academic_year.name,
    }


def pair_times_with(semester: Semester, pair: int) -> dict[int, tuple[dt.time, dt.time]]:
    """The semester's pair times; refused (ValidationError) when ``pair`` is not one of them."""
    pairs = _pair_times(semester)
    if pair not in pairs:
        raise ValidationError({"pair": [undefined_pair(pair, semester)]})
    return pairs


def _spec_errors(spec: EntrySpec, pairs: dict, sizes: dict[tuple[str, int], int], held: set) -> Errors:
    errors: Errors = {}
    if not spec.attendees:
        add(errors, "groups", _("Choose at least one group."))
        return errors
    faculties = {a.group.faculty_id for a in spec.attendees}
    if len(faculties) > 1:
        add(errors, "groups", _("A stream joins groups of one faculty."))
    if len({a.group.pk for a in spec.attendees}) != len(spec.attendees):
        add(errors, "groups", _("A group is listed twice."))
    for attendee in spec.attendees:
        if attendee.subgroup is not None and attendee.subgroup.group_id != attendee.group.pk:
            add(
                errors,
                "groups",
                _("Subgroup %(name)s is not of group %(group)s.")
                % {"name": attendee.subgroup.name, "group": attendee.group.name},
            )
    if not 1 <= spec.weekday <= 7:
        add(errors, "weekday", _("Choose a weekday."))
    if spec.pair not in pairs:
        add(errors, "pair", undefined_pair(spec.pair, spec.semester))
    if spec.weeks == Weeks.LIST and not spec.week_numbers:
        add(errors, "week_numbers", _("List the weeks the lesson runs in."))
    if not spec.room.active:
        add(errors, "room", _("Room %(room)s is closed.") % {"room": spec.room.number})
    if spec.valid_from and spec.valid_until and spec.valid_until < spec.valid_from:
        add(errors, "valid_until", _("The end is before the start."))
    too_small = room_too_small(spec.room, spec.attendees, sizes)
    if too_small:
        add(errors, "room", too_small)
    missing = _groups_without_load(spec, held)
    if missing:
        add(
            errors,
            "teacher",
            _("%(teacher)s does not teach %(what)s to group %(groups)s.")
            % {"teacher": spec.teacher.short_name, "what": spec.label, "groups": ", ".join(missing)},
        )
    return errors


def loads_held(semester: Semester, group_ids, teacher_ids=None) -> set[tuple[int, str, int, int]]:
    """(teacher, lesson type, subject, group) of the teaching loads of ``group_ids`` in ``semester``
    (of ``teacher_ids`` only, when given): what the timetable accepts a teacher for."""
    rows = TeachingLoad.objects.filter(
        group_subject__semester=semester, group_subject__group_id__in=group_ids
    )
    if teacher_ids is not None:
        rows = rows.filter(teacher_id__in=teacher_ids)
    return set(
        rows.values_list(
            "teacher_id",
            "training_type",
            "group_subject__curriculum_subject__subject_id",
            "group_subject__group_id",
        )
    )


def held_loads(specs: list[EntrySpec]) -> set[tuple[int, str, int, int]]:
    """``loads_held`` of the batch's teachers for its groups."""
    return loads_held(
        specs[0].semester,
        {a.group.pk for s in specs for a in s.attendees},
        {s.teacher.pk for s in specs},
    )


def _groups_without_load(spec: EntrySpec, held: set[tuple[int, str, int, int]]) -> list[str]:
    """Groups of ``spec`` for which its teacher holds no load of its subject and lesson type."""
    key = (spec.teacher.pk, spec.training_type, spec.subject.pk)
    return [a.group.name for a in spec.attendees if (*key, a.group.pk) not in held]


# --- writing ---------------------------------------------------------------------------------------


def _clash_error(field_name: str, message: str, spec: EntrySpec, many: bool) -> ValidationError:
    # A clash names the other lesson's groups already; the prefix names the entry by its first group.
    if many:
        message = f"{spec.label}, {spec.attendees[0].label}: {message}"
    return ValidationError({field_name: [message]})


def _integrity_message(error: IntegrityError) -> str:
    text = str(error)
    if "schedule_teacher_free" in text or "teacher_id, schedule_lesson.date" in text:
        return _("The teacher was given another lesson at the same pair a moment ago; reload and try again.")
    if "schedule_room_free" in text or "room_id, schedule_lesson.date" in text:
        return _("The room was taken at the same pair a moment ago; reload and try again.")
    return _("A group was given another lesson at the same pair a moment ago; reload and try again.")


def with_subgroups(attendees) -> None:
    """Load the subgroups of the attendees' groups in one query (``parts_of`` reads them for every
    dated lesson); groups already loaded are left alone."""
    prefetch_related_objects(list({id(a.group): a.group for a in attendees}.values()), "subgroups")


def write_lessons(candidates: list[tuple[Candidate, dict]]) -> list[Lesson]:
    """Insert dated lessons (one bulk insert returning their ids), then their attendees and group slots
    as plain rows: a semester of a university is hundreds of thousands of them."""
    with_subgroups(a for c, _f in candidates for a in c.attendees)
    lessons = [Lesson(**fields) for _c, fields in candidates]
    _insert_lessons(lessons)
    attendees, slots = [], []
    for lesson, (candidate, _fields) in zip(lessons, candidates, strict=True):
        for attendee in candidate.attendees:
            subgroup_id = attendee.subgroup.pk if attendee.subgroup is not None else None
            attendees.append((lesson.pk, attendee.group.pk, subgroup_id))
            for part in parts_of(attendee):
                slots.append((lesson.pk, attendee.group.pk, part, lesson.date, lesson.pair, True))
    _insert_rows(LessonGroup, ("lesson_id", "group_id", "subgroup_id"), attendees)
    _insert_rows(GroupSlot, ("lesson_id", "group_id", "part", "date", "pair", "active"), slots)
    return lessons


def _insert_lessons(lessons: list[Lesson]) -> None:
    """Insert ``lessons`` with multi-row ``INSERT … RETURNING id`` statements and set their ids
    (Django's bulk_create spends ~0.3 ms a row compiling; a semester is ~400,000 lessons)."""
    qn = connection.ops.quote_name
    now = timezone.now()
    fields = [f for f in Lesson._meta.concrete_fields if not f.primary_key]
    names = ", ".join(qn(f.column) for f in fields)
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for lesson in lessons:
        lesson.created_at = lesson.updated_at = now
    chunk = 500
    with connection.cursor() as cursor:
        for start in range(0, len(lessons), chunk):
            part = lessons[start : start + chunk]
            params = [
                f.get_db_prep_save(getattr(lesson, f.attname), connection) for lesson in part for f in fields
            ]
            sql = (
                f"INSERT INTO {qn(Lesson._meta.db_table)} ({names}) VALUES "
                f"{', '.join([row_marks] * len(part))} RETURNING {qn('id')}"
            )
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            # Both databases return the new ids in the order of the rows (Django's bulk_create relies on it too).
            for lesson, pk in zip(part, sorted(ids), strict=True):
                lesson.pk = pk
                lesson._state.adding = False
                lesson._state.db = connection.alias


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``INSERT`` plain rows into ``model``'s table (no model instances: 10× faster at this volume)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    fields = [model._meta.get_field(c.removesuffix("_id")) for c in columns]
    names = ", ".join(qn(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({names}) VALUES ({marks})"
    prepared = [
        tuple(
            f.get_db_prep_value(v, connection) if not f.is_relation else v
            for f, v in zip(fields, row, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), 5000):
            cursor.executemany(sql, prepared[start : start + 5000])


def guarded(write):
    """Run ``write`` in a savepoint; the database's refusal of a clash becomes a ValidationError."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        raise ValidationError({"__all__": [_integrity_message(error)]}) from error


@transaction.atomic
def place_entries(
    *, specs: list[EntrySpec], actor, action: str = "schedule.entry.created"
) -> list[TimetableEntry]:
    """Check and write timetable entries and their dated lessons, all or nothing.

    Refused with the first problem of each entry named (a clash names the room, teacher or group,
    the pair and the date); nothing is written when any entry is refused."""
    if not specs:
        return []
    semester = specs[0].semester
    attendees = [a for s in specs for a in s.attendees]
    with_subgroups(attendees)
    pairs = _pair_times(semester)
    days = SemesterDays(semester, groups=[a.group for a in attendees])
    sizes = seat_counts(attendees)
    held = held_loads(specs)
    many = len(specs) > 1
    for spec in specs:
        errors = _spec_errors(spec, pairs, sizes, held)
        if errors and many:
            errors = {k: [spec.in_batch + m for m in v] for k, v in errors.items()}
        raise_if(errors)
    planned: list[tuple[EntrySpec, list[Candidate]]] = []
    for spec in specs:
        dates = days.dates(spec)
        planned.append(
            (
                spec,
                [Candidate(d, spec.pair, spec.teacher, spec.room, spec.attendees, spec.label) for d in dates],
            )
        )
    board = Board.around([c for _s, cs in planned for c in cs])
    for spec, candidates in planned:
        for candidate in candidates:
            clash = board.clash(candidate, teacher_name=spec.teacher.short_name, room_name=spec.room.number)
            if clash:
                raise _clash_error(*clash, spec, many)
            board.take(candidate)
    return guarded(lambda: _write(planned, pairs, actor, action))


def _write(planned, pairs, actor, action) -> list[TimetableEntry]:
    entries = TimetableEntry.objects.bulk_create(
        [
            TimetableEntry(
                semester=spec.semester,
                faculty_id=spec.attendees[0].group.faculty_id,
                subject=spec.subject,
                training_type=spec.training_type,
                teacher=spec.teacher,
                room=spec.room,
                weekday=spec.weekday,
                pair=spec.pair,
                weeks=spec.weeks,
                week_numbers=sorted(spec.week_numbers) if spec.weeks == Weeks.LIST else [],
                valid_from=spec.valid_from,
                valid_until=spec.valid_until,
                created_by=actor,
            )
            for spec, _candidates in planned
        ],
        batch_size=500,
    )
    EntryGroup.objects.bulk_create(
        [
            EntryGroup(entry=entry, group=a.group, subgroup=a.subgroup)
            for entry, (spec, _c) in zip(entries, planned, strict=True)
            for a in spec.attendees
        ],
        batch_size=1000,
    )
    rows = []
    for entry, (spec, candidates) in zip(entries, planned, strict=True):
        start, end = pairs[spec.pair]
        for c in candidates:
            rows.append(
                (
                    c,
                    {
                        "kind": LessonKind.LESSON,
                        "entry": entry,
                        "semester": spec.semester,
                        "faculty_id": entry.faculty_id,
                        "subject": spec.subject,
                        "training_type": spec.training_type,
                        "teacher": spec.teacher,
                        "room": spec.room,
                        "date": c.date,
                        "pair": c.pair,
                        "start_time": start,
                        "end_time": end,
                        "created_by": actor,
                    },
                )
            )
    audit.record_many(
        actor=actor,
        action=action,
        items=[
            (entry, entry_values(entry, spec, len(candidates)))
            for entry, (spec, candidates) in zip(entries, planned, strict=True)
        ],
    )
    write_lessons(rows)
    return entries


def entry_values(entry: TimetableEntry, spec: EntrySpec, lessons: int) -> dict:
    return {
        "semester": entry.semester_id,
        "subject": entry.subject_id,
        "training_type": entry.training_type,
        "teacher": entry.teacher_id,
        "room": entry.room_id,
        "weekday": entry.weekday,
        "pair": entry.pair,
        "weeks": entry.weeks,
        "week_numbers": entry.week_numbers,
        "groups": [a.label for a in spec.attendees],
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
        "lessons": lessons,
    }


def create_entry(*, actor, **fields) -> TimetableEntry:
    """One weekly entry (see ``EntrySpec`` for the fields)."""
    return place_entries(specs=[EntrySpec(**fields)], actor=actor)[0]


def spec_of(entry: TimetableEntry, **changes) -> EntrySpec:
    """The spec of an existing entry, with ``changes``."""
    groups = entry.groups.select_related("group", "subgroup").prefetch_related("group__subgroups")
    fields = {
        "semester": entry.semester,
        "subject": entry.subject,
        "training_type": entry.training_type,
        "teacher": entry.teacher,
        "room": entry.room,
        "weekday": entry.weekday,
        "pair": entry.pair,
        "attendees": [Attendee(g.group, g.subgroup) for g in groups],
        "weeks": entry.weeks,
        "week_numbers": list(entry.week_numbers),
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }
    fields.update(changes)
    return EntrySpec(**fields)


@transaction.atomic
def delete_entry(*, entry: TimetableEntry, actor) -> None:
    """Remove an entry and its dated lessons."""
    entry = TimetableEntry.objects.select_for_update().get(pk=entry.pk)
    spec = spec_of(entry)
    lessons = entry.lessons.count()
    audit.record(
        actor=actor, action="schedule.entry.deleted", target=entry, before=entry_values(entry, spec, lessons)
    )
    entry.delete()


@transaction.atomic
def move_entry_from(*, entry: TimetableEntry, from_date: dt.date, actor, **changes) -> TimetableEntry:
    """Move an entry from ``from_date`` on (weekday, pair, room or teacher in ``changes``): the entry
    ends the day before and a new entry with the changes runs from that day; the lessons before stay."""
    entry = TimetableEntry.objects.select_for_update().get(pk=entry.pk)
    semester = entry.semester
    if not semester.start_date <= from_date <= semester.end_date:
        raise ValidationError({"from_date": [_("The date is outside the semester.")]})
    if entry.valid_until and from_date > entry.valid_until:
        raise ValidationError({"from_date": [_("The entry has already ended by then.")]})
    allowed = {"weekday", "pair", "room", "teacher"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {unknown}")
    old_spec = spec_of(entry)
    new_spec = replace(old_spec, valid_from=max(from_date, entry.valid_from or from_date), **changes)
    previous = entry.pk
    later = entry.lessons.filter(date__gte=from_date)
    moved = later.count()
    later.delete()
    if entry.valid_from and from_date <= entry.valid_from:
        entry.delete()  # nothing of it is left before the date
    else:
        entry.valid_until = from_date - ONE_DAY
        entry.save(update_fields=["valid_until", "updated_at"])
    [new_entry] = place_entries(specs=[new_spec], actor=actor, action="schedule.entry.created")
    audit.record(
        actor=actor,
        action="schedule.entry.moved",
        target=new_entry,
        before={
            "weekday": old_spec.weekday,
            "pair": old_spec.pair,
            "room": old_spec.room.pk,
            "teacher": old_spec.teacher.pk,
        },
        after={
            "weekday": new_entry.weekday,
            "pair": new_entry.pair,
            "room": new_entry.room_id,
            "teacher": new_entry.teacher_id,
        },
        data={"from_date": from_date, "lessons_moved": moved, "previous_entry": previous},
    )
    return new_entry


@transaction.atomic
def bulk_assign_room(*, entries: list[TimetableEntry], room, actor) -> int:
    """Give ``entries`` (and their future lessons) one room, checked like any placement; all or nothing."""
    if not entries:
        raise ValidationError({"entries": [_("Choose at least one entry.")]})
    today = timezone.localdate()
    changed = 0
    for entry in entries:
        entry = TimetableEntry.objects.select_for_update().get(pk=entry.pk)
        spec = spec_of(entry, room=room)
        too_small = room_too_small(room, spec.attendees, seat_counts(spec.attendees))
        if too_small:
            raise ValidationError({"room": [too_small]})
        lessons = list(entry.lessons.filter(status=LessonStatus.SCHEDULED, date__gte=today))
        candidates = [
            Candidate(
                lesson.date,
                lesson.pair,
                entry.teacher,
                room,
                spec.attendees,
                spec.label,
                ignore=frozenset({lesson.pk}),
            )
            for lesson in lessons
        ]
        board = Board.around(candidates)
        for candidate in candidates:
            clash = board.clash(candidate, teacher_name=entry.teacher.short_name, room_name=room.number)
            if clash:
                raise _clash_error(*clash, spec, True)
            board.take(candidate)
        before = entry.room_id
        entry.room = room
        entry.save(update_fields=["room", "updated_at"])
        ids = [x.pk for x in lessons]
        guarded(lambda ids=ids: Lesson.objects.filter(pk__in=ids).update(room=room))
        audit.record(
            actor=actor,
            action="schedule.entry.room_changed",
            target=entry,
            before={"room": before},
            after={"room": room.pk},
            data={"lessons": len(lessons)},
        )
        changed += 1
    return changed
