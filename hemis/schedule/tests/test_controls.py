"""The control schedule: controls placed by the same clash rules as lessons, re-sits, publication, and
what a student sees (annex 5 item 10)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.schedule.enums import Attempt, ControlKind, LessonKind
from hemis.schedule.models import ControlPublication, GroupSlot, Lesson, LessonGroup
from hemis.schedule.services import controls as svc
from hemis.schedule.services.placement import Attendee
from hemis.testing import factories as f
from hemis.testing.schedule import add_control, add_entry

D = dt.date
FRIDAY = D(2027, 2, 12)  # add_control's day


def state():
    return (
        Lesson.objects.count(),
        LessonGroup.objects.count(),
        GroupSlot.objects.count(),
        ControlPublication.objects.count(),
        AuditEvent.objects.count(),
    )


def refused(world, actor, **fields) -> dict:
    before = state()
    with pytest.raises(ValidationError) as error:
        add_control(world, actor, **fields)
    assert state() == before
    return error.value.message_dict


def test_control_is_scheduled_at_the_pair_times_unpublished(world, dean_chemistry):
    lesson = add_control(world, dean_chemistry)
    lesson.refresh_from_db()
    assert (lesson.kind, lesson.control_kind, lesson.attempt, lesson.training_type) == (
        LessonKind.CONTROL,
        ControlKind.FINAL,
        Attempt.FIRST,
        "",
    )
    assert (lesson.date, lesson.pair, lesson.start_time, lesson.end_time) == (
        FRIDAY,
        3,
        dt.time(11, 30),
        dt.time(12, 50),
    )
    assert (lesson.subject, lesson.teacher, lesson.room, lesson.faculty) == (
        world.math,
        world.karimov,
        world.room204,
        world.faculty,
    )
    assert lesson.published_at is None
    assert list(lesson.attendees.values_list("group__name", "subgroup")) == [("KT-21", None)]
    event = AuditEvent.objects.get(action="schedule.control.scheduled")
    assert event.data["after"]["group"] == "KT-21"
    assert event.data["after"]["attempt"] == Attempt.FIRST


# --- clashes with lessons -----------------------------------------------------------------------


@pytest.fixture
def monday_lecture(world, dean_chemistry):
    """Karimov lectures KT-21 in room 301 on Mondays at pair 1 (first: 01.02.2027)."""
    return add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])


def test_examiner_busy_with_a_lesson_is_refused(world, dean_chemistry, monday_lecture):
    errors = refused(
        world, dean_chemistry, group="KT-22", subject="FIZ204", date=D(2027, 2, 1), pair=1, room=world.room204
    )
    assert errors == {"teacher": ["Teacher Karimov A. already has group KT-21 at pair 1 on 01.02.2027."]}


def test_room_taken_by_a_lesson_is_refused(world, dean_chemistry, monday_lecture):
    errors = refused(
        world,
        dean_chemistry,
        group="KT-22",
        subject="FIZ204",
        date=D(2027, 2, 1),
        pair=1,
        room=world.room301,
        examiner=world.rahimova,
    )
    assert errors == {"room": ["Room 301 already has group KT-21 at pair 1 on 01.02.2027."]}


def test_group_in_a_lesson_is_refused(world, dean_chemistry, monday_lecture):
    errors = refused(
        world, dean_chemistry, subject="FIZ204", date=D(2027, 2, 1), pair=1, examiner=world.rahimova
    )
    assert errors == {
        "groups": ["Group KT-21 already has Oliy matematika (lecture) at pair 1 on 01.02.2027."]
    }


def test_subgroup_control_clashes_with_the_whole_group_lesson(world, dean_chemistry, monday_lecture):
    errors = refused(
        world,
        dean_chemistry,
        subject="FIZ204",
        date=D(2027, 2, 1),
        pair=1,
        examiner=world.rahimova,
        room=world.lab105,
        subgroup=world.sub_a,
    )
    assert errors == {
        "groups": ["Group KT-21 (1) already has Oliy matematika (lecture) at pair 1 on 01.02.2027."]
    }


# --- clashes with other controls ----------------------------------------------------------------


def test_examiner_busy_with_another_control_is_refused(world, dean_chemistry):
    add_control(world, dean_chemistry)
    errors = refused(world, dean_chemistry, group="KT-22", subject="FIZ204", room=world.room301)
    assert errors == {"teacher": ["Teacher Karimov A. already has group KT-21 at pair 3 on 12.02.2027."]}


def test_room_taken_by_another_control_is_refused(world, dean_chemistry):
    add_control(world, dean_chemistry)
    errors = refused(world, dean_chemistry, group="KT-22", subject="FIZ204", examiner=world.rahimova)
    assert errors == {"room": ["Room 204 already has group KT-21 at pair 3 on 12.02.2027."]}


def test_group_in_another_control_is_refused(world, dean_chemistry):
    add_control(world, dean_chemistry)
    errors = refused(world, dean_chemistry, subject="FIZ204", examiner=world.rahimova, room=world.room301)
    assert errors == {
        "groups": ["Group KT-21 already has Oliy matematika (final control) at pair 3 on 12.02.2027."]
    }


def test_two_subgroups_sit_controls_at_once(world, dean_chemistry):
    add_control(
        world,
        dean_chemistry,
        subject="FIZ204",
        room=world.lab105,
        examiner=world.rahimova,
        subgroup=world.sub_a,
    )
    other = add_control(
        world, dean_chemistry, subject="MAT204", room=world.room204, subgroup=world.sub_b, control_kind="12"
    )
    assert list(other.attendees.values_list("subgroup__name", flat=True)) == ["2"]


def test_the_same_control_twice_is_refused(world, dean_chemistry):
    add_control(world, dean_chemistry)
    errors = refused(world, dean_chemistry, date=D(2027, 2, 15))
    assert errors == {
        "control_kind": ["Group KT-21 already has this control of Oliy matematika on its schedule."]
    }


def test_other_kinds_of_control_of_a_subject_are_separate(world, dean_chemistry):
    add_control(world, dean_chemistry, control_kind=ControlKind.CURRENT, date=D(2027, 2, 15))
    add_control(world, dean_chemistry, control_kind=ControlKind.MIDTERM, date=D(2027, 3, 15))
    add_control(world, dean_chemistry, control_kind=ControlKind.FINAL, date=D(2027, 6, 7))
    assert Lesson.objects.filter(kind=LessonKind.CONTROL).count() == 3


# --- capacity, calendar, other refusals -------------------------------------------------------


def test_room_too_small_is_refused(world, dean_chemistry):
    errors = refused(world, dean_chemistry, group="KT-22", room=world.lab105)
    assert errors == {"room": ["Room 105 seats 12; KT-22 have 14 students."]}


def test_a_subgroup_fits_a_small_room(world, dean_chemistry):
    lesson = add_control(world, dean_chemistry, room=world.lab105, subgroup=world.sub_a)
    assert lesson.room == world.lab105


def test_holiday_and_dates_outside_the_semester_are_refused(world, dean_chemistry):
    assert refused(world, dean_chemistry, date=D(2027, 3, 8)) == {
        "date": ["08.03.2027 is not a working day."]
    }
    assert refused(world, dean_chemistry, date=D(2027, 1, 29)) == {
        "date": ["The date is outside the semester."]
    }
    # Re-sits may run into the weeks after the semester's end.
    assert add_control(world, dean_chemistry, date=D(2027, 7, 1)).date == D(2027, 7, 1)


def test_undefined_pair_and_closed_room_are_refused(world, dean_chemistry):
    assert refused(world, dean_chemistry, pair=7) == {
        "pair": ["Pair 7 is not defined for the academic year 2026-2027."]
    }
    world.room204.active = False
    world.room204.save()
    assert refused(world, dean_chemistry) == {"room": ["Room 204 is closed."]}


def test_subgroup_of_another_group_is_refused(world, dean_chemistry):
    errors = refused(world, dean_chemistry, group="KT-22", subgroup=world.sub_a)
    assert errors == {"subgroup": ["Subgroup 1 is not of group KT-22."]}


# --- re-sits ------------------------------------------------------------------------------------


def test_resit_needs_the_earlier_statement(world, dean_chemistry):
    errors = refused(world, dean_chemistry, attempt=Attempt.SECOND)
    assert errors == {
        "attempt": ["Schedule the 1st statement of Oliy matematika (final control) for group KT-21 first."]
    }


def test_resit_comes_after_the_earlier_statement(world, dean_chemistry):
    add_control(world, dean_chemistry)
    errors = refused(world, dean_chemistry, attempt=Attempt.SECOND, pair=5)
    assert errors == {
        "date": [
            "The 2nd statement of Oliy matematika (final control) comes after the 1st statement on 12.02.2027."
        ]
    }


def test_second_and_third_statements(world, dean_chemistry):
    first = add_control(world, dean_chemistry)
    second = add_control(world, dean_chemistry, attempt=Attempt.SECOND, date=D(2027, 2, 19))
    assert refused(world, dean_chemistry, attempt=Attempt.SECOND, date=D(2027, 2, 22)) == {
        "control_kind": ["Group KT-21 already has this control of Oliy matematika on its schedule."]
    }
    third = add_control(world, dean_chemistry, attempt=Attempt.THIRD, date=D(2027, 2, 26))
    assert [c.attempt for c in (first, second, third)] == [Attempt.FIRST, Attempt.SECOND, Attempt.THIRD]


def test_a_statement_is_removed_only_after_its_resits(world, dean_chemistry):
    first = add_control(world, dean_chemistry)
    second = add_control(world, dean_chemistry, attempt=Attempt.SECOND, date=D(2027, 2, 19))
    before = state()
    with pytest.raises(ValidationError) as error:
        svc.remove_control(lesson=first, actor=dean_chemistry)
    assert error.value.messages == [
        "Remove the 2nd statement of Oliy matematika (final control) on 19.02.2027 first."
    ]
    assert state() == before
    svc.remove_control(lesson=second, actor=dean_chemistry)
    svc.remove_control(lesson=first, actor=dean_chemistry)
    assert not Lesson.objects.exists()
    assert not GroupSlot.objects.exists()
    assert AuditEvent.objects.filter(action="schedule.control.removed").count() == 2


def test_removing_a_lesson_as_a_control_is_refused(world, dean_chemistry, monday_lecture):
    lesson = monday_lecture.lessons.first()
    before = state()
    with pytest.raises(ValidationError) as error:
        svc.remove_control(lesson=lesson, actor=dean_chemistry)
    assert error.value.messages == ["This is a lesson, not a control."]
    assert state() == before


def test_a_removed_control_frees_its_slot(world, dean_chemistry):
    lesson = add_control(world, dean_chemistry)
    svc.remove_control(lesson=lesson, actor=dean_chemistry)
    assert add_control(world, dean_chemistry, subject="FIZ204", examiner=world.rahimova).room == world.room204


# --- publication --------------------------------------------------------------------------------


def test_publishing_an_empty_schedule_is_refused(world, dean_chemistry):
    with pytest.raises(ValidationError) as error:
        svc.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    assert error.value.messages == ["The control schedule of KT-21 is empty."]
    assert not ControlPublication.objects.exists()


def test_publish_marks_the_groups_controls_and_later_ones(world, dean_chemistry):
    mine = add_control(world, dean_chemistry)
    theirs = add_control(world, dean_chemistry, group="KT-22", room=world.room301, pair=4)
    publication = svc.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.published_at == publication.published_at
    assert theirs.published_at is None
    later = add_control(world, dean_chemistry, subject="FIZ204", examiner=world.rahimova, pair=5)
    assert later.published_at is not None
    event = AuditEvent.objects.get(action="schedule.control.published")
    assert (event.data["group"], event.data["controls"]) == ("KT-21", 1)
    with pytest.raises(ValidationError) as error:
        svc.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    assert error.value.messages == ["The control schedule of KT-21 is already published."]
    assert ControlPublication.objects.count() == 1


def test_a_student_sees_only_published_controls_of_their_group(world, dean_chemistry, monday_lecture):
    user = f.UserFactory(username="400251100001")
    f.StudentFactory(user=user, group=world.kt21, student_id_number="400251100001")
    mine = add_control(world, dean_chemistry)
    theirs = add_control(world, dean_chemistry, group="KT-22", room=world.room301, pair=4)
    svc.publish_controls(group=world.kt22, semester=world.semester, actor=dean_chemistry)

    def seen():
        principal = build_principal(user, None)
        return set(
            policy.visible_lessons(principal).filter(kind=LessonKind.CONTROL).values_list("pk", flat=True)
        )

    assert seen() == set()  # KT-22's controls are published, but not of the student's group
    lessons = policy.visible_lessons(build_principal(user, None)).filter(kind=LessonKind.LESSON)
    assert lessons.count() == monday_lecture.lessons.count()  # lessons need no publication
    svc.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    assert seen() == {mine.pk}
    assert theirs.pk not in seen()


def test_a_control_moves_within_the_weeks_it_may_be_scheduled_in_a_lesson_does_not(world, dean_chemistry):
    from hemis.schedule.services import lessons as lesson_svc

    # The semester ends on 13.06.2027; a control may be held up to two months later (re-sits).
    control = add_control(world, dean_chemistry)
    moved = lesson_svc.move_lesson(lesson=control, date=dt.date(2027, 7, 5), pair=2, actor=dean_chemistry)
    assert (moved.date, moved.pair, moved.moved_from_date) == (dt.date(2027, 7, 5), 2, dt.date(2027, 2, 12))
    with pytest.raises(ValidationError) as error:
        lesson_svc.move_lesson(lesson=control, date=dt.date(2027, 8, 16), pair=2, actor=dean_chemistry)
    assert error.value.message_dict == {"date": ["The date is outside the semester."]}
    lesson = add_entry(world, dean_chemistry).lessons.order_by("date").first()
    with pytest.raises(ValidationError) as error:
        lesson_svc.move_lesson(lesson=lesson, date=dt.date(2027, 7, 5), pair=2, actor=dean_chemistry)
    assert error.value.message_dict == {"date": ["The date is outside the semester."]}
    assert Lesson.objects.get(pk=lesson.pk).date == dt.date(2027, 2, 1)
