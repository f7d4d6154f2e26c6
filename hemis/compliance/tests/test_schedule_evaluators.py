"""Annex 5 items 9 and 10 and annex 4 item 10 (timetables and control schedules) measured on the
schedule test world, 5-day week.

Spring 2027 starts on Monday 01.02.2027: five working days before it is Monday 25.01.2027 (items 9;
no holiday in between), and the continuous window of five working days after that ends on
01.02.2027 (annex 4 item 10). The examination week of curriculum semester 4 starts on Monday
31.05.2027: five working days before it is Monday 24.05.2027 (item 10).
"""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek
from hemis.schedule.models import ControlPublication, TimetableEntry
from hemis.schedule.services import controls
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject
from hemis.testing.schedule import add_control, build_world, more_groups, place_entry

D = dt.date
LECTURE, LAB, PRACTICAL = TrainingType.LECTURE, TrainingType.LABORATORY, TrainingType.PRACTICAL
P9_DUE = D(2027, 1, 25)
P4_DUE = D(2027, 2, 1)
P10_DUE = D(2027, 5, 24)


@pytest.fixture
def world(university, uni):
    return build_world(uni)


def rows(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return [(r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in res.rows]


def obligations(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    return [r.obligation for r in res.rows]


def entry(world, actor, when, subject, training_type, teacher, room, weekday, pair, *attendees):
    made = place_entry(world, actor, subject, training_type, teacher, room, weekday, pair, *attendees)
    TimetableEntry.objects.filter(pk=made.pk).update(created_at=when)
    return made


def build_kt21(world, actor, last, *, labs_of_both=True):
    """KT-21's full week: every subject and lesson type entered by ``at(2027, 1, 20)``, its labs
    (subgroup 2's when ``labs_of_both``) at ``last``. Monday 15 lectures = 30 h; Tuesday 18 = 36 h;
    Wednesday and Thursday 19 = 38 h (a subgroup's lab counts 1 h)."""
    early = at(2027, 1, 20)
    entry(world, actor, early, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21))
    entry(
        world, actor, early, world.math, PRACTICAL, world.karimov, world.room204, 2, 1, Attendee(world.kt21)
    )
    entry(
        world, actor, early, world.physics, LECTURE, world.rahimova, world.room301, 3, 1, Attendee(world.kt21)
    )
    entry(
        world,
        actor,
        last,
        world.physics,
        LAB,
        world.rahimova,
        world.lab105,
        4,
        1,
        Attendee(world.kt21, world.sub_a),
    )
    if labs_of_both:
        entry(
            world,
            actor,
            last,
            world.physics,
            LAB,
            world.rahimova,
            world.lab105,
            4,
            2,
            Attendee(world.kt21, world.sub_b),
        )


def build_kt22(world, actor, last, *, lab=True):
    early = at(2027, 1, 20)
    entry(world, actor, early, world.math, LECTURE, world.karimov, world.room301, 1, 2, Attendee(world.kt22))
    entry(
        world, actor, early, world.math, PRACTICAL, world.karimov, world.room204, 2, 2, Attendee(world.kt22)
    )
    entry(
        world, actor, last, world.physics, LECTURE, world.rahimova, world.room301, 3, 2, Attendee(world.kt22)
    )
    if lab:
        entry(
            world, actor, last, world.physics, LAB, world.rahimova, world.room204, 4, 3, Attendee(world.kt22)
        )


def timetable(group, world):
    return f"Timetable of group {group}, {world.semester}"


# --- annex 5 item 9 ------------------------------------------------------------------------------


def test_p9_on_time_and_late(world, dean_chemistry):
    build_kt21(world, dean_chemistry, at(2027, 1, 25, 17))
    build_kt22(world, dean_chemistry, at(2027, 1, 26, 9))
    assert rows("annex5.p9", D(2027, 2, 10)) == [
        (timetable("KT-21", world), P9_DUE, D(2027, 1, 25), Status.ON_TIME),
        (timetable("KT-22", world), P9_DUE, D(2027, 1, 26), Status.LATE),
    ]
    assert {(o.user, o.unit) for o in obligations("annex5.p9", D(2027, 2, 10))} == {
        (dean_chemistry, world.faculty)
    }


def test_p9_pending_then_overdue_while_a_lesson_type_has_no_entry(world, dean_chemistry):
    build_kt21(world, dean_chemistry, at(2027, 1, 22))
    build_kt22(world, dean_chemistry, at(2027, 1, 22), lab=False)  # Physics laboratory missing
    assert rows("annex5.p9", P9_DUE) == [
        (timetable("KT-21", world), P9_DUE, D(2027, 1, 22), Status.ON_TIME),
        (timetable("KT-22", world), P9_DUE, None, Status.PENDING),
    ]
    assert rows("annex5.p9", D(2027, 1, 26))[1] == (timetable("KT-22", world), P9_DUE, None, Status.OVERDUE)


def test_p9_one_subgroups_entry_is_enough_and_later_entries_do_not_move_the_day(world, dean_chemistry):
    build_kt21(world, dean_chemistry, at(2027, 1, 22), labs_of_both=False)
    # A second weekly practical added in the third week does not make a timely timetable late.
    entry(
        world,
        dean_chemistry,
        at(2027, 2, 15),
        world.math,
        PRACTICAL,
        world.karimov,
        world.room204,
        5,
        4,
        Attendee(world.kt21),
    )
    assert rows("annex5.p9", D(2027, 3, 1))[0] == (
        timetable("KT-21", world),
        P9_DUE,
        D(2027, 1, 22),
        Status.ON_TIME,
    )


def test_p9_counts_only_timetabled_lesson_types_and_groups_with_bound_subjects(world, uni, dean_chemistry):
    from hemis.curricula.models import SubjectLoad

    cs = world.bindings[("KT-21", "MAT204")].curriculum_subject
    SubjectLoad.objects.create(curriculum_subject=cs, training_type=TrainingType.INDEPENDENT, hours=60)
    build_kt21(world, dean_chemistry, at(2027, 1, 22))
    # Independent study is never on a timetable: KT-21 is done all the same. KT-11-24 has no subjects.
    subjects = [r[0] for r in rows("annex5.p9", D(2027, 2, 10))]
    assert subjects == [timetable("KT-21", world), timetable("KT-22", world)]
    assert rows("annex5.p9", D(2027, 2, 10))[0][2] == D(2027, 1, 22)


def test_p9_before_the_launch_is_not_measured(world, university, dean_chemistry):
    university.launch_date = D(2027, 1, 26)
    university.save()
    assert rows("annex5.p9", D(2027, 2, 10)) == []


# --- annex 5 item 10 -----------------------------------------------------------------------------


@pytest.fixture
def exam_week(world):
    cur_semester = world.bindings[("KT-21", "MAT204")].curriculum_subject.semester
    CurriculumWeek.objects.create(
        semester=cur_semester,
        number=17,
        kind=WeekKind.EXAMS,
        start_date=D(2027, 5, 31),
        end_date=D(2027, 6, 5),
    )
    CurriculumWeek.objects.create(
        semester=cur_semester,
        number=18,
        kind=WeekKind.EXAMS,
        start_date=D(2027, 6, 7),
        end_date=D(2027, 6, 12),
    )
    return cur_semester


def publish(world, actor, group, when, date):
    add_control(world, actor, group=group.name, date=date, pair=1, room=world.room301)
    controls.publish_controls(group=group, semester=world.semester, actor=actor)
    ControlPublication.objects.filter(group=group).update(published_at=when)


def schedule_of(group, world):
    return f"Control schedule of group {group}, {world.semester}"


def test_p10_on_time_late_from_the_first_examination_week(world, exam_week, dean_chemistry):
    publish(world, dean_chemistry, world.kt21, at(2027, 5, 24, 18), D(2027, 6, 1))
    publish(world, dean_chemistry, world.kt22, at(2027, 5, 25, 9), D(2027, 6, 2))
    assert rows("annex5.p10", D(2027, 6, 1)) == [
        (schedule_of("KT-21", world), P10_DUE, D(2027, 5, 24), Status.ON_TIME),
        (schedule_of("KT-22", world), P10_DUE, D(2027, 5, 25), Status.LATE),
    ]
    assert {(o.user, o.unit) for o in obligations("annex5.p10", D(2027, 6, 1))} == {
        (dean_chemistry, world.faculty)
    }


def test_p10_pending_then_overdue_until_published(world, exam_week, dean_chemistry):
    add_control(
        world, dean_chemistry, date=D(2027, 6, 1), pair=1, room=world.room301
    )  # not published: not done
    assert rows("annex5.p10", P10_DUE)[0] == (schedule_of("KT-21", world), P10_DUE, None, Status.PENDING)
    assert rows("annex5.p10", D(2027, 5, 25))[0] == (
        schedule_of("KT-21", world),
        P10_DUE,
        None,
        Status.OVERDUE,
    )


def test_p10_needs_an_examination_week(world, dean_chemistry):
    assert rows("annex5.p10", D(2027, 6, 1)) == []


# --- annex 4 item 10 -----------------------------------------------------------------------------


def faculty_timetables(world):
    return f"Timetables of the groups of {world.faculty.name}, {world.semester}"


def test_p4_10_on_time_when_every_group_is_complete_by_the_semester_start(world, dean_chemistry, academic):
    build_kt21(world, dean_chemistry, at(2027, 1, 29))
    build_kt22(world, dean_chemistry, at(2027, 2, 1, 16))
    assert rows("annex4.p10", D(2027, 2, 10)) == [
        (faculty_timetables(world), P4_DUE, D(2027, 2, 1), Status.ON_TIME)
    ]
    (obligation,) = obligations("annex4.p10", D(2027, 2, 10))
    assert (obligation.user, obligation.unit) == (academic, world.faculty)


def test_p4_10_late_when_the_last_group_is_complete_after_it(world, dean_chemistry, academic):
    build_kt21(world, dean_chemistry, at(2027, 1, 29))
    build_kt22(world, dean_chemistry, at(2027, 2, 2, 9))
    assert rows("annex4.p10", D(2027, 2, 10)) == [
        (faculty_timetables(world), P4_DUE, D(2027, 2, 2), Status.LATE)
    ]


def test_p4_10_pending_then_overdue_while_a_group_is_short_of_hours(world, dean_chemistry, academic):
    # KT-21 has an entry for every lesson type, but only subgroup 1's labs: 19 of 30 laboratory hours.
    build_kt21(world, dean_chemistry, at(2027, 1, 22), labs_of_both=False)
    build_kt22(world, dean_chemistry, at(2027, 1, 22))
    assert rows("annex4.p10", P4_DUE) == [(faculty_timetables(world), P4_DUE, None, Status.PENDING)]
    assert rows("annex4.p10", D(2027, 2, 2)) == [(faculty_timetables(world), P4_DUE, None, Status.OVERDUE)]
    # annex 5 item 9 is done for KT-21 all the same: every lesson type has an entry.
    assert rows("annex5.p9", D(2027, 2, 2))[0][3] is Status.ON_TIME


def test_p4_10_one_obligation_per_faculty(world, uni, dean_chemistry, academic):
    cs = world.bindings[("KT-21", "MAT204")].curriculum_subject
    GroupSubject.objects.create(group=uni["econ_group"], curriculum_subject=cs, semester=world.semester)
    build_kt21(world, dean_chemistry, at(2027, 1, 29))
    build_kt22(world, dean_chemistry, at(2027, 1, 29))
    econ = f"Timetables of the groups of {uni['econ'].name}, {world.semester}"
    assert sorted(rows("annex4.p10", D(2027, 2, 10))) == [
        (econ, P4_DUE, None, Status.OVERDUE),
        (faculty_timetables(world), P4_DUE, D(2027, 1, 29), Status.ON_TIME),
    ]


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 2])
def test_query_counts_are_constant(
    world, exam_week, dean_chemistry, academic, django_assert_num_queries, extra
):
    GroupSubject.objects.filter(group=world.kt22).delete()  # one group, then three
    build_kt21(world, dean_chemistry, at(2027, 1, 22))
    more_groups(world, extra)
    context = engine.build_context(today=D(2027, 6, 1))
    with django_assert_num_queries(12):
        out = engine.evaluate(context=context, process_ids=["annex4.p10", "annex5.p9", "annex5.p10"])
    assert [len(r.rows) for r in out] == [1, 1 + extra, 1 + extra]
