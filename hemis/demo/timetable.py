"""The demo's weekly timetable placement, in memory: a constructive, deterministic placement of
weekly loads (``Item``) into a six-day week, pair by pair, that keeps every rule the timetable service
checks — no teacher, room or group (with its subgroups) twice at one pair, rooms that seat the groups —
and at most four pairs a day for a group. Each pair goes to the free slot that keeps the group's days
even and compact and in its shift; the department's teachers are tried least loaded first. Pairs that
run every other week share a slot with a lesson of the other weeks."""

import heapq
import math
from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import dataclass, field

from hemis.curricula.enums import TrainingType
from hemis.org.models import Room
from hemis.schedule.enums import Weeks
from hemis.schedule.services.placement import Attendee
from hemis.staff.models import Employee
from hemis.students.models import Group, GroupSubject

DAYS = (1, 2, 3, 4, 5, 6)  # the demo's six-day study week
MAX_A_DAY = 4
# the order pairs are preferred in: the morning shift (courses 1 and 3) and the afternoon one; pair 7
# (18:00) only when nothing else is free
SHIFTS = {True: (1, 2, 3, 4, 5, 6, 7), False: (3, 4, 5, 6, 2, 1, 7)}
# which rooms a lesson type goes to, the first kind that has one free (others: "class", "lecture")
POOLS = {TrainingType.LECTURE: ("lecture", "class"), TrainingType.LABORATORY: ("lab", "class")}


def weekly(hours: int, weeks: int) -> tuple[int, int]:
    """Pairs every week and pairs every other week: ceil(hours / (2 × theory weeks)) pairs a week, the
    last of them in odd or even weeks only when half a pair a week covers the rest of the hours."""
    exact = hours / (2 * weeks)
    pairs = math.ceil(exact)
    return (pairs - 1, 1) if pairs - exact >= 0.5 else (pairs, 0)


@dataclass(eq=False)
class Teacher:
    employee: Employee
    capacity: int
    pk: int = 0
    load: float = 0
    busy: set = field(default_factory=set)  # (day, pair, parity)
    subjects: set = field(default_factory=set)
    faculties: set = field(default_factory=set)  # whose groups they teach (mostly one faculty's)

    def __post_init__(self) -> None:
        self.pk = self.employee.pk


@dataclass(eq=False)
class Item:
    """One weekly load to place: a stream's lecture, a group's practical, a subgroup's laboratory —
    ``pairs`` every week and ``halves`` pairs every other week (odd or even weeks)."""

    subject: object
    training_type: str
    department_id: int
    attendees: list[Attendee]
    bindings: list[GroupSubject]
    pairs: int
    halves: int
    seats: int
    morning: bool
    teacher: Teacher | None = None
    # where it went: (weekday, pair, weeks, room, week numbers of a listed-weeks entry)
    slots: list[tuple[int, int, str, Room, list[int]]] = field(default_factory=list)
    slack: int = 0  # academic hours its dated lessons give beyond the curriculum's
    lost: dict[int, int] = field(default_factory=dict)  # weekday -> lessons holidays take from a pair on it
    entry_ids: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # plain ids, looked up hundreds of times per item
        self.parts = [(a.group.pk, a.part) for a in self.attendees]
        self.subject_id = self.subject.pk
        self.faculty_id = self.attendees[0].group.faculty_id

    @property
    def groups(self) -> list[Group]:
        return [a.group for a in self.attendees]

    @property
    def weight(self) -> float:
        return self.pairs + self.halves / 2


def least_loaded(teachers: list[Teacher]) -> Teacher:
    return min(teachers, key=lambda t: (t.load / t.capacity, t.pk))


BOTH = (ODD, EVEN) = (1, 2)
WEEKS = {BOTH: Weeks.ALL, (ODD,): Weeks.ODD, (EVEN,): Weeks.EVEN}


class Campus:
    """Rooms of each faculty by kind, and which are free at each weekday, pair and week parity."""

    def __init__(self, rooms_by_faculty: dict[int, dict[str, list[Room]]]):
        self.rooms = rooms_by_faculty
        self.by_pk = {r.pk: r for pools in rooms_by_faculty.values() for rows in pools.values() for r in rows}
        self.free: dict[tuple, tuple[list, set]] = {}  # rows of (capacity, room id), sorted and as a set

    def reset(self) -> None:
        self.free = {}

    def _free(self, faculty_id: int, pool: str, day: int, pair: int, parity: int) -> tuple[list, set]:
        key = (faculty_id, pool, day, pair, parity)
        if key not in self.free:
            rows = sorted((r.capacity, r.pk) for r in self.rooms[faculty_id][pool])
            self.free[key] = (rows, set(rows))
        return self.free[key]

    def find(self, faculty_id: int, pools: tuple[str, ...], seats: int, day: int, pair: int, parities):
        """The smallest room of the first pool that has one free, seating ``seats``."""
        for pool in pools:
            rows, _set = self._free(faculty_id, pool, day, pair, parities[0])
            others = [self._free(faculty_id, pool, day, pair, p)[1] for p in parities[1:]]
            for index in range(bisect_left(rows, (seats, 0)), len(rows)):
                if all(rows[index] in other for other in others):
                    return pool, rows[index]
        return None

    def take(self, faculty_id: int, pool: str, row: tuple, day: int, pair: int, parities) -> None:
        for parity in parities:
            rows, free = self._free(faculty_id, pool, day, pair, parity)
            rows.remove(row)
            free.discard(row)

    def give_back(self, faculty_id: int, pool: str, row: tuple, day: int, pair: int, parities) -> None:
        for parity in parities:
            rows, free = self._free(faculty_id, pool, day, pair, parity)
            insort(rows, row)
            free.add(row)


class Week:
    """The constructive placement of one semester's items: each pair of an item goes to the free slot
    that keeps its groups' days even and compact and in their shift, with a free room; a teacher of
    the department is tried after another (the least loaded first) until one fits them all."""

    def __init__(self, campus: Campus, teachers: dict[int, list[Teacher]]):
        self.campus = campus
        self.teachers = teachers
        campus.reset()
        for pool in teachers.values():
            for teacher in pool:
                teacher.load, teacher.busy, teacher.subjects, teacher.faculties = 0, set(), set(), set()
        # (group id, day) -> {pair: {(part, parity)}}; part 0 is the whole group, else a subgroup id
        self.groups: dict[tuple[int, int], dict[int, set[tuple[int, int]]]] = defaultdict(dict)
        self.subject_days: dict[tuple[int, int, int], int] = defaultdict(int)  # (group, subject, day)

    def place(self, item: Item) -> bool:
        subject, faculty = item.subject_id, item.faculty_id

        def rank(t: Teacher) -> tuple:
            # the least loaded first; one who already teaches the subject, or in the faculty, a little sooner
            novelty = (subject not in t.subjects) * 0.15 + (
                bool(t.faculties) and faculty not in t.faculties
            ) * 0.3
            return (t.load / t.capacity + novelty, t.pk)

        ranked = heapq.nsmallest(4, self.teachers[item.department_id], key=rank)
        return any(self._place_with(item, teacher) for teacher in ranked)

    def assign_only(self, item: Item) -> None:
        """Give an item that could not be placed its teacher all the same (the department's choice)."""
        item.teacher = least_loaded(self.teachers[item.department_id])
        item.teacher.load += item.weight

    def add_pair(self, item: Item, *, half: bool) -> tuple[int, int, str, Room] | None:
        """One more pair (in odd or even weeks when ``half``) for a placed item, with its teacher."""
        best = self._best_slot(item, item.teacher, half)
        if best is None:
            return None
        self._take(item, item.teacher, *best)
        day, pair, parities, _pool, row = best
        return day, pair, WEEKS[parities], self.campus.by_pk[row[1]]

    def _place_with(self, item: Item, teacher: Teacher) -> bool:
        taken = []
        for half in [False] * item.pairs + [True] * item.halves:
            best = self._best_slot(item, teacher, half)
            if best is None:
                for slot in taken:
                    self._release(item, teacher, *slot)
                return False
            self._take(item, teacher, *best)
            taken.append(best)
        item.teacher = teacher
        rooms = self.campus.by_pk
        item.slots = [
            (day, pair, WEEKS[parities], rooms[row[1]], []) for day, pair, parities, _pool, row in taken
        ]
        teacher.load += item.weight
        teacher.subjects.add(item.subject_id)
        teacher.faculties.add(item.faculty_id)
        return True

    def _best_slot(self, item: Item, teacher: Teacher, half: bool):
        best, best_score = None, None
        pools = POOLS.get(item.training_type, ("class", "lecture"))
        options = ((ODD,), (EVEN,)) if half else (BOTH,)
        busy, groups, subject_days = teacher.busy, self.groups, self.subject_days
        for day in DAYS:
            days = [(part, groups[(group, day)]) for group, part in item.parts]
            base = 10 * sum(subject_days[(group, item.subject_id, day)] > 0 for group, _part in item.parts)
            base += (2 if day == 6 else 0) + 3 * item.lost.get(day, 0)
            for rank, pair in enumerate(SHIFTS[item.morning]):
                for parities in options:
                    if (day, pair, parities[0]) in busy or (day, pair, parities[-1]) in busy:
                        continue
                    score = _score(days, pair, parities, base + rank * 2 + (25 if pair == 7 else 0))
                    if score is None or (best_score is not None and score >= best_score):
                        continue
                    room = self.campus.find(item.faculty_id, pools, item.seats, day, pair, parities)
                    if room is not None:
                        best, best_score = (day, pair, parities, *room), score
        return best

    def _take(
        self, item: Item, teacher: Teacher, day: int, pair: int, parities, pool: str, row: tuple
    ) -> None:
        teacher.busy.update((day, pair, p) for p in parities)
        self.campus.take(item.faculty_id, pool, row, day, pair, parities)
        for group, part in item.parts:
            self.groups[(group, day)].setdefault(pair, set()).update((part, p) for p in parities)
            self.subject_days[(group, item.subject_id, day)] += 1

    def _release(
        self, item: Item, teacher: Teacher, day: int, pair: int, parities, pool: str, row: tuple
    ) -> None:
        teacher.busy.difference_update((day, pair, p) for p in parities)
        self.campus.give_back(item.faculty_id, pool, row, day, pair, parities)
        for group, part in item.parts:
            here = self.groups[(group, day)][pair]
            here.difference_update((part, p) for p in parities)
            if not here:
                del self.groups[(group, day)][pair]
            self.subject_days[(group, item.subject_id, day)] -= 1


def _score(days: list[tuple[int, dict]], pair: int, parities, score: int) -> int | None:
    """The cost of ``pair`` for an item's groups (None: a group is taken then, or has four pairs)."""
    for part, taken in days:
        here = taken.get(pair)
        if not here:
            if len(taken) >= MAX_A_DAY:
                return None
            if taken:
                score += 4 * len(taken) + 3 * (min(abs(pair - p) for p in taken) - 1)
            continue
        if any(par in parities and (q == 0 or part == 0 or q == part) for q, par in here):
            return None
        score -= 6  # beside another subgroup's laboratory or the other weeks' lesson: no extra pair
    return score
