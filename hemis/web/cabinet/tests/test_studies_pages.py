"""A student's own studies: curriculum, attendance with its warnings, grades per control, re-study and
finance. Each page shows the signed-in student's rows only (two students of one group), refuses the
other roles, and costs the same queries for one subject as for three."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hemis.academics.models import MarkingSystem
from hemis.core.models import UniversitySettings
from hemis.schedule.enums import Attempt, ControlKind
from hemis.students.models import GroupSubject
from hemis.teaching.models import AttendanceRules
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import add_subject
from hemis.web.cabinet.tests.cabinet_data import absent, enrol, rows, text

D = dt.date
PAGES = ("cabinet_curriculum", "cabinet_attendance", "cabinet_grades", "cabinet_restudy", "cabinet_finance")


def get(client, name: str, **query):
    return client.get(reverse(f"web:{name}"), query)


# --- who may open the pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_another_role_is_refused(client, dean_chemistry, pair, name):
    client.force_login(dean_chemistry)
    assert get(client, name).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, pair, name):
    response = get(client, name)
    assert response.status_code == 302 and "login" in response["Location"]


# --- the curriculum -------------------------------------------------------------------------------------


def test_curriculum_by_semester_with_the_current_one_open(client, grading, pair):
    add_subject(grading, "CHM101", credits="5", semester=grading.world.autumn)  # semester 3
    client.force_login(pair[0].user)
    body = text(get(client, "cabinet_curriculum"))
    semesters = rows(body, "curriculum-semester")
    assert [s.split(" ·")[0] for s in semesters] == ["Semester 3", "Semester 4 current"]
    assert body.count("data-current") == 1
    assert body.index("Semester 3") < body.index("data-current") < body.index("Semester 4")
    assert rows(body, "curriculum-subject") == [
        "CHM101 CHM101 Mandatory · General professional subjects 5,0 0 Examination",
        "FIZ204 Fizika Mandatory · General professional subjects Lecture 30, Laboratory 30 4,0 60 Examination",
        "MAT204 Oliy matematika Mandatory · General professional subjects Lecture 30, Practical 30 4,0 60 Examination",
    ]


# --- attendance -----------------------------------------------------------------------------------------


def test_attendance_per_subject_is_the_students_own(client, grading, pair):
    ali, vali = pair
    w = grading.world
    absent(w, ali, w.math, 4)
    absent(w, ali, w.math, 2, excused=True)
    absent(w, vali, w.physics, 10)  # could leak
    client.force_login(ali.user)
    body = text(get(client, "cabinet_attendance"))
    assert rows(body, "attendance-row") == [
        "FIZ204 Fizika 60 0 0 0%",
        "MAT204 Oliy matematika 60 2 4 7%",
    ]
    assert 'data-testid="attendance-level"' not in body
    client.force_login(vali.user)
    assert rows(text(get(client, "cabinet_attendance")), "attendance-row") == [
        "FIZ204 Fizika 60 0 10 17%",
        "MAT204 Oliy matematika 60 0 0 0%",
    ]


@pytest.mark.parametrize(
    ("hours", "level"),
    [(18, None), (20, "approaching"), (24, "warning"), (47, "warning"), (48, "reprimand"), (74, "expulsion")],
)
def test_attendance_warns_by_the_rules_thresholds(client, grading, pair, hours, level):
    """The rating system's defaults: 24, 48 and 74 unexcused hours; from 80% of the next one on, the
    student is told they approach it. Spread over both subjects: the semester's total counts."""
    ali = pair[0]
    w = grading.world
    absent(w, ali, w.math, hours // 2)
    absent(w, ali, w.physics, hours - hours // 2)
    client.force_login(ali.user)
    body = text(get(client, "cabinet_attendance"))
    found = rows(body, "attendance-level")
    if level is None:
        assert found == []
    else:
        assert f'data-level="{level}"' in body and str(hours) in found[0]


def test_attendance_follows_the_marking_systems_own_rules(client, grading, pair):
    ali = pair[0]
    w = grading.world
    AttendanceRules.objects.create(
        marking_system=MarkingSystem.objects.get(pk=w.curriculum.marking_system_id),
        warning_hours=6,
        reprimand_hours=10,
        expulsion_hours=16,
    )
    absent(w, ali, w.math, 10)
    client.force_login(ali.user)
    body = text(get(client, "cabinet_attendance"))
    assert 'data-level="reprimand"' in body
    assert rows(body, "attendance-level") == [
        "You have 10 unexcused hours this semester: 10 bring a reprimand, 16 expulsion."
    ]


def test_attendance_marks_the_subjects_close_to_and_past_the_bar(client, grading, pair):
    """25% of Mathematics' 60 hours is 15: 16 unexcused bar; Physics at 12 (80% of 15) is close."""
    settings = UniversitySettings.current()
    assert settings.bar_absence_percent == 25
    ali = pair[0]
    w = grading.world
    absent(w, ali, w.math, 16)
    absent(w, ali, w.physics, 12)
    client.force_login(ali.user)
    body = text(get(client, "cabinet_attendance"))
    assert rows(body, "attendance-row") == [
        "FIZ204 Fizika Close to the bar 60 0 12 20%",
        "MAT204 Oliy matematika Barred from the final control 60 0 16 27%",
    ]
    assert rows(body, "bar-warning") == [
        "Fizika: 12 of 60 hours unexcused; more than 25% bars you from the final control.",
        "Oliy matematika: 16 of 60 hours unexcused, more than 25% — you are barred from the final control.",
    ]
    settings.bar_absence_percent = 30
    settings.save()
    assert rows(text(get(client, "cabinet_attendance")), "attendance-row") == [
        "FIZ204 Fizika 60 0 12 20%",
        "MAT204 Oliy matematika Close to the bar 60 0 16 27%",
    ]


def test_a_semester_not_the_students_is_not_found(client, grading, pair):
    client.force_login(pair[0].user)
    assert get(client, "cabinet_attendance", semester=grading.world.autumn.pk).status_code == 404
    assert get(client, "cabinet_grades", semester=grading.world.autumn.pk).status_code == 404


# --- grades ---------------------------------------------------------------------------------------------


def test_grades_per_control_are_the_students_own(client, grading, pair):
    ali, vali = pair
    w = grading.world
    make_statement(w, control_kind=ControlKind.CURRENT, points={ali: 25, vali: 11})
    make_statement(w, control_kind=ControlKind.MIDTERM, points={ali: 15, vali: 12})
    make_statement(w, control_kind=ControlKind.FINAL, points={ali: 10, vali: 13})
    make_statement(
        w, control_kind=ControlKind.FINAL, attempt=Attempt.SECOND, points={ali: 41}, students=[ali]
    )
    client.force_login(ali.user)
    body = text(get(client, "cabinet_grades"))
    subjects = rows(body, "grades-subject")
    assert [s.split(" Control")[0] for s in subjects] == [
        "FIZ204 Fizika · 4,0 credits",
        "MAT204 Oliy matematika · 4,0 credits",
    ]
    lines = rows(body, "grades-line")
    assert lines[3:] == [
        "Current control 1st statement 01.06.2027 25 / 30",
        "Midterm control 1st statement 01.06.2027 15 / 20",
        "Final control 1st statement 01.06.2027 10 / 50",
        "Final control 2nd statement 01.06.2027 41 / 50",
    ]
    # the re-sit counts: 25 + 15 + 41 = 81 of 100, the rating system's band 4
    assert rows(body, "grades-total") == ["Total 0 / 100", "Total · score 81, grade 4 81 / 100"]
    assert "11 /" not in " ".join(lines) and "13 /" not in " ".join(lines)


def test_grades_show_a_barred_line_and_the_controls_not_held(client, grading, pair):
    ali = pair[0]
    make_statement(grading.world, control_kind=ControlKind.MIDTERM, points={ali: 12})
    make_statement(grading.world, control_kind=ControlKind.FINAL, barred=(ali,))
    client.force_login(ali.user)
    body = text(get(client, "cabinet_grades"))
    lines = rows(body, "grades-line")
    # a running total without the final's points carries no grade
    assert rows(body, "grades-total")[1] == "Total 12 / 100"
    assert lines[3:] == [
        "Current control not held yet — / 30",
        "Midterm control 1st statement 01.06.2027 12 / 20",
        "Final control 1st statement 01.06.2027 barred / 50",
    ]


# --- re-study and finance ---------------------------------------------------------------------------------


def test_restudy_and_finance_show_the_students_own_enrolments(client, grading, pair):
    ali, vali = pair
    enrol(grading, ali, fee="1000000", paid_on=D(2027, 6, 10), sessions=2)
    enrol(grading, ali, cs=grading.physics_cs, fee="750000")
    enrol(grading, vali, fee="999999")  # could leak
    client.force_login(ali.user)
    body = text(get(client, "cabinet_restudy"))
    cards = rows(body, "restudy-enrolment")
    assert len(cards) == 2
    assert rows(body, "restudy-fee") == ["750000,00", "1000000,00"]  # by group name: RS-FIZ204 first
    assert rows(body, "restudy-paid") == ["not paid", "paid on 10.06.2027"]
    assert rows(body, "restudy-session") == [
        "16.06.2027 09:00–10:20 Lesson 204 (Bosh bino)",
        "30.07.2027 09:00–10:20 Final control —",
        "16.06.2027 09:00–10:20 Lesson 204 (Bosh bino)",
        "17.06.2027 09:00–10:20 Lesson 204 (Bosh bino)",
        "30.07.2027 09:00–10:20 Final control —",
    ]
    assert "999999" not in body
    body = text(get(client, "cabinet_finance"))
    assert rows(body, "payment-form") == [ali.get_payment_form_display()]
    assert "once the finance module arrives" in body
    assert sorted(rows(body, "finance-fee")) == [
        "Yozgi 2027 FIZ204 Fizika 750000,00 not paid",
        "Yozgi 2027 MAT204 Oliy matematika 1000000,00 paid on 10.06.2027",
    ]
    assert rows(body, "finance-unpaid") == ["750000,00"]
    assert "999999" not in body


def test_no_restudy_says_so(client, pair):
    client.force_login(pair[0].user)
    assert rows(text(get(client, "cabinet_restudy")), "no-restudy") == [
        "You are not enrolled in paid re-study."
    ]
    assert rows(text(get(client, "cabinet_finance")), "finance-fee") == []


# --- the same queries for one subject as for three ----------------------------------------------------------


def _fill(grading, ali):
    """Data in every subject of KT-21: an absence, the three controls graded, a re-study enrolment."""
    w = grading.world
    for binding in GroupSubject.objects.filter(group=w.kt21).select_related("curriculum_subject__subject"):
        code = binding.curriculum_subject.subject.code
        absent(w, ali, binding.curriculum_subject.subject, 2)
        for kind in (ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL):
            make_statement(w, subject=code, control_kind=kind, points={ali: 10}, students=[ali])
        enrol(grading, ali, cs=binding.curriculum_subject)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_costs_the_same_for_one_subject_as_for_three(client, grading, pair, name):
    w = grading.world
    ali = pair[0]
    GroupSubject.objects.filter(pk=w.bindings[("KT-21", "FIZ204")].pk).delete()
    del w.bindings[("KT-21", "FIZ204")]
    _fill(grading, ali)
    client.force_login(ali.user)
    get(client, name)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        body_one = text(get(client, name))
    for code in ("CHM201", "BIO201"):
        add_subject(grading, code, credits="3", semester=w.semester)
    GroupSubject.objects.filter(group=w.kt22).delete()
    for code in ("CHM201", "BIO201"):
        binding = w.bindings[("KT-21", code)]
        absent(w, ali, binding.curriculum_subject.subject, 2)
        for kind in (ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL):
            make_statement(w, subject=code, control_kind=kind, points={ali: 10}, students=[ali])
        enrol(grading, ali, cs=binding.curriculum_subject)
    with CaptureQueriesContext(connection) as three:
        body_three = text(get(client, name))
    assert len(three) == len(one)
    assert body_three.count("CHM201") >= 1 and body_one.count("CHM201") == 0
