"""Annex 6 and annex 7 items 1–4 and 6 measured on the schedule test world, 5-day week.

Loads are assigned on Monday 15.02.2027: topics are due the next working day, Tuesday 16.02 (annex 7
item 1), assignments five working days after, Monday 22.02 (item 3), resources seven, Wednesday 24.02
(item 2), and the head's check of all three five more, Wednesday 03.03 (annex 6 item 2). No holiday
falls in between (8 and 9 March are the first).
"""

import datetime as dt
from decimal import Decimal

import pytest

from hemis.compliance import engine, registry
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import ControlKind, LessonKind, LessonStatus
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.students.models import GroupSubject
from hemis.teaching.department_selectors import DEADLINE_DAYS
from hemis.teaching.enums import ResourceKind, WorkKind, WorkStatus
from hemis.teaching.models import Assignment, LessonRecord, Resource, Topic, Work
from hemis.testing import factories as f
from hemis.testing.schedule import build_world, more_groups, with_login

D = dt.date
LECTURE, LAB, PRACTICAL = TrainingType.LECTURE, TrainingType.LABORATORY, TrainingType.PRACTICAL
ASSIGNED = D(2027, 2, 15)
P1_DUE, P3_DUE, P2_DUE, HEAD_P2_DUE = D(2027, 2, 16), D(2027, 2, 22), D(2027, 2, 24), D(2027, 3, 3)


@pytest.fixture
def world(university, uni):
    world = build_world(uni)
    TeachingLoad.objects.update(assigned_on=ASSIGNED)
    with_login(world.karimov, "karimov")
    with_login(world.rahimova, "rahimova")
    return world


@pytest.fixture
def head(world):
    user = f.UserFactory(username="head_inorg", first_name="Bahodir", last_name="Qodirov")
    f.grant(user, "head", world.department)
    return user


def result(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return res


def rows(process_id, today):
    return [
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status)
        for r in result(process_id, today).rows
    ]


def people(process_id, today):
    return {(r.obligation.user, r.obligation.unit) for r in result(process_id, today).rows}


def dated(obj, when):
    type(obj).objects.filter(pk=obj.pk).update(created_at=when)
    return obj


def load(world, group, code, training_type):
    return TeachingLoad.objects.get(group_subject=world.bindings[(group, code)], training_type=training_type)


def only_loads(world, *keys):
    """Keep only the loads of ``keys`` (group, subject code, lesson type), in this order of ids."""
    keep = [load(world, *key).pk for key in keys]
    TeachingLoad.objects.exclude(pk__in=keep).delete()


def topic(world, code, training_type, when, position=1):
    cs = world.bindings[("KT-21", code)].curriculum_subject
    return dated(
        Topic.objects.create(
            curriculum_subject=cs, training_type=training_type, position=position, title="Kirish", hours=2
        ),
        when,
    )


def resource(world, code, training_type, when, teacher):
    cs = world.bindings[("KT-21", code)].curriculum_subject
    return dated(
        Resource.objects.create(
            curriculum_subject=cs,
            training_type=training_type,
            teacher=teacher,
            kind=ResourceKind.LINK,
            title="Maʼruza matni",
            url="https://lib.example.uz/1",
        ),
        when,
    )


def assignment(the_load, when):
    return dated(
        Assignment.objects.create(
            load=the_load, title="1-topshiriq", deadline=at(2027, 3, 15), max_points=Decimal("10")
        ),
        when,
    )


MATH_LECTURE = "Oliy matematika (Lecture), group %s"
PHYSICS_LECTURE = "Fizika (Lecture), group %s"


# --- annex 7 items 1–3 ---------------------------------------------------------------------------


def test_items_1_to_3_deadlines_are_those_the_head_reads_on_the_progress_page():
    """The head's progress page (teaching) and the registry (compliance) give the same +1/+7/+5 wd: teaching
    may not import compliance, so the two are kept together here."""
    for process_id, item in (
        ("annex7.p1", "topics"),
        ("annex7.p2", "resources"),
        ("annex7.p3", "assignments"),
    ):
        process = registry.get(process_id)
        assert not process.configurable_days
        [rule] = process.rules
        assert (rule.event, rule.days) == ("subject_assigned", DEADLINE_DAYS[item])


def test_p1_topics_shared_by_the_groups_of_a_subject_on_time_late_pending_overdue(world):
    only_loads(
        world, ("KT-21", "MAT204", LECTURE), ("KT-22", "MAT204", LECTURE), ("KT-21", "FIZ204", LECTURE)
    )
    topic(world, "MAT204", LECTURE, at(2027, 2, 16, 23, 30))  # late evening in Tashkent: still the 16th
    topic(world, "MAT204", LECTURE, at(2027, 2, 20), position=2)  # a later topic does not move the day
    topic(world, "MAT204", PRACTICAL, at(2027, 2, 15))  # another lesson type does not count
    assert rows("annex7.p1", P1_DUE) == [  # by due date and subject
        ("Topics of " + PHYSICS_LECTURE % "KT-21", P1_DUE, None, Status.PENDING),
        ("Topics of " + MATH_LECTURE % "KT-21", P1_DUE, P1_DUE, Status.ON_TIME),
        ("Topics of " + MATH_LECTURE % "KT-22", P1_DUE, P1_DUE, Status.ON_TIME),
    ]
    assert rows("annex7.p1", D(2027, 2, 17))[0][3] == Status.OVERDUE
    topic(world, "FIZ204", LECTURE, at(2027, 2, 17, 9))
    assert rows("annex7.p1", D(2027, 2, 17))[0] == (
        "Topics of " + PHYSICS_LECTURE % "KT-21",
        P1_DUE,
        D(2027, 2, 17),
        Status.LATE,
    )
    assert people("annex7.p1", P1_DUE) == {
        (world.karimov.user, world.department),
        (world.rahimova.user, world.department),
    }


def test_p2_resources_due_seven_working_days_after_the_assignment(world):
    only_loads(world, ("KT-21", "MAT204", LECTURE), ("KT-21", "FIZ204", LECTURE), ("KT-22", "FIZ204", LAB))
    resource(world, "MAT204", LECTURE, at(2027, 2, 24, 18), world.karimov)
    resource(world, "FIZ204", LECTURE, at(2027, 2, 25, 8), world.rahimova)
    assert rows("annex7.p2", P2_DUE) == [
        ("Resources of Fizika (Laboratory), group KT-22", P2_DUE, None, Status.PENDING),
        ("Resources of " + PHYSICS_LECTURE % "KT-21", P2_DUE, D(2027, 2, 25), Status.LATE),
        ("Resources of " + MATH_LECTURE % "KT-21", P2_DUE, P2_DUE, Status.ON_TIME),
    ]
    assert rows("annex7.p2", D(2027, 2, 25))[0][3] == Status.OVERDUE


def test_p3_assignments_are_the_loads_own(world):
    only_loads(
        world, ("KT-21", "MAT204", LECTURE), ("KT-22", "MAT204", LECTURE), ("KT-21", "FIZ204", LECTURE)
    )
    assignment(load(world, "KT-21", "MAT204", LECTURE), at(2027, 2, 19))
    assignment(load(world, "KT-21", "FIZ204", LECTURE), at(2027, 2, 23))
    assert rows("annex7.p3", P3_DUE) == [
        ("Assignments of " + PHYSICS_LECTURE % "KT-21", P3_DUE, D(2027, 2, 23), Status.LATE),
        ("Assignments of " + MATH_LECTURE % "KT-21", P3_DUE, D(2027, 2, 19), Status.ON_TIME),
        ("Assignments of " + MATH_LECTURE % "KT-22", P3_DUE, None, Status.PENDING),  # KT-21's is not KT-22's
    ]
    assert rows("annex7.p3", D(2027, 2, 23))[2][3] == Status.OVERDUE


def test_items_1_to_3_due_before_the_launch_are_not_measured(world, university):
    university.launch_date = P2_DUE
    university.save()
    assert rows("annex7.p1", P2_DUE) == []
    assert rows("annex7.p3", P2_DUE) == []
    assert len(rows("annex7.p2", P2_DUE)) == 8


# --- annex 7 item 4 and annex 6 item 3 -----------------------------------------------------------


def lesson(world, day, pair, *, teacher=None, recorded=None, **fields):
    fields = {"subject": world.math, "training_type": LECTURE} | fields
    made = Lesson.objects.create(
        semester=world.semester,
        faculty=world.faculty,
        teacher=teacher or world.karimov,
        room=world.room301,
        date=day,
        pair=pair,
        start_time=dt.time(8 + pair, 0),
        end_time=dt.time(8 + pair, 50),
        **fields,
    )
    if recorded:
        dated(LessonRecord.objects.create(lesson=made), recorded)
    return made


@pytest.fixture
def week(world):
    """Karimov's lessons of ISO week 7 of 2027: Monday 15.02 two, both recorded that day (one late in
    the evening); Tuesday 16.02 two, one recorded on the 18th; Wednesday 17.02 one, not recorded; on
    Friday 19.02 only a cancelled lesson and a control, neither recorded. Rahimova: Monday 22.02,
    recorded on 02.03."""
    lesson(world, D(2027, 2, 15), 1, recorded=at(2027, 2, 15, 12))
    lesson(world, D(2027, 2, 15), 2, recorded=at(2027, 2, 15, 23, 50))
    lesson(world, D(2027, 2, 16), 1, recorded=at(2027, 2, 16, 12))
    lesson(world, D(2027, 2, 16), 3, recorded=at(2027, 2, 18, 9))
    unrecorded = lesson(world, D(2027, 2, 17), 1)
    lesson(world, D(2027, 2, 19), 1, status=LessonStatus.CANCELLED, cancel_reason="Kasal")
    lesson(
        world, D(2027, 2, 19), 2, kind=LessonKind.CONTROL, training_type="", control_kind=ControlKind.FINAL
    )
    lesson(world, D(2027, 2, 22), 1, teacher=world.rahimova, subject=world.physics, recorded=at(2027, 3, 2))
    return unrecorded


def lessons_of(day):
    return f"Lessons of {day:%d.%m.%Y} and their attendance"


def test_p4_one_obligation_per_teacher_and_day_done_when_the_last_lesson_is_recorded(world, week):
    assert rows("annex7.p4", D(2027, 2, 17)) == [
        (lessons_of(D(2027, 2, 15)), D(2027, 2, 15), D(2027, 2, 15), Status.ON_TIME),
        (lessons_of(D(2027, 2, 16)), D(2027, 2, 16), D(2027, 2, 18), Status.LATE),
        (lessons_of(D(2027, 2, 17)), D(2027, 2, 17), None, Status.PENDING),
    ]
    later = rows("annex7.p4", D(2027, 3, 5))
    assert [r[1] for r in later] == [D(2027, 2, 15), D(2027, 2, 16), D(2027, 2, 17), D(2027, 2, 22)]
    assert later[2][3] == Status.OVERDUE
    assert later[3] == (lessons_of(D(2027, 2, 22)), D(2027, 2, 22), D(2027, 3, 2), Status.LATE)
    assert people("annex7.p4", D(2027, 3, 5)) == {
        (world.karimov.user, world.department),
        (world.rahimova.user, world.department),
    }


def test_p4_recording_the_last_lesson_completes_the_day(world, week):
    dated(LessonRecord.objects.create(lesson=week), at(2027, 2, 17, 20))
    assert rows("annex7.p4", D(2027, 2, 18))[2] == (
        lessons_of(D(2027, 2, 17)),
        D(2027, 2, 17),
        D(2027, 2, 17),
        Status.ON_TIME,
    )


def test_annex6_p3_per_teacher_and_week(world, week, head):
    # Week 7's last lesson held is Wednesday 17.02 (Friday's are cancelled or a control): due 24.02.
    assert rows("annex6.p3", D(2027, 2, 24)) == [
        ("Lessons of Karimov A., week 7 of 2027", D(2027, 2, 24), None, Status.PENDING),
        ("Lessons of Rahimova D., week 8 of 2027", D(2027, 3, 1), D(2027, 3, 2), Status.LATE),
    ]
    assert rows("annex6.p3", D(2027, 2, 25))[0][3] == Status.OVERDUE
    dated(LessonRecord.objects.create(lesson=week), at(2027, 2, 19, 11))
    assert rows("annex6.p3", D(2027, 2, 25))[0] == (
        "Lessons of Karimov A., week 7 of 2027",
        D(2027, 2, 24),
        D(2027, 2, 19),
        Status.ON_TIME,
    )
    assert people("annex6.p3", D(2027, 2, 25)) == {(head, world.department)}


def test_lessons_after_today_are_not_counted_yet(world, week):
    assert [r[1] for r in rows("annex7.p4", D(2027, 2, 16))] == [D(2027, 2, 15), D(2027, 2, 16)]
    assert rows("annex6.p3", D(2027, 2, 15)) == [
        ("Lessons of Karimov A., week 7 of 2027", D(2027, 2, 22), D(2027, 2, 15), Status.ON_TIME)
    ]


# --- annex 6 items 1 and 2 -----------------------------------------------------------------------


def test_annex6_p1_teachers_assigned_within_five_working_days_of_the_binding(world, head):
    GroupSubject.objects.filter(group=world.kt22).delete()
    GroupSubject.objects.update(created_at=at(2027, 1, 11, 16))  # due Monday 18.01
    TeachingLoad.objects.filter(training_type=LECTURE).update(created_at=at(2027, 1, 12))
    TeachingLoad.objects.filter(training_type=PRACTICAL).update(created_at=at(2027, 1, 19))
    TeachingLoad.objects.filter(training_type=LAB).update(created_at=at(2027, 1, 18, 23))
    load(world, "KT-21", "FIZ204", LECTURE).delete()
    due = D(2027, 1, 18)
    semester = "group KT-21, 2026-2027, Spring semester"
    assert rows("annex6.p1", due) == [
        (f"Teacher of Fizika (Laboratory), {semester}", due, D(2027, 1, 18), Status.ON_TIME),
        (f"Teacher of Fizika (Lecture), {semester}", due, None, Status.PENDING),
        (f"Teacher of Oliy matematika (Lecture), {semester}", due, D(2027, 1, 12), Status.ON_TIME),
        (f"Teacher of Oliy matematika (Practical), {semester}", due, D(2027, 1, 19), Status.LATE),
    ]
    assert rows("annex6.p1", D(2027, 1, 19))[1][3] == Status.OVERDUE
    assert people("annex6.p1", due) == {(head, world.department)}


def test_annex6_p2_done_when_topics_resources_and_assignments_are_all_in(world, head):
    only_loads(
        world, ("KT-21", "MAT204", LECTURE), ("KT-21", "FIZ204", LECTURE), ("KT-22", "FIZ204", LECTURE)
    )
    topic(world, "MAT204", LECTURE, at(2027, 2, 16))
    resource(world, "MAT204", LECTURE, at(2027, 2, 20), world.karimov)
    assignment(load(world, "KT-21", "MAT204", LECTURE), at(2027, 3, 1))
    topic(world, "FIZ204", LECTURE, at(2027, 2, 16))
    resource(world, "FIZ204", LECTURE, at(2027, 3, 4), world.rahimova)
    assignment(load(world, "KT-21", "FIZ204", LECTURE), at(2027, 2, 17))
    what = "Topics, resources and assignments of "
    assert rows("annex6.p2", HEAD_P2_DUE) == [
        (what + PHYSICS_LECTURE % "KT-21" + ": Rahimova D.", HEAD_P2_DUE, D(2027, 3, 4), Status.LATE),
        (what + PHYSICS_LECTURE % "KT-22" + ": Rahimova D.", HEAD_P2_DUE, None, Status.PENDING),
        (what + MATH_LECTURE % "KT-21" + ": Karimov A.", HEAD_P2_DUE, D(2027, 3, 1), Status.ON_TIME),
    ]
    assert rows("annex6.p2", D(2027, 3, 4))[1][3] == Status.OVERDUE  # KT-22's load has no assignment
    assert people("annex6.p2", HEAD_P2_DUE) == {(head, world.department)}


# --- annex 7 item 6 and annex 6 item 4 -----------------------------------------------------------


def work(world, title, completed_on, entered, reviewed=None, status=WorkStatus.SUBMITTED):
    made = Work.objects.create(
        teacher=world.karimov,
        department=world.department,
        kind=WorkKind.METHODOLOGICAL,
        title=title,
        completed_on=completed_on,
        status=status,
        reviewed_at=reviewed,
    )
    return dated(made, entered)


def test_works_entered_by_the_teacher_and_reviewed_by_the_head(world, head):
    work(world, "Uslubiy qoʻllanma", D(2027, 2, 15), at(2027, 2, 19), at(2027, 2, 24), WorkStatus.APPROVED)
    work(world, "Maqola", D(2027, 2, 15), at(2027, 2, 24))
    work(world, "Oʻquv dasturi", D(2027, 2, 10), at(2027, 2, 17), at(2027, 2, 25), WorkStatus.RETURNED)
    assert rows("annex7.p6", D(2027, 3, 3)) == [
        ("Work “Oʻquv dasturi”", D(2027, 2, 17), D(2027, 2, 17), Status.ON_TIME),
        ("Work “Maqola”", D(2027, 2, 22), D(2027, 2, 24), Status.LATE),
        ("Work “Uslubiy qoʻllanma”", D(2027, 2, 22), D(2027, 2, 19), Status.ON_TIME),
    ]
    review = "Review of the work “%s” of Karimov A."
    assert rows("annex6.p4", D(2027, 3, 3)) == [
        (review % "Oʻquv dasturi", D(2027, 2, 24), D(2027, 2, 25), Status.LATE),
        (review % "Uslubiy qoʻllanma", D(2027, 2, 26), D(2027, 2, 24), Status.ON_TIME),
        (review % "Maqola", D(2027, 3, 3), None, Status.PENDING),
    ]
    assert rows("annex6.p4", D(2027, 3, 4))[2][3] == Status.OVERDUE
    assert people("annex7.p6", D(2027, 3, 3)) == {(world.karimov.user, world.department)}
    assert people("annex6.p4", D(2027, 3, 3)) == {(head, world.department)}


# --- a constant number of queries ----------------------------------------------------------------

TEACHING = ["annex6.p1", "annex6.p2", "annex6.p3", "annex6.p4"] + [f"annex7.p{n}" for n in (1, 2, 3, 4, 6)]


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_does_not_grow_with_the_data(world, head, django_assert_num_queries, n):
    more_groups(world, n - 1, subgroup=False)
    for i in range(n):
        teacher = f.EmployeeFactory(last_name=f"Oʻqituvchi{i}")
        with_login(teacher, f"teacher{i}")
        for binding in GroupSubject.objects.all():
            TeachingLoad.objects.get_or_create(
                group_subject=binding,
                training_type=PRACTICAL,
                teacher=teacher,
                defaults={"assigned_on": ASSIGNED},
            )
        for day in range(n):
            lesson(world, D(2027, 2, 15 + day), 1 + i, teacher=teacher, recorded=at(2027, 2, 15 + day))
        work(world, f"Ish {i}", D(2027, 2, 15), at(2027, 2, 19))
        topic(world, "MAT204", LECTURE, at(2027, 2, 16), position=i + 1)
        resource(world, "FIZ204", LAB, at(2027, 2, 16), teacher)
        assignment(TeachingLoad.objects.filter(teacher=teacher).first(), at(2027, 2, 17))
    context = engine.build_context(today=D(2027, 3, 1))
    # loads, topics, resources, assignments, lessons by teacher and day, subject loads, first loads,
    # bindings, units, subjects, employees, works, head grants, semesters
    with django_assert_num_queries(14):
        results = engine.evaluate(context=context, process_ids=TEACHING)
    by_id = {r.process.id: r for r in results}
    assert [pid for pid in TEACHING if not by_id[pid].rows] == []
    assert len(by_id["annex7.p4"].rows) == n * n  # one per teacher and day
