"""Placing dated lessons without a clash: the check every timetable and control-schedule write shares.

A ``Candidate`` is one lesson to be placed (date, pair, teacher, room, attendees). ``Board`` holds
the occupancy of teachers, rooms and groups around the candidates — what the database already has,
then each candidate as it is accepted — and names the first clash of a candidate in words a dean's
office reads: "Room 204 already has group KT-21 at pair 3 on 12.02.2027".

Groups are occupied by parts: part 0 is the whole group, any other part a subgroup's id. A whole-
group lesson clashes with anything of the group; a subgroup lesson with a whole-group lesson or a
lesson of the same subgroup, never with another subgroup's lesson (two labs at once).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from hemis.schedule.enums import LessonStatus
from hemis.schedule.models import GroupSlot, Lesson, LessonGroup, attending_label

WHOLE = 0


@dataclass(frozen=True)
class Attendee:
    group: object  # students.Group
    subgroup: object | None = None  # students.Subgroup

    @property
    def part(self) -> int:
        return self.subgroup.pk if self.subgroup is not None else WHOLE

    @property
    def label(self) -> str:
        return attending_label(self.group.name, self.subgroup.name if self.subgroup else None)


@dataclass
class Candidate:
    date: dt.date
    pair: int
    teacher: object  # staff.Employee
    room: object  # org.Room
    attendees: list[Attendee]
    label: str = ""  # what the lesson is, for messages ("Mathematics (lecture)")
    ignore: frozenset[int] = frozenset()  # lesson ids this candidate replaces (a move)


@dataclass
class _Taken:
    lesson_id: int | None
    label: str
    groups: str

    @property
    def whom(self) -> str:
        """Who holds the slot, for a teacher's or a room's clash: its groups, else what it is."""
        return _("group %(groups)s") % {"groups": self.groups} if self.groups else self.label


def _day(date: dt.date) -> str:
    return f"{date:%d.%m.%Y}"


@dataclass
class Board:
    teachers: dict[tuple, _Taken] = field(default_factory=dict)
    rooms: dict[tuple, _Taken] = field(default_factory=dict)
    # (group id, date, pair) -> {part: taken}
    groups: dict[tuple, dict[int, _Taken]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def around(cls, candidates: list[Candidate]) -> "Board":
        """The scheduled lessons that could clash with ``candidates``, in three queries."""
        board = cls()
        if not candidates:
            return board
        first = min(c.date for c in candidates)
        last = max(c.date for c in candidates)
        pairs = {c.pair for c in candidates}
        teachers = {c.teacher.pk for c in candidates}
        rooms = {c.room.pk for c in candidates}
        groups = {a.group.pk for c in candidates for a in c.attendees}
        near = Q(status=LessonStatus.SCHEDULED, date__gte=first, date__lte=last, pair__in=pairs)
        slot_lessons = GroupSlot.objects.filter(
            active=True, group_id__in=groups, date__gte=first, date__lte=last, pair__in=pairs
        ).values("lesson_id")
        lessons = list(
            Lesson.objects.filter(near)
            .filter(Q(teacher_id__in=teachers) | Q(room_id__in=rooms) | Q(pk__in=slot_lessons))
            .select_related("subject")
            .only(
                "id",
                "date",
                "pair",
                "teacher_id",
                "room_id",
                "subject__name_uz",
                "subject__name_ru",
                "subject__name_en",
                "training_type",
                "kind",
                "control_kind",
            )
        )
        names = _attendee_names([lesson.pk for lesson in lessons])
        by_id = {lesson.pk: lesson for lesson in lessons}
        for lesson in lessons:
            taken = _Taken(lesson.pk, lesson_label(lesson), names.get(lesson.pk, ""))
            board.teachers[(lesson.teacher_id, lesson.date, lesson.pair)] = taken
            board.rooms[(lesson.room_id, lesson.date, lesson.pair)] = taken
        for slot in GroupSlot.objects.filter(active=True, lesson_id__in=list(by_id)).values(
            "lesson_id", "group_id", "part", "date", "pair"
        ):
            taken = board.teachers[(by_id[slot["lesson_id"]].teacher_id, slot["date"], slot["pair"])]
            board.groups[(slot["group_id"], slot["date"], slot["pair"])][slot["part"]] = taken
        return board

    def clash(self, c: Candidate, *, teacher_name: str, room_name: str) -> tuple[str, str] | None:
        """The field and message of ``c``'s first clash, or None."""
        when = {"pair": c.pair, "date": _day(c.date)}
        taken = self._live(self.teachers.get((c.teacher.pk, c.date, c.pair)), c)
        if taken:
            return "teacher", _("Teacher %(teacher)s already has %(what)s at pair %(pair)s on %(date)s.") % {
                "teacher": teacher_name,
                "what": taken.whom,
                **when,
            }
        taken = self._live(self.rooms.get((c.room.pk, c.date, c.pair)), c)
        if taken:
            return "room", _("Room %(room)s already has %(what)s at pair %(pair)s on %(date)s.") % {
                "room": room_name,
                "what": taken.whom,
                **when,
            }
        for attendee in c.attendees:
            parts = self.groups.get((attendee.group.pk, c.date, c.pair), {})
            if attendee.part == WHOLE:
                hits = list(parts.values())
            else:
                hits = [t for p, t in parts.items() if p in (WHOLE, attendee.part)]
            taken = next((t for t in hits if self._live(t, c)), None)
            if taken:
                return "groups", _("Group %(group)s already has %(what)s at pair %(pair)s on %(date)s.") % {
                    "group": attendee.label,
                    "what": taken.label,
                    **when,
                }
        return None

    @staticmethod
    def _live(taken: _Taken | None, c: Candidate) -> _Taken | None:
        if taken is None or (taken.lesson_id is not None and taken.lesson_id in c.ignore):
            return None
        return taken

    def take(self, c: Candidate) -> None:
        taken = _Taken(None, c.label, ", ".join(a.label for a in c.attendees))
        self.teachers[(c.teacher.pk, c.date, c.pair)] = taken
        self.rooms[(c.room.pk, c.date, c.pair)] = taken
        for attendee in c.attendees:
            for part in parts_of(attendee):
                self.groups[(attendee.group.pk, c.date, c.pair)][part] = taken


def _attendee_names(lesson_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        LessonGroup.objects.filter(lesson_id__in=lesson_ids)
        .order_by("group__name")
        .values_list("lesson_id", "group__name", "subgroup__name")
    )
    for lesson_id, group, subgroup in rows:
        names[lesson_id].append(attending_label(group, subgroup))
    return {k: ", ".join(v) for k, v in names.items()}


def subject_label(subject, kind: str) -> str:
    """ "Mathematics (lecture)", "Mathematics (final control)": a subject with a lesson type or a control."""
    return f"{subject.name} ({kind.lower()})"


def lesson_label(lesson) -> str:
    return subject_label(lesson.subject, lesson.kind_label)


def parts_of(attendee: Attendee) -> list[int]:
    """The group parts a lesson of ``attendee`` occupies (see the module docstring)."""
    if attendee.subgroup is not None:
        return [attendee.subgroup.pk]
    return [WHOLE, *[s.pk for s in attendee.group.subgroups.all()]]
