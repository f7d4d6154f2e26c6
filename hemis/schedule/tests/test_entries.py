"""Timetable entries: expansion into dated lessons on the working-day calendar, and every clash refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.core.models import CalendarOverride
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import Weeks
from hemis.schedule.models import GroupSlot, Lesson, TimetableEntry
from hemis.schedule.services import entries as svc
from hemis.schedule.services.placement import Attendee
from hemis.testing.schedule import add_entry, lesson_dates

D = dt.date


def test_entry_expands_into_mondays_skipping_the_holiday(world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    dates = lesson_dates(entry)
    # 8 March 2027 (Monday) is Women's Day: no lesson that day.
    assert D(2027, 3, 8) not in dates
    assert dates[:5] == [D(2027, 2, 1), D(2027, 2, 8), D(2027, 2, 15), D(2027, 2, 22), D(2027, 3, 1)]
    assert all(d.isoweekday() == 1 for d in dates)
    # Navroʻz (22.03, observed), Memorial Day (10.05) and Qurbon hayit (17.05) fall on Mondays too.
    assert not {D(2027, 3, 22), D(2027, 5, 10), D(2027, 5, 17)} & set(dates)
    assert len(dates) == 19 - 4
    assert dates[-1] == D(2027, 6, 7)
    lesson = entry.lessons.get(date=D(2027, 2, 1))
    assert (lesson.start_time, lesson.end_time) == (dt.time(8, 30), dt.time(9, 50))
    assert sorted(lesson.attendees.values_list("group__name", flat=True)) == ["KT-21", "KT-22"]
    event = AuditEvent.objects.get(action="schedule.entry.created")
    assert event.data["after"]["lessons"] == len(dates)


def test_odd_and_even_weeks_alternate(world, dean_chemistry):
    odd = add_entry(world, dean_chemistry, weeks=Weeks.ODD, weekday=2)
    even = add_entry(
        world,
        dean_chemistry,
        weeks=Weeks.EVEN,
        weekday=2,
        subject=world.math,
        training_type=TrainingType.PRACTICAL,
        room=world.room204,
        attendees=[Attendee(world.kt22)],
    )
    odd_dates = lesson_dates(odd)
    even_dates = lesson_dates(even)
    assert odd_dates[:3] == [D(2027, 2, 2), D(2027, 2, 16), D(2027, 3, 2)]
    # 09.03.2027 (even week 6) is Roʻza hayit.
    assert even_dates[:3] == [D(2027, 2, 9), D(2027, 2, 23), D(2027, 3, 23)]
    assert not set(odd_dates) & set(even_dates)


def test_listed_weeks_only(world, dean_chemistry):
    entry = add_entry(world, dean_chemistry, weeks=Weeks.LIST, week_numbers=[2, 3])
    assert lesson_dates(entry) == [
        D(2027, 2, 8),
        D(2027, 2, 15),
    ]


def test_transferred_working_day_runs_the_replaced_weekday(world, dean_chemistry, settings):
    # A local extra working Saturday that runs Monday's timetable, and a day off on a Tuesday.
    CalendarOverride.objects.create(
        date=D(2027, 2, 6), is_working_day=True, reason="Buyruq 5", timetable_weekday=1
    )
    CalendarOverride.objects.create(date=D(2027, 2, 9), is_working_day=False, reason="Buyruq 6")
    monday = add_entry(world, dean_chemistry)
    tuesday = add_entry(world, dean_chemistry, weekday=2, pair=2)
    assert D(2027, 2, 6) in set(monday.lessons.values_list("date", flat=True))
    assert D(2027, 2, 9) not in set(tuesday.lessons.values_list("date", flat=True))


def test_room_clash_is_refused_with_its_name_and_nothing_written(world, dean_chemistry):
    add_entry(world, dean_chemistry)
    before = (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        add_entry(
            world,
            dean_chemistry,
            subject=world.physics,
            teacher=world.rahimova,
            attendees=[Attendee(world.kt21)],
        )
    assert error.value.message_dict == {
        "room": ["Room 301 already has group KT-21, KT-22 at pair 1 on 01.02.2027."]
    }
    assert (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count()) == before


def test_teacher_clash_is_refused(world, dean_chemistry):
    add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])
    with pytest.raises(ValidationError) as error:
        add_entry(
            world,
            dean_chemistry,
            room=world.room204,
            attendees=[Attendee(world.kt22)],
            training_type=TrainingType.PRACTICAL,
        )
    assert error.value.message_dict == {
        "teacher": ["Teacher Karimov A. already has group KT-21 at pair 1 on 01.02.2027."]
    }


def test_group_clash_is_refused(world, dean_chemistry):
    add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])
    with pytest.raises(ValidationError) as error:
        add_entry(
            world,
            dean_chemistry,
            subject=world.physics,
            teacher=world.rahimova,
            room=world.room204,
            attendees=[Attendee(world.kt21)],
        )
    assert error.value.message_dict == {
        "groups": ["Group KT-21 already has Oliy matematika (lecture) at pair 1 on 01.02.2027."]
    }


def test_two_subgroups_share_a_pair_but_not_with_the_whole_group(world, dean_chemistry):
    lab = {
        "subject": world.physics,
        "training_type": TrainingType.LABORATORY,
        "teacher": world.rahimova,
        "weekday": 3,
    }
    add_entry(world, dean_chemistry, room=world.lab105, attendees=[Attendee(world.kt21, world.sub_a)], **lab)
    # Subgroup 2 in another room with the same teacher is a teacher clash; with another teacher it would pass.
    with pytest.raises(ValidationError) as error:
        add_entry(
            world, dean_chemistry, room=world.room204, attendees=[Attendee(world.kt21, world.sub_b)], **lab
        )
    assert "teacher" in error.value.message_dict
    # The whole group at that pair clashes with subgroup 1's laboratory.
    with pytest.raises(ValidationError) as error:
        add_entry(world, dean_chemistry, weekday=3, room=world.room301, attendees=[Attendee(world.kt21)])
    assert error.value.message_dict == {
        "groups": ["Group KT-21 already has Fizika (laboratory) at pair 1 on 03.02.2027."]
    }


def test_subgroup_of_another_subgroup_passes(world, dean_chemistry):
    from hemis.schedule.models import TeachingLoad

    other = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "FIZ204")], training_type="12")
    helper = type(world.karimov).objects.create(
        last_name="Nazarov",
        first_name="Bek",
        pinfl="30101990009999",
        employee_type=world.karimov.employee_type,
        birth_date=D(1985, 1, 1),
    )
    TeachingLoad.objects.create(
        group_subject=other.group_subject, training_type="12", teacher=helper, assigned_on=D(2027, 1, 10)
    )
    lab = {"subject": world.physics, "training_type": TrainingType.LABORATORY, "weekday": 3}
    add_entry(
        world,
        dean_chemistry,
        room=world.lab105,
        teacher=world.rahimova,
        attendees=[Attendee(world.kt21, world.sub_a)],
        **lab,
    )
    second = add_entry(
        world,
        dean_chemistry,
        room=world.room204,
        teacher=helper,
        attendees=[Attendee(world.kt21, world.sub_b)],
        **lab,
    )
    assert second.lessons.count() > 0
    assert GroupSlot.objects.filter(group=world.kt21, date=D(2027, 2, 3), pair=1, active=True).count() == 2


def test_room_capacity(world, dean_chemistry):
    # 26 students fit room 204 (30 seats) but not laboratory 105 (12 seats); a subgroup of 6 does.
    assert add_entry(world, dean_chemistry, room=world.room204).lessons.exists()
    with pytest.raises(ValidationError) as error:
        add_entry(world, dean_chemistry, room=world.lab105, attendees=[Attendee(world.kt22)], weekday=2)
    assert error.value.message_dict == {"room": ["Room 105 seats 12; KT-22 have 14 students."]}
    lab = add_entry(
        world,
        dean_chemistry,
        room=world.lab105,
        weekday=2,
        subject=world.physics,
        training_type=TrainingType.LABORATORY,
        teacher=world.rahimova,
        attendees=[Attendee(world.kt21, world.sub_a)],
    )
    assert lab.lessons.exists()


def test_teacher_must_hold_the_subject_for_the_group(world, dean_chemistry):
    with pytest.raises(ValidationError) as error:
        add_entry(world, dean_chemistry, teacher=world.rahimova)
    assert error.value.message_dict == {
        "teacher": ["Rahimova D. does not teach Oliy matematika (lecture) to group KT-21, KT-22."]
    }
    assert not Lesson.objects.exists()


def test_a_batch_is_all_or_nothing(world, dean_chemistry):
    spec = {
        "semester": world.semester,
        "subject": world.math,
        "training_type": TrainingType.LECTURE,
        "teacher": world.karimov,
        "room": world.room301,
        "weekday": 4,
        "pair": 2,
    }
    specs = [
        svc.EntrySpec(**spec, attendees=[Attendee(world.kt21)]),
        svc.EntrySpec(**spec, attendees=[Attendee(world.kt22)]),  # the same teacher and room at once
    ]
    with pytest.raises(ValidationError) as error:
        svc.place_entries(specs=specs, actor=dean_chemistry)
    assert "teacher" in error.value.message_dict
    assert not TimetableEntry.objects.exists()


def test_database_refuses_a_clash_the_service_did_not_see(world, dean_chemistry):
    from django.db import IntegrityError, transaction

    entry = add_entry(world, dean_chemistry)
    lesson = entry.lessons.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lesson.objects.create(
            semester=world.semester,
            faculty=world.faculty,
            subject=world.physics,
            training_type="11",
            teacher=world.rahimova,
            room=world.room301,
            date=lesson.date,
            pair=lesson.pair,
            start_time=lesson.start_time,
            end_time=lesson.end_time,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupSlot.objects.create(lesson=lesson, group=world.kt21, part=0, date=lesson.date, pair=lesson.pair)


def test_delete_entry_frees_its_slots(world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    svc.delete_entry(entry=entry, actor=dean_chemistry)
    assert not Lesson.objects.exists()
    again = add_entry(world, dean_chemistry)
    assert again.lessons.count() > 0
    assert AuditEvent.objects.filter(action="schedule.entry.deleted").count() == 1


def test_lessons_run_in_the_theory_weeks_of_the_bound_curriculum_semester(world, dean_chemistry):
    from hemis.curricula.enums import WeekKind
    from hemis.curricula.models import CurriculumSemester, CurriculumWeek

    # Semester 4 of the curriculum: theory until 16.05.2027, then examinations.
    fourth = CurriculumSemester.objects.get(curriculum=world.curriculum, number=4)
    CurriculumWeek.objects.create(
        semester=fourth, number=1, kind=WeekKind.THEORY, start_date=D(2027, 2, 1), end_date=D(2027, 5, 16)
    )
    CurriculumWeek.objects.create(
        semester=fourth, number=2, kind=WeekKind.EXAMS, start_date=D(2027, 5, 17), end_date=D(2027, 6, 13)
    )
    # The groups have moved on to course 3 since: their subjects of this semester are still bound from
    # semester 4, whose weeks decide.
    type(world.kt21).objects.filter(pk__in=[world.kt21.pk, world.kt22.pk]).update(course=3)
    world.kt21.refresh_from_db()
    world.kt22.refresh_from_db()
    entry = add_entry(world, dean_chemistry)
    dates = lesson_dates(entry)
    assert dates[-1] == D(2027, 5, 3)
    assert len(dates) == 15 - 3  # 24.05, 31.05 and 07.06 fall in the examination weeks


def test_an_entry_takes_as_many_queries_for_one_week_as_for_the_whole_semester(world, dean_chemistry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hemis.testing.schedule import add_lab

    # The first write also creates the settings row; each entry has a pair of its own, so that no
    # lesson of another lies in its way (the names of those would be read).
    add_entry(world, dean_chemistry, weekday=5, pair=3)
    with CaptureQueriesContext(connection) as one_week:
        one = add_entry(world, dean_chemistry, weeks=Weeks.LIST, week_numbers=[2])
    with CaptureQueriesContext(connection) as semester:
        every = add_entry(world, dean_chemistry, weekday=2, pair=2)
    assert (one.lessons.count(), every.lessons.count()) == (1, 18)
    assert len(semester) == len(one_week)
    # A subgroup's laboratory counts its students in the same number of queries, whatever the dates.
    with CaptureQueriesContext(connection) as lab_week:
        add_lab(world, dean_chemistry, world.sub_a, weeks=Weeks.LIST, week_numbers=[3], pair=4)
    with CaptureQueriesContext(connection) as lab_semester:
        add_lab(world, dean_chemistry, world.sub_b, weekday=4, pair=5)
    assert len(lab_semester) == len(lab_week)


def test_moving_an_entry_from_a_date_keeps_the_lessons_before_it(world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    moved = svc.move_entry_from(entry=entry, from_date=D(2027, 3, 1), actor=dean_chemistry, weekday=2, pair=3)
    entry.refresh_from_db()
    assert entry.valid_until == D(2027, 2, 28)
    assert lesson_dates(entry) == [D(2027, 2, 1), D(2027, 2, 8), D(2027, 2, 15), D(2027, 2, 22)]
    assert (moved.weekday, moved.pair, moved.valid_from) == (2, 3, D(2027, 3, 1))
    assert lesson_dates(moved)[0] == D(2027, 3, 2)
    event = AuditEvent.objects.get(action="schedule.entry.moved")
    assert event.data["previous_entry"] == entry.pk
    assert (event.data["before"]["pair"], event.data["after"]["pair"]) == (1, 3)


def test_moving_an_entry_from_its_first_day_replaces_it_and_the_journal_names_it(world, dean_chemistry):
    entry = add_entry(world, dean_chemistry, valid_from=D(2027, 3, 1))
    first_id = entry.pk
    moved = svc.move_entry_from(entry=entry, from_date=D(2027, 3, 1), actor=dean_chemistry, pair=2)
    assert list(TimetableEntry.objects.values_list("pk", flat=True)) == [moved.pk]
    assert lesson_dates(moved)[0] == D(2027, 3, 1)
    assert AuditEvent.objects.get(action="schedule.entry.moved").data["previous_entry"] == first_id
