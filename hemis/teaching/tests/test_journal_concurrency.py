"""Two editors saving one lesson's journal at once: exactly one save goes through, the other is told
someone saved meanwhile, and nothing of it is written. Transactional (the threads commit).

SQLite takes one writer at a time: there the two saves run one after the other and the second meets
the first's version; PostgreSQL runs them truly at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.teaching.models import Absence, LessonRecord
from hemis.teaching.services import journal
from hemis.testing.concurrency import run_twice
from hemis.testing.schedule import add_entry, with_login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MON = dt.date(2027, 2, 1)


def save_both(lesson, actor, students, version):
    def save(i: int) -> int:
        translation.activate("en")  # a thread starts in the default language (Uzbek)
        record = journal.record_lesson(
            lesson=lesson,
            absences={students[i].pk: 2},
            marks={},
            version=version,
            actor=actor,
            today=MON,
        )
        return record.version

    return run_twice(save)


def test_two_first_saves_at_once_create_one_record(world):
    teacher = with_login(world.karimov, "karimov")
    lesson = add_entry(world, teacher).lessons.get(date=MON)
    students = list(world.kt21.students.order_by("pk")[:2])
    results, errors = save_both(lesson, teacher, students, None)
    assert results == [1]
    assert [type(e) for e in errors] == [ValidationError]
    assert list(errors[0].message_dict) == ["version"]
    assert LessonRecord.objects.get().version == 1
    assert Absence.objects.count() == 1


def test_two_saves_of_one_version_at_once_let_one_through(world):
    teacher = with_login(world.karimov, "karimov")
    lesson = add_entry(world, teacher).lessons.get(date=MON)
    students = list(world.kt21.students.order_by("pk")[:2])
    journal.record_lesson(lesson=lesson, absences={}, marks={}, version=None, actor=teacher, today=MON)
    results, errors = save_both(lesson, teacher, students, 1)
    assert results == [2]
    assert [type(e) for e in errors] == [ValidationError]
    assert (
        errors[0]
        .message_dict["version"][0]
        .endswith("nothing of yours was saved. Open it again to see their changes.")
    )
    assert LessonRecord.objects.get().version == 2
    assert Absence.objects.count() == 1
