"""Timetable coverage of groups (annex 4 item 10): curriculum hours against scheduled hours, exactly,
on the test world (spring 2027: 15 Mondays, 18 Tuesdays, 19 Wednesdays to Fridays with lessons)."""

import datetime as dt
from fractions import Fraction

import pytest

from hemis.academics.models import Semester
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek
from hemis.org.models import OrgUnit
from hemis.schedule import monitoring as m
from hemis.schedule.enums import ControlKind, Weeks
from hemis.schedule.models import TimetableEntry
from hemis.schedule.services import controls, lessons
from hemis.schedule.services.placement import Attendee
from hemis.students.models import Group, GroupSubject, Subgroup
from hemis.testing.schedule import add_control, more_groups, place_entry

D = dt.date
TASHKENT = dt.timezone(dt.timedelta(hours=5))


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, tzinfo=TASHKENT)


LECTURE, LAB, PRACTICAL = TrainingType.LECTURE, TrainingType.LABORATORY, TrainingType.PRACTICAL


def chemistry():
    return OrgUnit.objects.filter(code="F-CHEM")


def table(rows):
    """Per group: its state and (subject code, lesson type, planned, scheduled) per line."""
    return [
        (
            row.group.name,
            row.state,
            [(line.subject.code, line.training_type, line.planned, line.scheduled) for line in row.lines],
        )
        for row in rows
    ]


def test_hours_per_group_subject_and_type(world, dean_chemistry):
    place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21)
    )
    lab = (world.physics, LAB, world.rahimova, world.lab105, 2)
    place_entry(world, dean_chemistry, *lab, 2, Attendee(world.kt21, world.sub_a))
    place_entry(world, dean_chemistry, *lab, 3, Attendee(world.kt21, world.sub_b), weeks=Weeks.ODD)
    rows = m.group_coverage(faculties=chemistry(), semester=world.semester)
    # KT-21: 15 Monday lectures = 30 h; labs of subgroup 1 on 18 Tuesdays and of subgroup 2 on the 10
    # odd-week Tuesdays, each one hour for the group of two subgroups: 28 h of 30.
    assert table(rows) == [
        (
            "KT-22",
            "none",
            [
                ("FIZ204", LECTURE, 30, 0),
                ("FIZ204", LAB, 30, 0),
                ("MAT204", LECTURE, 30, 0),
                ("MAT204", PRACTICAL, 30, 0),
            ],
        ),
        (
            "KT-21",
            "incomplete",
            [
                ("FIZ204", LECTURE, 30, 0),
                ("FIZ204", LAB, 30, 28),
                ("MAT204", LECTURE, 30, 30),
                ("MAT204", PRACTICAL, 30, 0),
            ],
        ),
    ]
    kt21 = rows[1]
    assert (kt21.planned, kt21.scheduled, kt21.covered, kt21.percent) == (120, 58, 58, 48)
    assert [line.subject.code for line in kt21.incomplete_lines] == ["FIZ204", "FIZ204", "MAT204"]


def test_a_stream_counts_for_each_group_and_a_full_timetable_is_complete(world, dean_chemistry):
    both = (Attendee(world.kt21), Attendee(world.kt22))
    place_entry(world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, *both)
    place_entry(
        world, dean_chemistry, world.math, PRACTICAL, world.karimov, world.room204, 3, 1, Attendee(world.kt22)
    )
    place_entry(
        world,
        dean_chemistry,
        world.physics,
        LECTURE,
        world.rahimova,
        world.room301,
        4,
        1,
        Attendee(world.kt22),
    )
    place_entry(
        world, dean_chemistry, world.physics, LAB, world.rahimova, world.room204, 5, 1, Attendee(world.kt22)
    )
    rows = m.group_coverage(faculties=chemistry(), semester=world.semester)
    # 19 Wednesdays, Thursdays and Fridays: 38 h each, more than the curriculum's 30.
    assert table(rows) == [
        (
            "KT-21",
            "incomplete",
            [
                ("FIZ204", LECTURE, 30, 0),
                ("FIZ204", LAB, 30, 0),
                ("MAT204", LECTURE, 30, 30),
                ("MAT204", PRACTICAL, 30, 0),
            ],
        ),
        (
            "KT-22",
            "complete",
            [
                ("FIZ204", LECTURE, 30, 38),
                ("FIZ204", LAB, 30, 38),
                ("MAT204", LECTURE, 30, 30),
                ("MAT204", PRACTICAL, 30, 38),
            ],
        ),
    ]
    assert (rows[1].scheduled, rows[1].covered, rows[1].percent) == (144, 120, 100)


def test_cancelled_lessons_and_controls_do_not_count_and_three_subgroups_share_a_pair(world, dean_chemistry):
    Subgroup.objects.create(group=world.kt21, name="3")
    lecture = place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21)
    )
    place_entry(
        world,
        dean_chemistry,
        world.physics,
        LAB,
        world.rahimova,
        world.lab105,
        2,
        2,
        Attendee(world.kt21, world.sub_a),
    )
    lessons.cancel_lesson(
        lesson=lecture.lessons.get(date=D(2027, 2, 1)), reason="Kasal", actor=dean_chemistry
    )
    add_control(world, dean_chemistry, control_kind=ControlKind.MIDTERM, date=D(2027, 4, 2), pair=4)
    (kt21,) = [
        r for r in m.group_coverage(faculties=chemistry(), semester=world.semester) if r.group == world.kt21
    ]
    lines = {(line.subject.code, line.training_type): line for line in kt21.lines}
    assert lines[("MAT204", LECTURE)].scheduled == 28  # 14 lectures left
    # 18 labs of one subgroup of three: 2/3 h each for the group.
    assert lines[("FIZ204", LAB)].scheduled == Fraction(12)
    assert lines[("MAT204", PRACTICAL)].scheduled == 0


def test_a_fraction_of_an_hour_is_kept_exactly(world, dean_chemistry):
    Subgroup.objects.create(group=world.kt21, name="3")
    lab = (world.physics, LAB, world.rahimova, world.lab105, 2, 2)
    place_entry(
        world, dean_chemistry, *lab, Attendee(world.kt21, world.sub_a), weeks=Weeks.LIST, week_numbers=[1]
    )
    (kt21,) = [
        r for r in m.group_coverage(faculties=chemistry(), semester=world.semester) if r.group == world.kt21
    ]
    line = next(line for line in kt21.lines if line.training_type == LAB)
    assert (line.scheduled, line.scheduled_text, line.missing) == (Fraction(2, 3), "0.7", Fraction(88, 3))


def test_only_active_groups_of_the_faculties_with_bound_subjects(world, uni, dean_chemistry):
    cs = world.bindings[("KT-21", "MAT204")].curriculum_subject
    GroupSubject.objects.create(group=uni["econ_group"], curriculum_subject=cs, semester=world.semester)
    GroupSubject.objects.create(group=uni["chem_group"], curriculum_subject=cs, semester=world.autumn)
    Group.objects.filter(pk=world.kt22.pk).update(is_active=False)
    names = [r.group.name for r in m.group_coverage(faculties=chemistry(), semester=world.semester)]
    assert names == ["KT-21"]  # KT-22 closed; KT-11-24 bound for the autumn only; IQ-21-24 of economics
    everywhere = OrgUnit.objects.filter(code__in=["F-CHEM", "F-ECON"])
    names = sorted(r.group.name for r in m.group_coverage(faculties=everywhere, semester=world.semester))
    assert names == ["IQ-21-24", "KT-21"]


def test_faculty_summary_counts_groups_by_state(world, uni, dean_chemistry):
    place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21)
    )
    faculties = OrgUnit.objects.filter(code__in=["F-CHEM", "F-ECON"]).order_by("code")
    rows = m.group_coverage(faculties=faculties, semester=world.semester)
    summary = [(line.faculty.code, line.counts, line.total) for line in m.faculty_summary(faculties, rows)]
    assert summary == [
        ("F-CHEM", {"none": 1, "incomplete": 1, "complete": 0}, 2),
        ("F-ECON", {"none": 0, "incomplete": 0, "complete": 0}, 0),
    ]


def test_monitored_semester_is_the_current_one_else_the_one_holding_today(world):
    assert m.monitored_semester(D(2026, 10, 1)) == world.autumn
    assert m.monitored_semester(D(2027, 3, 1)) == world.semester
    assert m.monitored_semester(D(2027, 8, 1)) is None
    Semester.objects.filter(pk=world.semester.pk).update(is_current=True)
    assert m.monitored_semester(D(2026, 10, 1)) == world.semester


@pytest.mark.parametrize("extra", [0, 2])
def test_query_count_does_not_grow_with_groups(world, dean_chemistry, django_assert_num_queries, extra):
    Group.objects.filter(pk=world.kt22.pk).update(is_active=False)
    more_groups(world, extra)
    place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21)
    )
    faculties = chemistry()
    with django_assert_num_queries(5):
        rows = m.group_coverage(faculties=faculties, semester=world.semester)
        assert len(rows) == 1 + extra
    with django_assert_num_queries(6):
        assert len(m.coverage_for_compliance()) == 2 + extra  # KT-22 closed still counts for the record


def test_first_entries_and_when_the_timetable_was_built(world, dean_chemistry):
    first = place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 1, 1, Attendee(world.kt21)
    )
    second = place_entry(
        world, dean_chemistry, world.math, LECTURE, world.karimov, world.room301, 3, 1, Attendee(world.kt21)
    )
    TimetableEntry.objects.filter(pk=first.pk).update(created_at=at(2027, 1, 20))
    TimetableEntry.objects.filter(pk=second.pk).update(created_at=at(2027, 1, 18))
    kt21 = next(r for r in m.coverage_for_compliance() if r.group == world.kt21)
    line = next(line for line in kt21.lines if (line.subject, line.training_type) == (world.math, LECTURE))
    assert line.first_entry_at == at(2027, 1, 18)
    assert kt21.built_at is None  # practical, physics not entered yet


def test_control_deadlines_from_the_first_examination_week(world, dean_chemistry):
    cur_semester = world.bindings[("KT-21", "MAT204")].curriculum_subject.semester
    for number, start in ((17, D(2027, 5, 31)), (18, D(2027, 6, 7))):
        CurriculumWeek.objects.create(
            semester=cur_semester,
            number=number,
            kind=WeekKind.EXAMS,
            start_date=start,
            end_date=start + dt.timedelta(days=5),
        )
    CurriculumWeek.objects.create(
        semester=cur_semester,
        number=1,
        kind=WeekKind.THEORY,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 2, 6),
    )
    add_control(world, dean_chemistry, group="KT-22", date=D(2027, 6, 1), pair=1)
    publication = controls.publish_controls(group=world.kt22, semester=world.semester, actor=dean_chemistry)
    rows = [
        (d.group.name, d.semester_id, d.control_week_start, d.published_at) for d in m.control_deadlines()
    ]
    assert rows == [
        ("KT-21", world.semester.pk, D(2027, 5, 31), None),
        ("KT-22", world.semester.pk, D(2027, 5, 31), publication.published_at),
    ]
