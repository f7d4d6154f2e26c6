"""The solver of a draft week: OR-Tools CP-SAT over plain data, no database inside.

Given the slots of the study week (weekday × pair), the rooms, the groups with their subgroups, the
items to place (a teaching load of one group or subgroup, or a stream of several groups sharing a
lecture: teacher, pairs a week, preferred room types) and what the timetable already holds (teachers,
rooms and groups busy at a weekday and pair), ``solve`` builds one model and returns where each pair
goes and, for what it could not place, why.

Hard rules: no teacher, room or group in two lessons at one slot (a whole-group lesson clashes with
anything of the group; two subgroups may share a slot, as in ``services.placement``), the room seats
everyone, at most ``max_pairs_per_day`` pairs a day for each group (and each subgroup), each item at
most its pairs a week. Missing pairs cost much more than anything else, so the model places all it
can. Soft rules (the objective): few gaps in a group's and a teacher's day, no lesson at a slot its
teacher asked to keep free, one pair of an item a day, early pairs, rooms of the preferred type.

The reason for a pair left out is read from the week itself where it can be (no room seats the
group; the teacher or the group has fewer free pairs than their lessons need; fewer slots than pairs
have the teacher, the group and a room free together) and only otherwise blamed on a crowded week or
on the time limit.
"""

import time
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

WHOLE = 0  # the part of a group a whole-group lesson takes (a subgroup's part is its id)

# Weights of the objective: a missing pair outweighs every soft rule together.
MISSING = 1000
UNAVAILABLE = 30
GROUP_GAP = 10
SAME_DAY = 8
TEACHER_GAP = 4
OTHER_ROOM_TYPE = 3
LARGER_ROOM = 1  # per kind of room a size up from the smallest that seats the item
LATE_PAIR = 1  # per pair after the first

FIRST_STAGE = 0.6  # of the time limit, at most, for placing as many pairs as possible

ROOMS_OF_TYPE = 4  # kinds of room (type and size) of a preferred type an item may take, smallest first
ROOMS_OTHER = 2  # and of other types, at a cost


@dataclass(frozen=True)
class Room:
    id: int
    capacity: int
    room_type: str = ""


@dataclass(frozen=True)
class Subgroup:
    id: int
    name: str
    size: int


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    size: int
    subgroups: tuple[Subgroup, ...] = ()


@dataclass(frozen=True)
class Part:
    """Who attends: a whole group (``subgroup`` None) or one subgroup of it."""

    group: int
    subgroup: int | None = None


@dataclass(frozen=True)
class Item:
    """A lesson to place ``pairs`` times a week; several parts are a stream sharing one room."""

    key: Hashable
    parts: tuple[Part, ...]
    teacher: int
    pairs: int
    room_types: frozenset[str] = frozenset()  # preferred; empty: any


Slot = tuple[int, int]  # (weekday, pair)


@dataclass
class Problem:
    weekdays: Sequence[int]
    pairs: Sequence[int]
    rooms: Sequence[Room]
    groups: Sequence[Group]
    items: Sequence[Item]
    teachers: Mapping[int, str] = field(default_factory=dict)  # names, for the reasons
    max_pairs_per_day: int = 4
    unavailable: set[tuple[int, int, int]] = field(default_factory=set)  # (teacher, weekday, pair)
    busy_teachers: set[tuple[int, int, int]] = field(default_factory=set)  # (teacher, weekday, pair)
    busy_rooms: set[tuple[int, int, int]] = field(default_factory=set)  # (room, weekday, pair)
    busy_groups: set[tuple[int, int, int, int]] = field(default_factory=set)  # (group, part, weekday, pair)

    @property
    def slots(self) -> list[Slot]:
        return [(d, p) for d in sorted(self.weekdays) for p in sorted(self.pairs)]


@dataclass(frozen=True)
class Placement:
    key: Hashable
    weekday: int
    pair: int
    room: int


@dataclass(frozen=True)
class Unplaced:
    key: Hashable
    missing: int  # pairs a week not placed
    code: str
    params: dict

    @property
    def reason(self) -> str:
        return describe(self.code, self.params)


@dataclass
class Solution:
    placements: list[Placement]
    unplaced: list[Unplaced]
    requested: int
    seconds: float
    status: str

    @property
    def placed(self) -> int:
        return len(self.placements)


def describe(code: str, params: dict) -> str:
    """The reason an item was not placed, in the active language (stored as code and parameters so
    that a page shows it in its reader's language)."""
    messages = {
        "no_room": _("No room with %(seats)s seats: the largest room has %(largest)s."),
        "teacher_busy": _("Teacher %(teacher)s has only %(free)s free pairs a week for %(needed)s pairs."),
        "group_full": _(
            "Not enough free slots for group %(group)s: %(needed)s pairs a week, at most %(free)s fit "
            "with %(per_day)s pairs a day."
        ),
        "no_common_slot": _(
            "Only %(slots)s pairs of the week have teacher %(teacher)s, group %(group)s and a room of "
            "%(seats)s seats free together; %(needed)s are needed."
        ),
        "crowded": _(
            "No pair of the week is left where teacher %(teacher)s, group %(group)s and a room of "
            "%(seats)s seats are free together."
        ),
        "time_limit": _("No place was found within %(seconds)s seconds; a longer run may find one."),
    }
    return messages[code] % params


class _Week:
    """What the problem says about each slot, looked up once."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.slots = problem.slots
        self.groups = {g.id: g for g in problem.groups}
        self.busy_parts: dict[tuple[int, Slot], set[int]] = defaultdict(set)
        for group, part, weekday, pair in problem.busy_groups:
            self.busy_parts[(group, (weekday, pair))].add(part)

        # The parts whose day is counted: each subgroup (those of the items too), or the whole group.
        parts: dict[int, set[int]] = {g.id: {s.id for s in g.subgroups} for g in problem.groups}
        for item in problem.items:
            for p in item.parts:
                parts.setdefault(p.group, set())
                if p.subgroup is not None:
                    parts[p.group].add(p.subgroup)
        self.parts = {g: sorted(ids) or [WHOLE] for g, ids in parts.items()}

    def parts_of_group(self, group: int) -> list[int]:
        return self.parts.get(group, [WHOLE])

    def part_busy(self, group: int, part: int, slot: Slot) -> bool:
        """Whether the slot is taken for ``part`` of the group (WHOLE: for any of it)."""
        busy = self.busy_parts.get((group, slot))
        if not busy:
            return False
        return part == WHOLE or WHOLE in busy or part in busy

    def size(self, part: Part) -> int:
        g = self.groups.get(part.group)
        if g is None:
            return 0
        if part.subgroup is None:
            return g.size
        return next((s.size for s in g.subgroups if s.id == part.subgroup), 0)

    def label(self, part: Part) -> str:
        g = self.groups.get(part.group)
        if g is None:
            return str(part.group)
        if part.subgroup is None:
            return g.name
        name = next((s.name for s in g.subgroups if s.id == part.subgroup), str(part.subgroup))
        return f"{g.name} ({name})"

    def item_free(self, item: Item, slot: Slot) -> bool:
        if (item.teacher, *slot) in self.problem.busy_teachers:
            return False
        return not any(self.part_busy(p.group, p.subgroup or WHOLE, slot) for p in item.parts)


@dataclass(frozen=True)
class _RoomKind:
    """Rooms of one type and size: interchangeable, so the model counts them instead of naming each."""

    room_type: str
    capacity: int
    rooms: tuple[int, ...]


def room_kinds(rooms: Sequence[Room]) -> list[_RoomKind]:
    by_kind: dict[tuple[str, int], list[int]] = defaultdict(list)
    for r in rooms:
        by_kind[(r.room_type, r.capacity)].append(r.id)
    return [_RoomKind(t, c, tuple(sorted(ids))) for (t, c), ids in sorted(by_kind.items())]


def candidate_kinds(kinds: Sequence[_RoomKind], seats: int, types: frozenset[str]) -> list[tuple[int, int]]:
    """The kinds of room an item may take, as (kind index, cost): the smallest that seat it of a
    preferred type first, then of other types at a cost."""
    fitting = sorted(
        (k for k in range(len(kinds)) if kinds[k].capacity >= seats), key=lambda k: kinds[k].capacity
    )
    preferred = [k for k in fitting if not types or kinds[k].room_type in types][:ROOMS_OF_TYPE]
    others = [k for k in fitting if types and kinds[k].room_type not in types][:ROOMS_OTHER]
    return [(k, rank * LARGER_ROOM) for rank, k in enumerate(preferred)] + [
        (k, OTHER_ROOM_TYPE + rank * LARGER_ROOM) for rank, k in enumerate(others)
    ]


class _Model:
    """The CP-SAT model: ``y`` (an item at a slot) and ``x`` (in a kind of room there), the hard rules,
    the cost of missing pairs (``missing``) and, added for the second stage, the soft rules (``soft``)."""

    def __init__(self, problem: Problem, week: _Week):
        self.problem = problem
        self.week = week
        self.pairs = sorted(problem.pairs)
        self.kinds = room_kinds(problem.rooms)
        # Free rooms of each kind at each slot (a room the timetable already uses is not free).
        self.free_rooms: dict[tuple[int, Slot], list[int]] = {
            (k, slot): [r for r in kind.rooms if (r, *slot) not in problem.busy_rooms]
            for k, kind in enumerate(self.kinds)
            for slot in week.slots
        }
        self.model = cp_model.CpModel()
        self.y: dict[int, dict[Slot, cp_model.IntVar]] = {}  # item index -> slot -> placed there
        self.x: dict[tuple[int, Slot], list[tuple[int, cp_model.IntVar]]] = {}  # -> [(room kind, var)]
        self.missing: list = []
        self.soft: list = []
        # The slots of each teacher, group and subgroup: (weight of a gap, {slot: (literals, busy)}).
        self.timelines: list[tuple[int, dict[Slot, tuple[list, bool]]]] = []

    def add_item(self, index: int, item: Item, kinds: list[tuple[int, int]]) -> None:
        problem, model = self.problem, self.model
        self.y[index] = {}
        for slot in self.week.slots:
            if not self.week.item_free(item, slot):
                continue
            free = [(k, cost) for k, cost in kinds if self.free_rooms[(k, slot)]]
            if not free:
                continue
            y = model.new_bool_var(f"y{index}_{slot[0]}_{slot[1]}")
            self.y[index][slot] = y
            if len(free) == 1:
                choices = [(free[0][0], y)]
            else:
                choices = [(k, model.new_bool_var(f"x{index}_{slot[0]}_{slot[1]}_{k}")) for k, _c in free]
                model.add(sum(v for _k, v in choices) == y)
            self.x[(index, slot)] = choices
            self.soft += [cost * v for (_k, cost), (_k2, v) in zip(free, choices, strict=True) if cost]
            late = self.pairs.index(slot[1])
            if late:
                self.soft.append(LATE_PAIR * late * y)
            if (item.teacher, *slot) in problem.unavailable:
                self.soft.append(UNAVAILABLE * y)
        placed = list(self.y[index].values())
        if placed:
            model.add(sum(placed) <= item.pairs)
        self.missing.append(item.pairs - sum(placed))

    def add_rooms(self) -> None:
        """No more lessons in a kind of room at a slot than it has free rooms."""
        by_kind: dict[tuple[int, Slot], list] = defaultdict(list)
        for (_index, slot), choices in self.x.items():
            for kind, var in choices:
                by_kind[(kind, slot)].append(var)
        for (kind, slot), taken in by_kind.items():
            free = len(self.free_rooms[(kind, slot)])
            if len(taken) <= free:
                continue
            if free == 1:
                self.model.add_at_most_one(taken)
            else:
                self.model.add(sum(taken) <= free)

    def add_teachers(self, items: Sequence[Item]) -> None:
        by_teacher: dict[int, list[int]] = defaultdict(list)
        for index in self.y:
            by_teacher[items[index].teacher].append(index)
        for teacher, indexes in by_teacher.items():
            timeline = {}
            for slot in self.week.slots:
                here = [self.y[i][slot] for i in indexes if slot in self.y[i]]
                if len(here) > 1:
                    self.model.add_at_most_one(here)
                timeline[slot] = (here, (teacher, *slot) in self.problem.busy_teachers)
            self.timelines.append((TEACHER_GAP, timeline))

    def add_groups(self, items: Sequence[Item]) -> None:
        whole: dict[int, list[int]] = defaultdict(list)
        split: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index in self.y:
            for part in items[index].parts:
                if part.subgroup is None:
                    whole[part.group].append(index)
                else:
                    split[(part.group, part.subgroup)].append(index)
        for group in sorted({*whole, *(g for g, _s in split)}):
            for part in self.week.parts_of_group(group):
                indexes = whole[group] + (split[(group, part)] if part != WHOLE else [])
                timeline = {}
                for slot in self.week.slots:
                    here = [self.y[i][slot] for i in indexes if slot in self.y[i]]
                    if len(here) > 1:
                        self.model.add_at_most_one(here)
                    timeline[slot] = (here, self.week.part_busy(group, part, slot))
                self._day_limit(timeline)
                self.timelines.append((GROUP_GAP, timeline))

    def _day_limit(self, timeline: dict[Slot, tuple[list, bool]]) -> None:
        for weekday in self.problem.weekdays:
            day = [timeline[(weekday, p)] for p in self.pairs]
            taken = sum(1 for _here, busy in day if busy)
            variables = [v for here, busy in day if not busy for v in here]
            if variables and len(variables) + taken > self.problem.max_pairs_per_day:
                self.model.add(sum(variables) <= max(0, self.problem.max_pairs_per_day - taken))

    def add_soft_rules(self, items: Sequence[Item]) -> None:
        """Gaps of every timeline, and an item's pairs falling on one day."""
        for weight, timeline in self.timelines:
            for weekday in self.problem.weekdays:
                self._gaps([self._occupied(*timeline[(weekday, p)]) for p in self.pairs], weight)
        for index, slots in self.y.items():
            if items[index].pairs < 2:
                continue
            for weekday in self.problem.weekdays:
                day = [v for (d, _p), v in slots.items() if d == weekday]
                if len(day) > 1:
                    extra = self.model.new_int_var(0, len(day), "")
                    self.model.add(extra >= sum(day) - 1)
                    self.soft.append(SAME_DAY * extra)

    def _occupied(self, here: list, busy: bool):
        """1, 0, or a literal true when the slot is taken (the hard rules let at most one of ``here`` be)."""
        if busy:
            return 1
        if not here:
            return 0
        if len(here) == 1:
            return here[0]
        o = self.model.new_bool_var("")
        self.model.add(o == sum(here))
        return o

    def _gaps(self, day: list, weight: int) -> None:
        """Cost each free pair of ``day`` with a lesson before and after it. ``before``/``after`` are
        bounded from below only: the objective keeps them, and the gaps, as low as the day allows."""
        if all(isinstance(o, int) for o in day):
            return
        before = self._reach(day)
        after = list(reversed(self._reach(list(reversed(day)))))
        for k, o in enumerate(day):
            if isinstance(o, int) and o:
                continue
            if all(isinstance(t, int) for t in (before[k], after[k], o)):
                continue
            gap = self.model.new_bool_var("")
            self.model.add(gap >= before[k] + after[k] - 1 - o)
            self.soft.append(weight * gap)

    def _reach(self, day: list) -> list:
        """For each pair, 0, 1 or a literal at least "a pair before it is taken"."""
        reach: list = [0]
        for o in day[:-1]:
            prev = reach[-1]
            if (isinstance(prev, int) and prev) or (isinstance(o, int) and o):
                reach.append(1)
            elif isinstance(prev, int) and isinstance(o, int):
                reach.append(0)
            else:
                r = self.model.new_bool_var("")
                for t in (prev, o):
                    if not isinstance(t, int):
                        self.model.add_implication(t, r)
                reach.append(r)
        return reach

    def values(self, solver: cp_model.CpSolver) -> dict:
        """The value of every placement literal in ``solver``'s solution (a hint for the next stage)."""
        out = {}
        for index, slots in self.y.items():
            for slot, y in slots.items():
                out[y] = solver.boolean_value(y)
                for _k, v in self.x[(index, slot)]:
                    out[v] = solver.boolean_value(v)
        return out

    def placements(self, chosen: dict, items: Sequence[Item]) -> tuple[list[Placement], dict[int, int]]:
        """The placements of a solution (each lesson given one free room of its kind), and the pairs
        each item is short of."""
        placements = []
        short = {}
        left = {key: list(rooms) for key, rooms in self.free_rooms.items()}
        for index, slots in self.y.items():
            count = 0
            for slot, y in slots.items():
                if not chosen.get(y):
                    continue
                kind = next(k for k, v in self.x[(index, slot)] if chosen.get(v))
                placements.append(Placement(items[index].key, slot[0], slot[1], left[(kind, slot)].pop(0)))
                count += 1
            if count < items[index].pairs:
                short[index] = items[index].pairs - count
        return placements, short


def _teacher_need(week: _Week, items: Sequence[Item], indexes: list[int]) -> dict[int, tuple[int, int]]:
    """Teacher -> (free pairs of the week, pairs their items need)."""
    need: dict[int, int] = defaultdict(int)
    for i in indexes:
        need[items[i].teacher] += items[i].pairs
    busy = week.problem.busy_teachers
    return {t: (sum(1 for s in week.slots if (t, *s) not in busy), n) for t, n in need.items()}


def _group_need(week: _Week, items: Sequence[Item], indexes: list[int]) -> dict[tuple[int, int], tuple]:
    """(Group, part) -> (pairs that fit in its week under the daily limit, pairs its items need)."""
    problem = week.problem
    need: dict[tuple[int, int], int] = defaultdict(int)
    for i in indexes:
        for part in items[i].parts:
            parts = week.parts_of_group(part.group) if part.subgroup is None else [part.subgroup]
            for p in parts:
                need[(part.group, p)] += items[i].pairs
    out = {}
    for (group, part), n in need.items():
        fit = 0
        for weekday in problem.weekdays:
            busy = sum(1 for p in problem.pairs if week.part_busy(group, part, (weekday, p)))
            fit += max(0, min(problem.max_pairs_per_day - busy, len(problem.pairs) - busy))
        out[(group, part)] = (fit, n)
    return out


def _why(week: _Week, item: Item, seats: int, slots: int, teachers, groups, optimal, limit) -> tuple:
    teacher = week.problem.teachers.get(item.teacher, str(item.teacher))
    free, needed = teachers[item.teacher]
    if needed > free:
        return "teacher_busy", {"teacher": teacher, "free": free, "needed": needed}
    for part in item.parts:
        if part.subgroup is not None:
            parts = [part.subgroup]
        else:
            parts = sorted(p for g, p in groups if g == part.group)
        for p in parts:
            fit, n = groups.get((part.group, p), (0, 0))
            if n > fit:
                label = week.label(Part(part.group, p if p != WHOLE else None))
                return "group_full", {
                    "group": label,
                    "needed": n,
                    "free": fit,
                    "per_day": week.problem.max_pairs_per_day,
                }
    where = {"teacher": teacher, "group": ", ".join(week.label(p) for p in item.parts), "seats": seats}
    if slots < item.pairs:
        return "no_common_slot", {**where, "slots": slots, "needed": item.pairs}
    if optimal:
        return "crowded", where
    return "time_limit", {"seconds": round(limit)}


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    # Probing and symmetry detection spend seconds in presolve on a timetable and gain little.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


def solve(problem: Problem, *, time_limit: float = 20.0, workers: int = 2) -> Solution:
    """Place ``problem``'s items in its week (see the module docstring); never raises for an
    infeasible week: what cannot be placed comes back in ``unplaced`` with its reason.

    Two stages on one model: first as many pairs as possible (the hard rules only, which CP-SAT
    settles fast), then, with that many required and the first answer as a hint, the soft rules."""
    started = time.monotonic()
    week = _Week(problem)
    items = list(problem.items)
    largest = max((r.capacity for r in problem.rooms), default=0)
    built = _Model(problem, week)
    unplaced: list[Unplaced] = []
    seats: dict[int, int] = {}
    for index, item in enumerate(items):
        seats[index] = sum(week.size(p) for p in item.parts)
        kinds = candidate_kinds(built.kinds, seats[index], item.room_types)
        if not kinds:
            unplaced.append(
                Unplaced(item.key, item.pairs, "no_room", {"seats": seats[index], "largest": largest})
            )
            continue
        built.add_item(index, item, kinds)
    built.add_rooms()
    built.add_teachers(items)
    built.add_groups(items)

    model = built.model
    # A variable bounded below by 0: once every pair is placed, the first stage knows it is done.
    missing = model.new_int_var(0, sum(i.pairs for i in items), "missing")
    model.add(missing == sum(built.missing))
    model.minimize(missing)
    first = _solver(time_limit * FIRST_STAGE, workers)
    status = first.solve(model)
    chosen: dict = {}
    proven = status == cp_model.OPTIMAL
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = built.values(first)
        model.add(missing <= round(first.objective_value))
        for var, value in chosen.items():
            model.add_hint(var, value)
        built.add_soft_rules(items)
        model.minimize(sum(built.soft))
        second = _solver(time_limit - (time.monotonic() - started), workers)
        if second.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = built.values(second)

    placements, short = built.placements(chosen, items)
    indexes = list(built.y)
    teachers = _teacher_need(week, items, indexes)
    groups = _group_need(week, items, indexes)
    for index, missing in short.items():
        code, params = _why(
            week, items[index], seats[index], len(built.y[index]), teachers, groups, proven, time_limit
        )
        unplaced.append(Unplaced(items[index].key, missing, code, params))
    return Solution(
        placements=placements,
        unplaced=unplaced,
        requested=sum(i.pairs for i in items),
        seconds=round(time.monotonic() - started, 3),
        status=first.status_name(status),
    )


# CP-SAT's statuses, the worst first: a week solved in parts reports the worst of its parts'.
STATUSES = ("MODEL_INVALID", "INFEASIBLE", "UNKNOWN", "FEASIBLE", "OPTIMAL")


def solve_in_parts(
    problem: Problem, *, time_limit: float = 20.0, workers: int = 2, part_pairs: int = 300
) -> Solution:
    """A large week (a faculty of hundreds of groups) solved in parts by the same model: items joined by
    a group (a stream's groups, a group's subgroups) stay in one part; parts of about ``part_pairs``
    pairs a week are solved one after another, each around what the parts before it placed (their
    teachers, rooms and groups become busy), each with its share of the time limit. A week of at most
    ``part_pairs`` pairs is solved whole."""
    requested = sum(i.pairs for i in problem.items)
    if requested <= part_pairs:
        return solve(problem, time_limit=time_limit, workers=workers)
    started = time.monotonic()
    parts = _parts(problem.items, part_pairs)
    # The week as the parts solved so far leave it (copies: the caller's sets stay as they were).
    busy = replace(
        problem,
        busy_teachers=set(problem.busy_teachers),
        busy_rooms=set(problem.busy_rooms),
        busy_groups=set(problem.busy_groups),
    )
    pairs_left = requested
    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    statuses: list[str] = []
    for part in parts:
        pairs = sum(i.pairs for i in part)
        left = time_limit - (time.monotonic() - started)
        solution = solve(
            replace(busy, items=part), time_limit=max(left * pairs / pairs_left, 1.0), workers=workers
        )
        pairs_left -= pairs
        _occupy(busy, part, solution.placements)
        placements.extend(solution.placements)
        unplaced.extend(solution.unplaced)
        statuses.append(solution.status)
    return Solution(
        placements=placements,
        unplaced=unplaced,
        requested=requested,
        seconds=round(time.monotonic() - started, 3),
        status=min(statuses, key=STATUSES.index),
    )


def _parts(items: Sequence[Item], part_pairs: int) -> list[list[Item]]:
    """The items in parts of about ``part_pairs`` pairs a week, the items joined by a group in one."""
    parent: dict[int, int] = {}

    def find(group: int) -> int:
        while parent.setdefault(group, group) != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    for item in items:
        first = find(item.parts[0].group)
        for part in item.parts[1:]:
            parent[find(part.group)] = first
    joined: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        joined[find(item.parts[0].group)].append(item)
    parts: list[list[Item]] = [[]]
    pairs = 0
    for root in sorted(joined):
        if parts[-1] and pairs >= part_pairs:
            parts.append([])
            pairs = 0
        parts[-1].extend(joined[root])
        pairs += sum(i.pairs for i in joined[root])
    return parts


def _occupy(busy: Problem, items: Sequence[Item], placements: Sequence[Placement]) -> None:
    """Mark the teachers, rooms and groups of ``placements`` busy in ``busy``."""
    by_key = {i.key: i for i in items}
    for placement in placements:
        item, slot = by_key[placement.key], (placement.weekday, placement.pair)
        busy.busy_teachers.add((item.teacher, *slot))
        busy.busy_rooms.add((placement.room, *slot))
        busy.busy_groups.update((p.group, p.subgroup or WHOLE, *slot) for p in item.parts)
