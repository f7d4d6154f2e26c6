"""The student cabinet's reads of grading: a student's semesters, their points per control (the re-sit
and re-study counting over the 1st statement, whatever order the database gives NULLs), and their
cumulative GPA's rank in the group with ties."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from hemis.grading import selectors
from hemis.grading.models import Gpa
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import add_subject, restudy_statement

F = ControlKind.FINAL


def test_student_semesters_are_the_groups_and_the_graded_latest_first(grading):
    w = grading.world
    a = grading.students()[0]
    assert list(selectors.student_semesters(a)) == [w.semester]
    add_subject(grading, "CHM101", credits="5", semester=w.autumn)
    assert list(selectors.student_semesters(a)) == [w.semester, w.autumn]


def test_the_last_line_with_points_counts_restudy_last(grading):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=ControlKind.CURRENT, points={a: 20, b: 30})
    make_statement(w, control_kind=F, points={a: 10, b: 50})
    restudy_statement(grading, a, kind=F, points=35, control_date=dt.date(2027, 7, 30))
    make_statement(w, control_kind=F, attempt=Attempt.SECOND, points={a: 25}, students=[a])
    math = next(
        row
        for row in selectors.student_grades(a, w.semester, w.curriculum.marking_system)
        if row.curriculum_subject == grading.math_cs
    )
    final = next(c for c in math.controls if c.kind == F)
    assert [ln.points for ln in final.lines] == [10, 25, 35]
    assert (final.points, math.total, math.max_points, math.final_graded) == (35, 55, 100, True)
    assert [c.points for c in math.controls] == [20, None, 35]


def test_the_rank_in_group_shares_ties(grading, django_assert_num_queries):
    a, b, c = grading.students()[:3]
    other = grading.students("KT-22")[0]
    now = timezone.now()
    for student, gpa in ((a, "4.0"), (b, "4.5"), (c, "4.0"), (other, "5.0")):
        Gpa.objects.create(student=student, gpa=Decimal(gpa), credits=8, subjects=2, computed_at=now)
    with django_assert_num_queries(2):  # the GPA, the group's counted by GPA (no other rank counted)
        ranked = selectors.student_gpa_rank(c)
    assert (ranked.gpa, ranked.rank_group, ranked.group_size) == (Decimal("4.0"), 2, 3)
    assert selectors.student_gpa_rank(grading.students()[3]) is None
