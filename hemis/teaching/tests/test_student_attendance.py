"""A student's attendance per subject of a semester for the cabinet: planned hours of every lesson type,
absent, excused and unexcused hours, the grading bar and the lists' thresholds; a fixed number of
queries."""

import pytest

from hemis.academics.models import Subject
from hemis.students.models import Student
from hemis.teaching.journal_selectors import student_semester_attendance
from hemis.testing.schedule import absent


def student(w) -> Student:
    return (
        Student.objects.filter(group=w.kt21)
        .select_related("group__curriculum__marking_system__attendance_rules")
        .order_by("last_name")
        .first()
    )


def test_subjects_planned_and_absent_hours(world, django_assert_num_queries):
    s = student(world)
    other = Student.objects.filter(group=world.kt21).order_by("last_name")[1]
    absent(world, s, world.math, 4)
    absent(world, s, world.math, 2, excused=True)
    absent(world, other, world.physics, 8)  # another student's
    stray = Subject.objects.create(code="ZZZ1", name_uz="Boshqa", department=world.department)
    absent(world, s, stray, 2)  # a lesson of a subject outside the group's: listed last, nothing planned
    with django_assert_num_queries(3):
        a = student_semester_attendance(s, world.semester, bar_percent=25)
    assert [(r.subject.code, r.planned, r.absent, r.excused, r.unexcused) for r in a.subjects] == [
        ("FIZ204", 60, 0, 0, 0),
        ("MAT204", 60, 6, 2, 4),
        ("ZZZ1", None, 2, 0, 2),
    ]
    assert (a.absent, a.excused, a.unexcused, a.level, a.next_hours, a.approaching) == (
        8,
        2,
        6,
        "",
        24,
        False,
    )
    assert a.subjects[2].percent is None and not a.subjects[2].barred


@pytest.mark.parametrize(
    ("hours", "barred", "near"),
    [(11, False, False), (12, False, True), (15, False, True), (16, True, False)],
)
def test_the_bar_is_more_than_the_percentage_of_the_planned_hours(world, hours, barred, near):
    s = student(world)
    absent(world, s, world.math, hours)
    math = student_semester_attendance(s, world.semester, bar_percent=25).subjects[1]
    assert (math.barred, math.near_bar) == (barred, near)
