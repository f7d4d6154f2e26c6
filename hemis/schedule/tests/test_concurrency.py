"""Two editors at once: the database itself keeps teachers, rooms and groups out of two lessons at the
same date and pair, whatever the services saw. Transactional (the threads commit), so the rows the
migrations load are restored afterwards.

SQLite takes one writer at a time: there the two writes run one after the other and the second still
fails on the unique index (or on the service's check); PostgreSQL runs them truly at once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hemis.schedule.models import GroupSlot, Lesson, TimetableEntry
from hemis.schedule.services.placement import Attendee
from hemis.testing.concurrency import run_twice
from hemis.testing.schedule import add_entry

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def insert_lesson(world, *, teacher, room, pair: int, start: str, end: str) -> int:
    """A Mathematics lecture on the semester's first day written straight to the table, past the
    services' checks."""
    with transaction.atomic():
        lesson = Lesson.objects.create(
            semester=world.semester,
            faculty=world.faculty,
            subject=world.math,
            training_type="11",
            teacher=teacher,
            room=room,
            date=world.semester.start_date,
            pair=pair,
            start_time=start,
            end_time=end,
        )
        return lesson.pk


def test_two_concurrent_inserts_of_one_teacher_at_one_pair(world):
    rooms = [world.room204, world.room301]
    date = world.semester.start_date

    def insert(i: int) -> int:
        return insert_lesson(world, teacher=world.karimov, room=rooms[i], pair=1, start="08:30", end="09:50")

    results, errors = run_twice(insert)
    assert len(results) == 1
    assert [type(e) for e in errors] == [IntegrityError]
    assert Lesson.objects.filter(teacher=world.karimov, date=date, pair=1).count() == 1


def test_two_concurrent_inserts_of_one_room_and_one_group(world):
    date = world.semester.start_date
    teachers = [world.karimov, world.rahimova]

    def insert(i: int) -> int:
        return insert_lesson(
            world, teacher=teachers[i], room=world.room301, pair=2, start="10:00", end="11:20"
        )

    results, errors = run_twice(insert)
    assert len(results) == 1 and [type(e) for e in errors] == [IntegrityError]

    lesson = Lesson.objects.get()

    def take_group(i: int) -> int:
        with transaction.atomic():
            return GroupSlot.objects.create(lesson=lesson, group=world.kt21, part=0, date=date, pair=2).pk

    results, errors = run_twice(take_group)
    assert len(results) == 1 and [type(e) for e in errors] == [IntegrityError]


def test_two_deans_placing_clashing_entries_at_once(dean_chemistry, world):
    # Both put a lesson of group KT-21 on Monday's first pair, in different rooms with different teachers.
    specs = [
        {"subject": world.math, "teacher": world.karimov, "room": world.room204},
        {"subject": world.physics, "teacher": world.rahimova, "room": world.room301},
    ]

    def place(i: int) -> int:
        return add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)], **specs[i]).pk

    results, errors = run_twice(place)
    assert len(results) == 1
    assert [type(e) for e in errors] == [ValidationError]
    [entry] = TimetableEntry.objects.all()
    assert entry.pk == results[0]
    assert Lesson.objects.count() == entry.lessons.count() > 0
    assert GroupSlot.objects.filter(group=world.kt21, part=0).count() == entry.lessons.count()
