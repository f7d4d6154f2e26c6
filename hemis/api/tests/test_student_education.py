"""Student API ``education/*`` (semesters, subjects and results, grade types, GPAs, the GPA rating): the
document's shapes, the student's own numbers read through the cabinet's selectors, bad parameters, no
token, another group's subject, bounded queries."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hemis.academics.models import GradeBand, Semester, Subject
from hemis.api.rest_v1 import auth
from hemis.core.models import GpaScope, UniversitySettings
from hemis.curricula.enums import TrainingType
from hemis.grading.models import Gpa
from hemis.schedule.enums import ControlKind
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.teaching.models import Assignment, DailyMark, LessonRecord, Submission
from hemis.testing.grading import build_grading, make_statement
from hemis.testing.hemis_api import check, check_error
from hemis.testing.schedule import absent, bind, build_world, with_login

INVALID = "Your request was made with invalid credentials."
NOT_FOUND = "Data not found."
TASHKENT = ZoneInfo("Asia/Tashkent")


def url(name: str) -> str:
    return f"/rest/v1/education/{name}"


def bearer(student) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(student.user)}"}


@pytest.fixture
def g(uni):
    """The timetable world with its grading additions (``hemis.testing.grading``)."""
    return build_grading(build_world(uni))


@pytest.fixture
def pair(g):
    """Aliyev0 and Aliyev1 of KT-21 with logins; the spring semester (their 4th) current."""
    w = g.world
    Semester.objects.filter(pk=w.semester.pk).update(is_current=True)
    first, second = g.students()[:2]
    with_login(first, "400000000001")
    with_login(second, "400000000002")
    return first, second


def get(client, name, student, **params):
    return client.get(url(name), params, **bearer(student))


def extra_subject(w, code: str, group=None, semester=None, number: int = 4) -> Subject:
    subject = Subject.objects.create(
        code=code, name_uz=f"Fan {code}", name_en=f"Subject {code}", department=w.department
    )
    bind(
        w, group or w.kt21, subject, semester or w.semester, {TrainingType.LECTURE: w.karimov}, number=number
    )
    return subject


# --- semesters -----------------------------------------------------------------------------------------


def test_semesters_are_the_students_with_their_codes_and_weeks(client, g, pair):
    w = g.world
    first, _second = pair
    body = get(client, "semesters", first).json()
    check("/v1/education/semesters", body)
    assert [(s["id"], s["code"], s["current"]) for s in body["data"]] == [(w.semester.pk, "14", True)]
    spring = body["data"][0]
    assert spring["education_year"] == {"code": "2026", "name": "2026-2027", "current": False}
    weeks = spring["weeks"]
    assert (
        len(weeks) == 19
        and weeks[0]["start_date_f"] == "01.02.2027"
        and weeks[-1]["end_date_f"] == "13.06.2027"
    )
    assert weeks[0]["start_date"] == int(dt.datetime(2027, 2, 1, tzinfo=TASHKENT).timestamp())
    assert weeks[0]["id"] == weeks[0]["start_date"]
    # the autumn semester once the group has a subject there: the 3rd, listed first
    extra_subject(w, "KIM203", semester=w.autumn, number=3)
    codes = [(s["id"], s["code"]) for s in get(client, "semesters", first).json()["data"]]
    assert codes == [(w.autumn.pk, "13"), (w.semester.pk, "14")]


def test_semesters_need_a_token_and_take_bounded_queries(client, g, pair, django_assert_num_queries):
    w = g.world
    first, _second = pair
    response = client.get(url("semesters"))
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    check_error(client.get(url("semesters"), HTTP_AUTHORIZATION="Bearer x.y").json(), 401, INVALID)
    headers = bearer(first)
    client.get(url("semesters"), **headers)  # warm the classifier and principal caches alike
    with CaptureQueriesContext(connection) as one:
        client.get(url("semesters"), **headers)
    extra_subject(w, "KIM203", semester=w.autumn, number=3)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url("semesters"), **headers).json()["data"]) == 2


# --- subjects ------------------------------------------------------------------------------------------


def grade_maths(w, first):
    """Aliyev0's Mathematics: 25/30 current, 15/20 midterm; an absence of 2 hours; a daily mark of 5."""
    make_statement(w, control_kind=ControlKind.CURRENT, points={first: 25}, students=[first])
    make_statement(w, control_kind=ControlKind.MIDTERM, points={first: 15}, students=[first])
    absent(w, first, w.math, 2)
    return daily_mark(w, first, w.math, dt.date(2027, 2, 10))


def daily_mark(w, student, subject, day, value: int = 5) -> DailyMark:
    """A mark of ``value`` for ``student`` at a recorded practical of ``subject`` on ``day``, pair 2."""
    lesson = Lesson.objects.create(
        semester=w.semester,
        faculty=w.faculty,
        subject=subject,
        training_type=TrainingType.PRACTICAL,
        teacher=w.karimov,
        room=w.room204,
        date=day,
        pair=2,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 20),
    )
    return DailyMark.objects.create(
        record=LessonRecord.objects.create(lesson=lesson), student=student, value=value
    )


def test_subjects_with_the_students_own_results(client, g, pair):
    w = g.world
    first, second = pair
    mark = grade_maths(w, first)
    body = get(client, "subjects", first).json()
    check("/v1/education/subjects", body)
    rows = {row["subject"]["code"]: row for row in body["data"]}
    assert set(rows) == {"MAT204", "FIZ204"}
    maths = rows["MAT204"]
    assert maths["_semester"] == 14 and maths["credit"] == 4 and maths["total_acload"] == 60
    assert (maths["student_ball"], maths["subject_ball"], maths["max_ball"]) == (40, 50, 100)
    assert maths["absent_count"] == 2 and maths["subjectType"]["code"] == "11"
    assert [(g["id"], g["grade"], g["lessonPair"]["start_time"]) for g in maths["grades"]] == [
        (mark.pk, 5, "10:00")
    ]
    assert maths["grades"][0]["employee"]["id"] == w.karimov.pk
    assert rows["FIZ204"]["student_ball"] == 0 and rows["FIZ204"]["grades"] == []
    # the classmate sees their own (nothing yet), never the first one's
    other = {row["subject"]["code"]: row for row in get(client, "subjects", second).json()["data"]}
    assert other["MAT204"]["student_ball"] == 0 and other["MAT204"]["absent_count"] == 0
    assert other["MAT204"]["grades"] == []
    # asked by code, under either parameter name
    assert len(get(client, "subjects", first, semester="14").json()["data"]) == 2
    assert len(get(client, "subjects", first, _semester="14").json()["data"]) == 2
    assert get(client, "subjects", first, semester="13").json()["data"] == []


def test_subjects_bad_parameters_and_no_token(client, pair):
    first, _second = pair
    response = get(client, "subjects", first, semester="spring")
    assert response.status_code == 400
    check_error(response.json(), 400)
    assert "semester" in response.json()["error"]
    check_error(client.get(url("subjects")).json(), 401, INVALID)
    check_error(client.get(url("subject-list")).json(), 401, INVALID)


def test_subject_lists_take_bounded_queries(client, g, pair, django_assert_num_queries):
    w = g.world
    first, _second = pair
    grade_maths(w, first)
    headers = bearer(first)
    for n, name in enumerate(("subjects", "subject-list")):
        client.get(url(name), **headers)
        with CaptureQueriesContext(connection) as before:
            client.get(url(name), **headers)
        counts = [len(before.captured_queries)]
        daily_mark(w, first, extra_subject(w, f"X{n}A"), dt.date(2027, 2, 11 + n))
        daily_mark(w, first, extra_subject(w, f"X{n}B"), dt.date(2027, 2, 15 + n))
        daily_mark(w, first, w.physics, dt.date(2027, 2, 19 + n))
        with django_assert_num_queries(counts[0]):
            assert len(client.get(url(name), **headers).json()["data"]) >= 4


def test_subject_list_with_overall_score_and_grades_by_exam(client, g, pair):
    w = g.world
    first, _second = pair
    grade_maths(w, first)
    body = get(client, "subject-list", first).json()
    check("/v1/education/subject-list", body)
    rows = {row["curriculumSubject"]["subject"]["code"]: row for row in body["data"]}
    maths = rows["MAT204"]
    assert maths["_semester"] == "14"
    assert maths["overallScore"]["grade"] == 40 and maths["overallScore"]["max_ball"] == 100
    assert maths["overallScore"]["percent"] == 40 and maths["overallScore"]["examType"]["code"] == "14"
    assert [
        (g["examType"]["code"], g["grade"], g["max_ball"], g["percent"]) for g in maths["gradesByExam"]
    ] == [
        ("11", 25, 30, 83),
        ("12", 15, 20, 75),
    ]
    assert rows["FIZ204"]["gradesByExam"] == [] and rows["FIZ204"]["overallScore"]["percent"] == 0


# --- one subject ---------------------------------------------------------------------------------------


def assignment_with_submissions(w, first, second):
    load = TeachingLoad.objects.get(
        group_subject=w.bindings[("KT-21", "MAT204")], training_type=TrainingType.LECTURE
    )
    deadline = dt.datetime(2027, 3, 1, 18, 0, tzinfo=TASHKENT)
    task = Assignment.objects.create(
        load=load, title="Integrallar", deadline=deadline, max_points=Decimal(10), attempts=2
    )
    mine = Submission.objects.create(
        assignment=task,
        student=first,
        attempt=1,
        file=SimpleUploadedFile("javob.pdf", b"%PDF-1.4"),
        points=Decimal(8),
        graded_at=timezone.now(),
        teacher_comment="Yaxshi",
    )
    Submission.objects.create(
        assignment=task, student=second, attempt=1, file=SimpleUploadedFile("boshqa.pdf", b"%PDF-1.4")
    )
    return task, mine


@pytest.mark.parametrize("operation", ["subject", "performance"])
def test_one_subject_with_its_tasks_and_the_students_own_activity(
    client, g, pair, operation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    w = g.world
    first, second = pair
    grade_maths(w, first)
    task, mine = assignment_with_submissions(w, first, second)
    body = get(client, operation, first, subject=w.math.pk, semester="14").json()
    check(f"/v1/education/{operation}", body)
    data = body["data"]
    assert data["subject"]["code"] == "MAT204" and data["student_ball"] == 40
    assert data["tasks_count"] == 1 and data["submits_count"] == 1 and data["marked_count"] == 1
    assert len(data["grades"]) == 1
    [shown] = data["tasks"]
    assert shown["id"] == task.pk and shown["attempt_limit"] == 2 and shown["max_ball"] == 10
    assert shown["taskStatus"]["code"] == "13" and shown["employee"]["id"] == w.karimov.pk
    activity = shown["studentTaskActivity"]
    assert activity["id"] == mine.pk and activity["mark"] == 8 and activity["mark_comment"] == "Yaxshi"
    # the classmate's task shows their own unmarked submission
    theirs = get(client, operation, second, subject=w.math.pk).json()["data"]["tasks"][0]
    assert theirs["taskStatus"]["code"] == "12" and theirs["studentTaskActivity"]["mark"] is None
    assert theirs["studentTaskActivity"]["id"] != mine.pk


@pytest.mark.parametrize("operation", ["subject", "performance"])
def test_one_subject_of_another_group_is_not_found(client, g, pair, operation):
    w = g.world
    first, _second = pair
    theirs = extra_subject(w, "KT22ONLY", group=w.kt22)
    response = get(client, operation, first, subject=theirs.pk)
    assert response.status_code == 404
    check_error(response.json(), 404, NOT_FOUND)
    check_error(get(client, operation, first, subject=w.math.pk, semester="13").json(), 404, NOT_FOUND)
    check_error(get(client, operation, first).json(), 400)
    check_error(get(client, operation, first, subject="maths").json(), 400)
    check_error(client.get(url(operation), {"subject": w.math.pk}).json(), 401, INVALID)


# --- grade types ---------------------------------------------------------------------------------------


def test_grade_types_are_the_bands_of_the_students_marking_system(client, g, pair):
    w = g.world
    first, _second = pair
    body = get(client, "grade-type-list", first).json()
    check("/v1/education/grade-type-list", body)
    system = w.curriculum.marking_system
    bands = list(GradeBand.objects.filter(marking_system=system).order_by("-min_value"))
    assert [(g["code"], g["min_border"], g["max_border"]) for g in body["data"]] == [
        (b.grade, b.min_value, b.max_value) for b in bands
    ]
    assert body["data"][0]["markingSystem"]["code"] == system.code
    assert body["data"][0]["markingSystem"]["minimum_limit"] == system.pass_border
    check_error(client.get(url("grade-type-list")).json(), 401, INVALID)


# --- GPA -----------------------------------------------------------------------------------------------


def gpa(student, year, value: str, *, debts: int = 0) -> Gpa:
    return Gpa.objects.create(
        student=student,
        academic_year=year,
        gpa=Decimal(value),
        credits=Decimal("30"),
        subjects=8,
        debts=debts,
        computed_at=timezone.now(),
    )


def test_gpa_list_is_the_students_own_with_method_and_transfer(client, g, pair):
    w = g.world
    first, second = pair
    yearly = gpa(first, w.year, "3.8")
    total = gpa(first, None, "2.2", debts=1)
    gpa(second, w.year, "4.5")
    body = get(client, "gpa-list", first).json()
    check("/v1/education/gpa-list", body)
    rows = body["data"]
    assert [(r["id"], r["method"], r["gpa"]) for r in rows] == [
        (yearly.pk, "one_year", 3.8),
        (total.pk, "all_year", 2.2),
    ]
    assert all(r["_student"] == first.pk and r["_group"] == w.kt21.pk for r in rows)
    assert rows[0]["educationYear"] == {"code": "2026", "name": "2026-2027"}
    assert rows[1]["debt_subjects"] == 1 and rows[0]["level"]["code"] == "12"
    # the year's GPA decides by default (threshold 2.40); with all years, the cumulative one
    assert [r["can_transfer"] for r in rows] == [True, False]
    UniversitySettings.objects.filter(pk=UniversitySettings.current().pk).update(gpa_scope=GpaScope.ALL_YEARS)
    assert [r["can_transfer"] for r in get(client, "gpa-list", first).json()["data"]] == [False, False]
    assert [r["gpa"] for r in get(client, "gpa-list", second).json()["data"]] == [4.5]
    check_error(client.get(url("gpa-list")).json(), 401, INVALID)


def test_gpa_list_takes_bounded_queries(client, g, pair, django_assert_num_queries):
    w = g.world
    first, _second = pair
    gpa(first, w.year, "3.8")
    headers = bearer(first)
    client.get(url("gpa-list"), **headers)
    with CaptureQueriesContext(connection) as one:
        client.get(url("gpa-list"), **headers)
    gpa(first, None, "3.8")
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url("gpa-list"), **headers).json()["data"]) == 2


@pytest.fixture
def rated(g, pair):
    """GPAs of the year: KT-21's first five students 4.5, 4.0, 4.0, 3.0, 2.0; a KT-22 student 5.0."""
    w = g.world
    students = g.students()
    for student, value in zip(students[:5], ("4.5", "4.0", "4.0", "3.0", "2.0"), strict=True):
        gpa(student, w.year, value)
    gpa(g.students("KT-22")[0], w.year, "5.0")
    return students


def test_gpa_rating_in_the_group_paginated(client, g, pair, rated):
    first, second = pair
    body = get(client, "gpa-rating", second, limit="2").json()
    check("/v1/education/gpa-rating", body)
    data = body["data"]
    assert data["scope"] == "group" and data["_education_year"] == "2026"
    assert data["current_student"] == {"rank": 2, "gpa": 4.0, "total": 5}
    assert data["pagination"] == {"totalCount": 5, "pageSize": 2, "pageCount": 3, "page": 1}
    assert [(i["rank"], i["gpa"], i["is_current"]) for i in data["items"]] == [
        (1, 4.5, False),
        (2, 4.0, True),
    ]
    # the others' places come without who they are; the student's own entry names them
    top, own = data["items"][0]["student"], data["items"][1]["student"]
    assert top == {"id": 0, "full_name": "", "short_name": "", "student_id_number": "", "image": ""}
    assert first.student_id_number not in json.dumps(body, ensure_ascii=False)
    assert own["id"] == second.pk and own["student_id_number"] == second.student_id_number
    page = get(client, "gpa-rating", second, limit="2", page="2").json()["data"]
    assert [(i["rank"], i["gpa"]) for i in page["items"]] == [(2, 4.0), (4, 3.0)]
    assert get(client, "gpa-rating", second, limit="2", page="9").json()["data"]["items"] == []
    # the university scope counts the other group too
    university = get(client, "gpa-rating", second, scope="university").json()["data"]
    assert university["current_student"]["rank"] == 3 and university["pagination"]["totalCount"] == 6


def test_gpa_rating_bad_parameters_and_other_years(client, pair, rated):
    first, _second = pair
    for params, name in (
        ({"scope": "planet"}, "scope"),
        ({"page": "0"}, "page"),
        ({"limit": "500"}, "limit"),
        ({"_education_year": "last"}, "_education_year"),
    ):
        response = get(client, "gpa-rating", first, **params)
        assert response.status_code == 400, params
        assert name in response.json()["error"]
    empty = get(client, "gpa-rating", first, _education_year="2019").json()["data"]
    assert empty["items"] == [] and empty["current_student"]["total"] == 0
    check_error(client.get(url("gpa-rating")).json(), 401, INVALID)


def test_gpa_rating_takes_bounded_queries(client, g, pair, rated, django_assert_num_queries):
    first, _second = pair
    headers = bearer(first)
    client.get(url("gpa-rating"), {"limit": "1"}, **headers)
    with CaptureQueriesContext(connection) as one:
        client.get(url("gpa-rating"), {"limit": "1"}, **headers)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url("gpa-rating"), {"limit": "3"}, **headers).json()["data"]["items"]) == 3
