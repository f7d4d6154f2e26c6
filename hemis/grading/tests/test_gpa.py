"""The GPA (``services.gpa``), worked by hand for each marking system, both methods and both scopes,
with the transfer decision and the ranks; the same digits on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal

import pytest

from hemis.core.models import GpaMethod, GpaScope, UniversitySettings
from hemis.curricula.models import CurriculumSubject
from hemis.grading import selectors
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord, Gpa
from hemis.grading.services.gpa import recompute_gpa
from hemis.grading.services.records import refresh_records
from hemis.schedule.enums import ControlKind
from hemis.students.models import Student
from hemis.testing.grading import make_statement, use_marking_system
from hemis.testing.grading_records import add_subject, grade, next_year

F = ControlKind.FINAL
LATER = dt.date(2028, 3, 1)


def _grade(w, subject: str, totals: dict, **statement) -> None:
    """Each student of ``totals`` {student: total of 100} in ``subject`` (lines for them alone)."""
    grade(w, subject, totals, students=list(totals), **statement)


def _settings(method: str, scope: str = GpaScope.YEAR, threshold: str = "2.40") -> None:
    UniversitySettings.current()  # the row, created when missing
    UniversitySettings.objects.update(
        gpa_method=method, gpa_scope=scope, gpa_transfer_threshold=Decimal(threshold)
    )


def _gpa(student, year=None) -> Gpa:
    return Gpa.objects.get(student=student, academic_year=year)


@pytest.fixture
def three(grading):
    """Mathematics 4 cr. and Physics 4 cr. in the spring of 2026-2027, Chemistry 5 cr. in its autumn,
    Biology 6 cr. in the autumn of 2027-2028."""
    w = grading.world
    add_subject(grading, "CHM101", credits="5", semester=w.autumn)
    year2, autumn2 = next_year(grading)
    add_subject(grading, "BIO301", credits="6", semester=autumn2, number=5)
    return grading, year2


def _grade_over_two_years(w, a) -> None:
    """a: Mathematics 86, Physics 71, Chemistry 60 in the first year, Biology 40 in the second."""
    _grade(w, "MAT204", {a: 86})
    _grade(w, "FIZ204", {a: 71})
    _grade(w, "CHM101", {a: 60}, control_date=dt.date(2027, 1, 15))
    _grade(w, "BIO301", {a: 40}, control_date=dt.date(2028, 1, 15))


def test_rating_system_credit_weighted_per_year_and_cumulative(three):
    """Rating system (11): a = 86 → 5, 71 → 4, 60 → 3 in the first year (4, 4, 5 credits) and 40 → 2
    (failed, 6 credits) in the second.
    Year 1: (4·5 + 4·4 + 5·3) / 13 = 51/13 = 3.923… → 3.9. Year 2: 2/1 → 2.0.
    Cumulative: (51 + 12) / 19 = 3.315… → 3.3. Debts: year 2 one (failed)."""
    grading, year2 = three
    w = grading.world
    _settings(GpaMethod.CREDIT_WEIGHTED)
    a = grading.students()[0]
    _grade_over_two_years(w, a)
    refresh_records(today=LATER)
    assert recompute_gpa() == {"years": 2, "cumulative": 1, "method": "credit_weighted"}
    y1 = _gpa(a, w.year)
    assert (y1.gpa, y1.credits, y1.subjects, y1.debts) == (Decimal("3.9"), Decimal("13"), 3, 0)
    y2 = _gpa(a, year2)
    assert (y2.gpa, y2.credits, y2.subjects, y2.debts) == (Decimal("2.0"), Decimal("6"), 1, 1)
    total = _gpa(a)
    assert (total.gpa, total.credits, total.subjects, total.debts) == (Decimal("3.3"), Decimal("19"), 4, 1)


def test_rating_system_simple_average(three):
    """The same grades, simple average: year 1 (5 + 4 + 3) / 3 = 4.0; cumulative 14 / 4 = 3.5."""
    grading, year2 = three
    w = grading.world
    _settings(GpaMethod.SIMPLE_AVERAGE)
    a = grading.students()[0]
    _grade_over_two_years(w, a)
    refresh_records(today=LATER)
    assert recompute_gpa()["method"] == "simple_average"
    assert (_gpa(a, w.year).gpa, _gpa(a, year2).gpa, _gpa(a).gpa) == (
        Decimal("4.0"),
        Decimal("2.0"),
        Decimal("3.5"),
    )


def test_five_point_system_rounds_half_up(three):
    """Five-point system (12): 70 of 100 → 3.5 → 4, 50 → 2.5 → 3, 40 → 2 → 2 (failed); Chemistry 5 cr.
    Credit-weighted, year 1: (4·4 + 4·3 + 5·2) / 13 = 38/13 = 2.923… → 2.9.
    b: 4 (4 cr.) and 2 (4 cr.) and 3 (5 cr.) → (16 + 8 + 15) / 13 = 3.0."""
    grading, _year2 = three
    w = grading.world
    use_marking_system(w, "12")
    _settings(GpaMethod.CREDIT_WEIGHTED)
    a, b = grading.students()[:2]
    _grade(w, "MAT204", {a: 70, b: 70})
    _grade(w, "FIZ204", {a: 50, b: 40})
    _grade(w, "CHM101", {a: 40, b: 50}, control_date=dt.date(2027, 1, 15))
    refresh_records(today=LATER)
    recompute_gpa()
    scores = dict(
        AcademicRecord.objects.filter(student=a).values_list("curriculum_subject__subject__code", "score")
    )
    assert scores == {"MAT204": 4, "FIZ204": 3, "CHM101": 2}
    assert (_gpa(a, w.year).gpa, _gpa(a, w.year).debts) == (Decimal("2.9"), 1)
    assert _gpa(b, w.year).gpa == Decimal("3.0")


def test_credit_system_both_methods(three):
    """Credit system (13): A 4.0, B 3.5, C 3.0, D 2.5, E 2.0, F 0.0.
    a: D (4 cr.) and E (4 cr.) → (10 + 8) / 8 = 2.25 → 2.3 (half up, not to even).
    b: B (4 cr.), C (4 cr.), E (5 cr.) → (14 + 12 + 10) / 13 = 2.769… → 2.8.
    c: D and F (4 cr. each), simple average of 2.5 and 0.0 = 1.25 → 1.3; credit-weighted the same.
    d: D, D and C (4, 4, 5 cr.): (10 + 10 + 15) / 13 = 2.692… → 2.7."""
    grading, _year2 = three
    w = grading.world
    use_marking_system(w, "13")
    _settings(GpaMethod.CREDIT_WEIGHTED)
    a, b, c, d = grading.students()[:4]
    _grade(w, "MAT204", {a: 67, b: 85, c: 66, d: 66})
    _grade(w, "FIZ204", {a: 62, b: 75, c: 30, d: 66})
    _grade(w, "CHM101", {b: 61, d: 72}, control_date=dt.date(2027, 1, 15))
    refresh_records(today=LATER)
    recompute_gpa()
    assert [_gpa(s, w.year).gpa for s in (a, b, c, d)] == [
        Decimal("2.3"),
        Decimal("2.8"),
        Decimal("1.3"),
        Decimal("2.7"),
    ]
    _settings(GpaMethod.SIMPLE_AVERAGE)
    recompute_gpa()
    # simple: a (2.5 + 2.0) / 2 = 2.25 → 2.3; b (3.5 + 3.0 + 2.0) / 3 = 2.833… → 2.8; c 1.25 → 1.3;
    # d (2.5 + 2.5 + 3.0) / 3 = 2.666… → 2.7
    assert [_gpa(s).gpa for s in (a, b, c, d)] == [
        Decimal("2.3"),
        Decimal("2.8"),
        Decimal("1.3"),
        Decimal("2.7"),
    ]


def _credits(cs, credits: str) -> None:
    CurriculumSubject.objects.filter(pk=cs.pk).update(credits=Decimal(credits))


@pytest.mark.parametrize(
    ("failed_credits", "passed_credits", "expected"),
    [
        # (2·5.5 + 3·4.5) / 10 = 2.45 → 2.5
        ("5.5", "4.5", "2.5"),
        # (2·6.5 + 3·3.5) / 10 = 2.35 → 2.4 (2.35 is 2.35000000000000008882 as a float)
        ("6.5", "3.5", "2.4"),
        # (2·8.5 + 3·1.5) / 10 = 2.15 → 2.2 (2.15 is 2.14999999999999991118 as a float: a float ROUND
        # gives 2.1)
        ("8.5", "1.5", "2.2"),
    ],
)
def test_exact_halves_round_up_on_both_databases(grading, failed_credits, passed_credits, expected):
    """Rating system: Mathematics 40 → grade 2 (failed, it counts), Physics 60 → grade 3, with credits
    making the weighted mean an exact half."""
    w = grading.world
    _settings(GpaMethod.CREDIT_WEIGHTED)
    _credits(grading.math_cs, failed_credits)
    _credits(grading.physics_cs, passed_credits)
    a = grading.students()[0]
    _grade(w, "MAT204", {a: 40})
    _grade(w, "FIZ204", {a: 60})
    refresh_records(today=LATER)
    recompute_gpa()
    assert _gpa(a, w.year).gpa == Decimal(expected)
    assert _gpa(a, w.year).credits == Decimal("10")


def test_simple_average_halves(grading):
    """Credit system, simple average of 2.5 (D) and 2.0 (E) = 2.25 → 2.3; of 3.5 (B) and 3.0 (C) =
    3.25 → 3.3."""
    w = grading.world
    use_marking_system(w, "13")
    _settings(GpaMethod.SIMPLE_AVERAGE)
    a, b = grading.students()[:2]
    _grade(w, "MAT204", {a: 66, b: 85})
    _grade(w, "FIZ204", {a: 61, b: 75})
    refresh_records(today=LATER)
    recompute_gpa()
    assert (_gpa(a, w.year).gpa, _gpa(b, w.year).gpa) == (Decimal("2.3"), Decimal("3.3"))


def _transfer(w, year, students):
    rows = selectors.gpa_list(students=Student.objects.all(), academic_year=year)
    return {r.student_id: (r.gpa, r.transfer_gpa, r.can_transfer) for r in rows if r.student_id in students}


def test_the_transfer_decision_follows_the_scope_and_the_threshold(three):
    """a: year 1 GPA 2.5 (3 and 2, 4 cr. each → 2.5), year 2 (Biology 5 → 5.0); cumulative
    (12 + 8 + 30) / 14 = 3.571… → 3.6. b: year 1 2.0, year 2 grade 2 → 2.0, cumulative 2.0.
    Threshold 2.40: scope "year" decides on the year's GPA, scope "all" on the cumulative one."""
    grading, year2 = three
    w = grading.world
    _settings(GpaMethod.CREDIT_WEIGHTED, GpaScope.YEAR)
    a, b = grading.students()[:2]
    _grade(w, "MAT204", {a: 60, b: 40})
    _grade(w, "FIZ204", {a: 40, b: 40})
    _grade(w, "BIO301", {a: 90, b: 30}, control_date=dt.date(2028, 1, 15))
    refresh_records(today=LATER)
    recompute_gpa()
    assert _gpa(a).gpa == Decimal("3.6")
    assert _transfer(w, w.year, {a.pk, b.pk}) == {
        a.pk: (Decimal("2.5"), Decimal("2.5"), True),
        b.pk: (Decimal("2.0"), Decimal("2.0"), False),
    }
    UniversitySettings.objects.update(gpa_transfer_threshold=Decimal("2.60"))
    assert _transfer(w, w.year, {a.pk})[a.pk][2] is False
    _settings(GpaMethod.CREDIT_WEIGHTED, GpaScope.ALL_YEARS, "2.60")
    assert _transfer(w, w.year, {a.pk, b.pk}) == {
        a.pk: (Decimal("2.5"), Decimal("3.6"), True),
        b.pk: (Decimal("2.0"), Decimal("2.0"), False),
    }


def test_ranks_in_group_course_faculty_and_university_with_ties(grading):
    """KT-21: a 5.0, b and c 4.0 (tied), d 3.0; KT-22 (same course and faculty): e 4.0. Ranks in the
    group 1, 2, 2, 4 and 1; in the course and faculty 1, 2, 2, 5 and 2 (a tie of three) — and
    filtering the list to KT-22 keeps e's course rank 2, not 1."""
    w = grading.world
    _settings(GpaMethod.CREDIT_WEIGHTED)
    a, b, c, d = grading.students()[:4]
    e = grading.students("KT-22")[0]
    _grade(w, "MAT204", {a: 90, b: 75, c: 80, d: 60})
    _grade(w, "MAT204", {e: 71}, group="KT-22")
    refresh_records(today=LATER)
    recompute_gpa()
    rows = selectors.gpa_list(students=Student.objects.all(), academic_year=w.year)
    ranks = {
        r.student_id: (r.gpa, r.rank_group, r.rank_course, r.rank_faculty, r.rank_university) for r in rows
    }
    assert ranks == {
        a.pk: (Decimal("5.0"), 1, 1, 1, 1),
        b.pk: (Decimal("4.0"), 2, 2, 2, 2),
        c.pk: (Decimal("4.0"), 2, 2, 2, 2),
        e.pk: (Decimal("4.0"), 1, 2, 2, 2),
        d.pk: (Decimal("3.0"), 4, 5, 5, 5),
    }
    assert [r.student_id for r in rows][:1] == [a.pk]
    only = list(selectors.gpa_list(students=Student.objects.all(), academic_year=w.year, group=w.kt22))
    assert [(r.student_id, r.rank_group, r.rank_course, r.rank_university) for r in only] == [(e.pk, 1, 2, 2)]
    # a reader's scope narrows the list, not the ranks
    scoped = list(selectors.gpa_list(students=Student.objects.filter(pk=d.pk), academic_year=w.year))
    assert [(r.student_id, r.rank_university) for r in scoped] == [(d.pk, 5)]


def test_records_without_a_final_grade_do_not_count(grading):
    """a: Mathematics 86 (passed, 5) and Physics missing: GPA 5.0 of 1 subject, 1 debt."""
    w = grading.world
    a = grading.students()[0]
    _grade(w, "MAT204", {a: 86})
    make_statement(w, subject="FIZ204", control_kind=F, students=[a])
    refresh_records(today=LATER)
    assert (
        AcademicRecord.objects.get(student=a, curriculum_subject=grading.physics_cs).status
        == RecordStatus.MISSING
    )
    recompute_gpa()
    g = _gpa(a, w.year)
    assert (g.gpa, g.subjects, g.debts, g.credits) == (Decimal("5.0"), 1, 1, Decimal("4"))
    assert Gpa.objects.count() == 2  # a's year and cumulative: the others have no final grade


def test_students_without_a_group_are_ranked_together_in_the_group_column(grading):
    """a 5.0 and b 4.0 taken out of KT-21, c 4.5 left in it: a and b rank 1 and 2 among the students
    without a group, c 1 in KT-21; in the university a, c, b."""
    w = grading.world
    a, b, c = grading.students()[:3]
    _grade(w, "MAT204", {a: 90, b: 75, c: 86})
    _grade(w, "FIZ204", {a: 90, b: 75, c: 71})
    refresh_records(today=LATER)
    recompute_gpa()
    Student.objects.filter(pk__in=[a.pk, b.pk]).update(group=None)
    rows = selectors.gpa_list(students=Student.objects.all(), academic_year=w.year)
    assert [(r.student_id, r.gpa, r.rank_group, r.rank_university) for r in rows] == [
        (a.pk, Decimal("5.0"), 1, 1),
        (c.pk, Decimal("4.5"), 1, 2),
        (b.pk, Decimal("4.0"), 2, 3),
    ]
