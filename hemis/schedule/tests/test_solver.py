"""The CP-SAT solver of a draft week, on plain data: every hard rule held, the soft rules weighed, and
what cannot be placed reported with its reason."""

import itertools
from dataclasses import replace

from hemis.schedule.solver import Group, Item, Part, Problem, Room, Subgroup, solve, solve_in_parts

LECTURE, LAB, PRACTICE = "11", "12", "13"


def conflicts(problem: Problem, solution) -> list[str]:
    """Every clash between two placements (and every room too small), checked pair by pair."""
    items = {i.key: i for i in problem.items}
    groups = {g.id: g for g in problem.groups}
    rooms = {r.id: r for r in problem.rooms}

    def size(part: Part) -> int:
        group = groups[part.group]
        if part.subgroup is None:
            return group.size
        return next(s.size for s in group.subgroups if s.id == part.subgroup)

    found = []
    for a, b in itertools.combinations(solution.placements, 2):
        if (a.weekday, a.pair) != (b.weekday, b.pair):
            continue
        ia, ib = items[a.key], items[b.key]
        if ia.teacher == ib.teacher:
            found.append(f"teacher {ia.teacher}: {a} / {b}")
        if a.room == b.room:
            found.append(f"room {a.room}: {a} / {b}")
        for pa, pb in itertools.product(ia.parts, ib.parts):
            if pa.group == pb.group and (
                pa.subgroup is None or pb.subgroup is None or pa.subgroup == pb.subgroup
            ):
                found.append(f"group {pa.group}: {a} / {b}")
    for p in solution.placements:
        if rooms[p.room].capacity < sum(size(part) for part in items[p.key].parts):
            found.append(f"room {p.room} too small: {p}")
        if (p.room, p.weekday, p.pair) in problem.busy_rooms:
            found.append(f"room {p.room} already taken: {p}")
        if (items[p.key].teacher, p.weekday, p.pair) in problem.busy_teachers:
            found.append(f"teacher already taken: {p}")
    return found


def per_day(problem: Problem, solution) -> dict:
    """Pairs a day of each group part (a whole-group lesson counts for each of its subgroups)."""
    items = {i.key: i for i in problem.items}
    groups = {g.id: g for g in problem.groups}
    count: dict = {}
    for p in solution.placements:
        for part in items[p.key].parts:
            subs = [part.subgroup] if part.subgroup else [s.id for s in groups[part.group].subgroups] or [0]
            for sub in subs:
                count[(part.group, sub, p.weekday)] = count.get((part.group, sub, p.weekday), 0) + 1
    return count


def faculty() -> Problem:
    """Three groups (one with two subgroups), four teachers, five rooms, a six-day week of six pairs."""
    groups = [
        Group(1, "KT-21", 24, (Subgroup(11, "1", 12), Subgroup(12, "2", 12))),
        Group(2, "KT-22", 26),
        Group(3, "KT-23", 22),
    ]
    rooms = [
        Room(101, 100, LECTURE),
        Room(102, 30, PRACTICE),
        Room(103, 30, PRACTICE),
        Room(104, 14, LAB),
        Room(105, 28, LAB),
    ]
    items = [Item("stream", (Part(1), Part(2), Part(3)), 1, 2, frozenset({LECTURE}))]
    for g in (1, 2, 3):
        items.append(Item(("practice", g), (Part(g),), 2, 2, frozenset({PRACTICE})))
        items.append(Item(("physics", g), (Part(g),), 3, 1, frozenset({LECTURE})))
    items += [
        Item(("lab", 11), (Part(1, 11),), 4, 2, frozenset({LAB})),
        Item(("lab", 12), (Part(1, 12),), 4, 2, frozenset({LAB})),
        Item(("lab", 2), (Part(2),), 4, 1, frozenset({LAB})),
        Item(("lab", 3), (Part(3),), 3, 1, frozenset({LAB})),
    ]
    return Problem(
        weekdays=range(1, 7),
        pairs=range(1, 7),
        rooms=rooms,
        groups=groups,
        items=items,
        teachers={1: "Karimov A.", 2: "Rahimova D.", 3: "Saidov B.", 4: "Olimova N."},
        max_pairs_per_day=3,
        busy_teachers={(1, 1, 1), (1, 2, 1)},
        busy_rooms={(101, 1, 2), (104, 3, 1)},
        busy_groups={(2, 0, 1, 3)},
    )


def test_a_faculty_week_is_placed_whole_with_no_clash():
    problem = faculty()
    solution = solve(problem, time_limit=10)
    assert (solution.placed, solution.requested, solution.unplaced) == (17, 17, [])
    assert conflicts(problem, solution) == []
    assert max(per_day(problem, solution).values()) <= 3
    placed = {}
    for p in solution.placements:
        placed[p.key] = placed.get(p.key, 0) + 1
    assert placed == {i.key: i.pairs for i in problem.items}
    # Two pairs of one item a week fall on two days.
    stream_days = {p.weekday for p in solution.placements if p.key == "stream"}
    assert len(stream_days) == 2
    # A stream of 72 students sits in the lecture hall; the laboratories of KT-21's subgroups in a lab.
    assert {p.room for p in solution.placements if p.key == "stream"} == {101}
    assert {p.room for p in solution.placements if p.key[0] == "lab" and p.key[1] in (11, 12)} <= {104, 105}


def test_a_group_of_60_without_a_room_of_60_seats_is_unplaced_with_its_reason():
    problem = Problem(
        weekdays=[1, 2],
        pairs=[1, 2],
        rooms=[Room(1, 30, PRACTICE), Room(2, 50, LECTURE)],
        groups=[Group(1, "IQ-21", 60), Group(2, "IQ-22", 20)],
        items=[
            Item("big", (Part(1),), 1, 1, frozenset({LECTURE})),
            Item("small", (Part(2),), 1, 1, frozenset({PRACTICE})),
        ],
    )
    solution = solve(problem, time_limit=5)
    assert [(p.key, p.room) for p in solution.placements] == [("small", 1)]
    assert [(u.key, u.missing, u.reason) for u in solution.unplaced] == [
        ("big", 1, "No room with 60 seats: the largest room has 50.")
    ]


def test_a_teacher_needing_more_pairs_than_the_week_has_is_told_so():
    problem = Problem(
        weekdays=[1, 2],
        pairs=[1, 2],
        rooms=[Room(1, 30, PRACTICE)],
        groups=[Group(g, f"G-{g}", 20) for g in (1, 2, 3)],
        items=[Item(g, (Part(g),), 7, 2, frozenset({PRACTICE})) for g in (1, 2, 3)],
        teachers={7: "Karimov A."},
        max_pairs_per_day=4,
    )
    solution = solve(problem, time_limit=5)
    assert (solution.placed, solution.requested) == (4, 6)
    assert conflicts(problem, solution) == []
    assert sum(u.missing for u in solution.unplaced) == 2
    assert {u.reason for u in solution.unplaced} == {
        "Teacher Karimov A. has only 4 free pairs a week for 6 pairs."
    }


def test_a_group_with_more_pairs_than_its_days_allow_is_told_so():
    problem = Problem(
        weekdays=[1, 2],
        pairs=[1, 2, 3],
        rooms=[Room(1, 30, PRACTICE), Room(2, 30, PRACTICE)],
        groups=[Group(1, "KT-21", 20)],
        items=[Item(t, (Part(1),), t, 1, frozenset({PRACTICE})) for t in (1, 2, 3)],
        max_pairs_per_day=1,
    )
    solution = solve(problem, time_limit=5)
    assert solution.placed == 2
    assert len({p.weekday for p in solution.placements}) == 2
    [unplaced] = solution.unplaced
    assert unplaced.reason == (
        "Not enough free slots for group KT-21: 3 pairs a week, at most 2 fit with 1 pairs a day."
    )


def test_two_subgroups_share_a_slot_but_the_whole_group_does_not():
    groups = [Group(1, "KT-21", 24, (Subgroup(11, "1", 12), Subgroup(12, "2", 12)))]
    rooms = [Room(1, 14, LAB), Room(2, 14, LAB), Room(3, 30, PRACTICE)]
    labs = [Item(("lab", s), (Part(1, s),), t, 1, frozenset({LAB})) for s, t in ((11, 1), (12, 2))]
    one_slot = {"weekdays": [1], "pairs": [1], "rooms": rooms, "groups": groups}

    both = solve(Problem(items=labs, **one_slot), time_limit=5)
    assert sorted((p.key, p.weekday, p.pair) for p in both.placements) == [
        (("lab", 11), 1, 1),
        (("lab", 12), 1, 1),
    ]
    assert {p.room for p in both.placements} == {1, 2}

    whole = Item("practice", (Part(1),), 3, 1, frozenset({PRACTICE}))
    problem = Problem(items=[whole, labs[0]], **one_slot)
    solution = solve(problem, time_limit=5)
    assert solution.placed == 1
    assert conflicts(problem, solution) == []
    [unplaced] = solution.unplaced
    assert unplaced.reason == (
        "Not enough free slots for group KT-21 (1): 2 pairs a week, at most 1 fit with 4 pairs a day."
    )


def test_what_the_timetable_already_holds_is_kept_free():
    problem = Problem(
        weekdays=[1],
        pairs=[1, 2, 3],
        rooms=[Room(1, 30, PRACTICE), Room(2, 30, PRACTICE)],
        groups=[Group(1, "KT-21", 20, (Subgroup(11, "1", 10),)), Group(2, "KT-22", 20)],
        items=[
            Item("a", (Part(1),), 1, 1, frozenset({PRACTICE})),
            Item("b", (Part(2),), 2, 1, frozenset({PRACTICE})),
        ],
        busy_teachers={(1, 1, 1)},
        busy_rooms={(1, 1, 2), (2, 1, 2)},
        busy_groups={(1, 11, 1, 3), (2, 0, 1, 1)},
    )
    solution = solve(problem, time_limit=5)
    # "a": teacher busy at 1, no room at 2, a subgroup busy at 3: nowhere. "b": only pair 3.
    assert [(p.key, p.pair) for p in solution.placements] == [("b", 3)]
    [unplaced] = solution.unplaced
    assert unplaced.reason == (
        "Only 0 pairs of the week have teacher 1, group KT-21 and a room of 20 seats free together; "
        "1 are needed."
    )


def test_unavailable_slots_and_gaps_are_avoided_and_early_pairs_preferred():
    # Both teachers asked to keep pair 2 free: pairs 1 and 3 would leave the group a gap, so 3 and 4.
    problem = Problem(
        weekdays=[1],
        pairs=[1, 2, 3, 4],
        rooms=[Room(1, 30, PRACTICE)],
        groups=[Group(1, "KT-21", 20)],
        items=[Item(t, (Part(1),), t, 1, frozenset({PRACTICE})) for t in (1, 2)],
        unavailable={(1, 1, 2), (2, 1, 2)},
    )
    solution = solve(problem, time_limit=5)
    assert sorted(p.pair for p in solution.placements) == [3, 4]
    without = solve(replace(problem, unavailable=set()), time_limit=5)
    assert sorted(p.pair for p in without.placements) == [1, 2]


def test_a_room_of_another_type_is_taken_when_none_of_the_preferred_type_seats_the_group():
    problem = Problem(
        weekdays=[1],
        pairs=[1],
        rooms=[Room(1, 12, LAB), Room(2, 30, PRACTICE)],
        groups=[Group(1, "KT-22", 14)],
        items=[Item("lab", (Part(1),), 1, 1, frozenset({LAB}))],
    )
    solution = solve(problem, time_limit=5)
    assert [(p.key, p.room) for p in solution.placements] == [("lab", 2)]


def test_a_large_week_is_solved_in_parts_around_what_the_parts_before_placed():
    """Two streams of groups (1, 2) and (3, 4) share one teacher and one room: in two parts of the
    model the second part keeps clear of the first's slots, and a group never spans two parts."""
    problem = Problem(
        weekdays=[1, 2],
        pairs=[1, 2, 3],
        rooms=[Room(1, 60, LECTURE)],
        groups=[Group(g, f"G-{g}", 25) for g in (1, 2, 3, 4)],
        items=[
            Item("a", (Part(1), Part(2)), 7, 3, frozenset({LECTURE})),
            Item("b", (Part(3), Part(4)), 7, 3, frozenset({LECTURE})),
        ],
        teachers={7: "Karimov A."},
        max_pairs_per_day=3,
    )
    whole = solve_in_parts(problem, time_limit=5, part_pairs=6)
    parts = solve_in_parts(problem, time_limit=5, part_pairs=3)
    for solution in (whole, parts):
        assert (solution.placed, solution.requested, solution.unplaced, solution.status) == (
            6,
            6,
            [],
            "OPTIMAL",
        )
        assert conflicts(problem, solution) == []
    # What the parts placed was marked busy on copies: the problem is as it was.
    assert (problem.busy_teachers, problem.busy_rooms, problem.busy_groups) == (set(), set(), set())
    # The one teacher and the one room take the week's six slots, each once.
    assert sorted((p.weekday, p.pair) for p in parts.placements) == [
        (d, p) for d in (1, 2) for p in (1, 2, 3)
    ]
