"""Copying a group's timetable from another semester, and a week into other weeks: each entry placed
and checked on its own, the refusals reported with the clash named, one summary event."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.academics.models import Subject
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import LessonStatus, Weeks
from hemis.schedule.models import Lesson, TimetableEntry
from hemis.schedule.services import copies
from hemis.schedule.services import entries as svc
from hemis.schedule.services import lessons as lesson_svc
from hemis.schedule.services.placement import Attendee
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, bind, lesson_dates

D = dt.date
LECTURE, PRACTICAL = TrainingType.LECTURE, TrainingType.PRACTICAL


def groups_of(entry) -> list[str]:
    return sorted(entry.groups.values_list("group__name", flat=True))


@pytest.fixture
def autumn(world, dean_chemistry):
    """An autumn timetable of KT-21 (with a stream lecture shared with KT-22): Mathematics lecture and
    practical, and Chemistry, which KT-21 does not study in spring."""
    nazarov = f.EmployeeFactory(last_name="Nazarov", first_name="Bek", patronymic="")
    chemistry = Subject.objects.create(
        code="KIM101", name_uz="Umumiy kimyo", name_en="Umumiy kimyo", department=world.department
    )
    bind(world, world.kt21, world.math, world.autumn, {LECTURE: world.karimov, PRACTICAL: nazarov})
    bind(world, world.kt22, world.math, world.autumn, {LECTURE: world.karimov})
    bind(world, world.kt21, chemistry, world.autumn, {LECTURE: nazarov})
    lecture = add_entry(world, dean_chemistry, semester=world.autumn)
    practical = add_entry(
        world,
        dean_chemistry,
        semester=world.autumn,
        training_type=PRACTICAL,
        teacher=nazarov,
        room=world.room204,
        weekday=3,
        pair=2,
        weeks=Weeks.ODD,
        attendees=[Attendee(world.kt21)],
    )
    chem = add_entry(
        world,
        dean_chemistry,
        semester=world.autumn,
        subject=chemistry,
        teacher=nazarov,
        room=world.room204,
        weekday=4,
        pair=3,
        attendees=[Attendee(world.kt21)],
    )
    return {"lecture": lecture, "practical": practical, "chemistry": chem, "nazarov": nazarov}


def test_copy_timetable_copies_what_the_target_loads_allow(world, autumn, dean_chemistry):
    report = copies.copy_timetable(
        group=world.kt21, source=world.autumn, target=world.semester, actor=dean_chemistry
    )
    lecture, practical = report.copied
    # The stream lecture keeps its teacher, room and both groups; it runs on spring's Mondays.
    assert (lecture.subject, lecture.training_type, lecture.teacher, lecture.room) == (
        world.math,
        LECTURE,
        world.karimov,
        world.room301,
    )
    assert (lecture.semester, lecture.weekday, lecture.pair, lecture.weeks) == (
        world.semester,
        1,
        1,
        Weeks.ALL,
    )
    assert groups_of(lecture) == ["KT-21", "KT-22"]
    assert lesson_dates(lecture)[:3] == [D(2027, 2, 1), D(2027, 2, 8), D(2027, 2, 15)]
    # Nazarov does not teach the practical in spring; Karimov, its one teacher there, takes it over.
    assert (practical.teacher, practical.room, practical.weekday, practical.weeks) == (
        world.karimov,
        world.room204,
        3,
        Weeks.ODD,
    )
    assert lesson_dates(practical)[:3] == [D(2027, 2, 3), D(2027, 2, 17), D(2027, 3, 3)]
    assert report.skipped == [
        copies.Skipped(
            "Umumiy kimyo (lecture), Thursday, pair 3",
            "Group KT-21 has no teacher for Umumiy kimyo (lecture) in the target semester.",
        )
    ]
    event = AuditEvent.objects.get(action="schedule.timetable.copied")
    assert event.data == {
        "kind": "semester",
        "source": world.autumn.pk,
        "target": world.semester.pk,
        "copied": [lecture.pk, practical.pk],
        "skipped": [
            {
                "what": "Umumiy kimyo (lecture), Thursday, pair 3",
                "reason": "Group KT-21 has no teacher for Umumiy kimyo (lecture) in the target semester.",
            }
        ],
    }
    # place_entries journals each copied entry too (three autumn entries, two copies).
    assert AuditEvent.objects.filter(action="schedule.entry.created").count() == 5


def test_copy_timetable_reports_each_clash_and_copies_the_rest(world, autumn, dean_chemistry):
    # Spring already has Physics for KT-21 on Wednesdays at pair 2.
    add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        weekday=3,
        pair=2,
        attendees=[Attendee(world.kt21)],
    )
    report = copies.copy_timetable(
        group=world.kt21, source=world.autumn, target=world.semester, actor=dean_chemistry
    )
    assert [(e.training_type, e.weekday) for e in report.copied] == [(LECTURE, 1)]
    assert report.skipped[0] == copies.Skipped(
        "Oliy matematika (practical), Wednesday, pair 2",
        "Group KT-21 already has Fizika (lecture) at pair 2 on 03.02.2027.",
    )
    assert TimetableEntry.objects.filter(semester=world.semester).count() == 2


def test_copy_timetable_twice_copies_nothing_more(world, autumn, dean_chemistry):
    copies.copy_timetable(group=world.kt21, source=world.autumn, target=world.semester, actor=dean_chemistry)
    lessons = Lesson.objects.count()
    report = copies.copy_timetable(
        group=world.kt21, source=world.autumn, target=world.semester, actor=dean_chemistry
    )
    assert report.copied == []
    assert [s.reason for s in report.skipped[:2]] == [
        "It is already in the timetable of the target semester.",
        "It is already in the timetable of the target semester.",
    ]
    assert Lesson.objects.count() == lessons
    # KT-22's own copy finds the stream lecture already there too.
    report = copies.copy_timetable(
        group=world.kt22, source=world.autumn, target=world.semester, actor=dean_chemistry
    )
    assert (report.copied, [s.what for s in report.skipped]) == (
        [],
        ["Oliy matematika (lecture), Monday, pair 1"],
    )


def test_copy_timetable_skips_an_entry_that_was_moved_from_a_date_on(world, autumn, dean_chemistry):
    svc.move_entry_from(entry=autumn["lecture"], from_date=D(2026, 11, 2), actor=dean_chemistry, pair=4)
    report = copies.copy_timetable(
        group=world.kt21, source=world.autumn, target=world.semester, actor=dean_chemistry
    )
    assert sorted((e.training_type, e.pair) for e in report.copied) == [(LECTURE, 4), (PRACTICAL, 2)]
    assert (
        copies.Skipped(
            "Oliy matematika (lecture), Monday, pair 1",
            "It ended on 01.11.2026; the entry that replaced it is copied.",
        )
        in report.skipped
    )


def test_copy_from_the_same_semester_is_refused(world, dean_chemistry):
    with pytest.raises(ValidationError) as error:
        copies.copy_timetable(
            group=world.kt21, source=world.semester, target=world.semester, actor=dean_chemistry
        )
    assert error.value.message_dict == {"source": ["Choose another semester to copy from."]}
    assert not AuditEvent.objects.filter(action="schedule.timetable.copied").exists()


@pytest.fixture
def first_week(world, dean_chemistry):
    """KT-21's week 1 built by hand: a stream lecture on Monday, a practical on Wednesday, a
    laboratory on Friday that gets cancelled, one on Thursday moved to Saturday pair 5."""
    week1 = {"weeks": Weeks.LIST, "week_numbers": [1]}
    lecture = add_entry(world, dean_chemistry, **week1)
    practical = add_entry(
        world,
        dean_chemistry,
        **week1,
        training_type=PRACTICAL,
        room=world.room204,
        weekday=3,
        pair=2,
        attendees=[Attendee(world.kt21)],
    )
    lab = {"subject": world.physics, "training_type": TrainingType.LABORATORY, "teacher": world.rahimova}
    cancelled = add_entry(
        world,
        dean_chemistry,
        **week1,
        **lab,
        room=world.lab105,
        weekday=5,
        pair=1,
        attendees=[Attendee(world.kt21, world.sub_a)],
    )
    lesson_svc.cancel_lesson(lesson=cancelled.lessons.get(), reason="Kasallik", actor=dean_chemistry)
    moved = add_entry(
        world,
        dean_chemistry,
        **week1,
        **lab,
        room=world.lab105,
        weekday=4,
        pair=1,
        attendees=[Attendee(world.kt21, world.sub_b)],
    )
    lesson_svc.move_lesson(lesson=moved.lessons.get(), date=D(2027, 2, 6), pair=5, actor=dean_chemistry)
    return {"lecture": lecture, "practical": practical}


def test_copy_week_makes_listed_week_entries_of_what_was_held(world, first_week, dean_chemistry):
    report = copies.copy_week(
        group=world.kt21, semester=world.semester, from_week=1, to_weeks=[3, 2], actor=dean_chemistry
    )
    assert report.skipped == []
    made = [
        (
            e.subject.code,
            e.training_type,
            e.weekday,
            e.pair,
            e.weeks,
            e.week_numbers,
            groups_of(e),
            lesson_dates(e),
        )
        for e in report.copied
    ]
    assert made == [
        ("MAT204", LECTURE, 1, 1, Weeks.LIST, [2, 3], ["KT-21", "KT-22"], [D(2027, 2, 8), D(2027, 2, 15)]),
        ("MAT204", PRACTICAL, 3, 2, Weeks.LIST, [2, 3], ["KT-21"], [D(2027, 2, 10), D(2027, 2, 17)]),
        ("FIZ204", "12", 6, 5, Weeks.LIST, [2, 3], ["KT-21"], [D(2027, 2, 13), D(2027, 2, 20)]),
    ]
    assert report.copied[2].groups.get().subgroup == world.sub_b
    event = AuditEvent.objects.get(action="schedule.timetable.copied")
    assert (event.data["kind"], event.data["from_week"], event.data["to_weeks"]) == ("week", 1, [2, 3])
    assert Lesson.objects.filter(status=LessonStatus.CANCELLED).count() == 1


def test_copy_week_reports_a_clash_with_the_weeks_lessons(world, first_week, dean_chemistry):
    add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        room=world.room204,
        weekday=3,
        pair=2,
        weeks=Weeks.LIST,
        week_numbers=[2],
        attendees=[Attendee(world.kt22)],
    )
    report = copies.copy_week(
        group=world.kt21, semester=world.semester, from_week=1, to_weeks=[2], actor=dean_chemistry
    )
    assert [(e.training_type, e.weekday) for e in report.copied] == [(LECTURE, 1), ("12", 6)]
    assert report.skipped == [
        copies.Skipped(
            "Oliy matematika (practical), Wednesday, pair 2",
            "Room 204 already has group KT-22 at pair 2 on 10.02.2027.",
        )
    ]


@pytest.mark.parametrize(
    ("from_week", "to_weeks", "errors"),
    [
        (1, [], {"to_weeks": ["List the weeks to copy into."]}),
        (1, [1, 2], {"to_weeks": ["A week cannot be copied into itself."]}),
        (1, [20], {"to_weeks": ["The semester has weeks 1 to 19."]}),
        (0, [2], {"from_week": ["The semester has weeks 1 to 19."]}),
    ],
)
def test_copy_week_refuses_bad_weeks(world, first_week, dean_chemistry, from_week, to_weeks, errors):
    before = TimetableEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        copies.copy_week(
            group=world.kt21,
            semester=world.semester,
            from_week=from_week,
            to_weeks=to_weeks,
            actor=dean_chemistry,
        )
    assert error.value.message_dict == errors
    assert TimetableEntry.objects.count() == before
