"""Student API, a student's lessons: ``education/attendance``, ``schedule``, ``exam-table`` and
``resources`` against the document, with the student's own values only (Ali and Vali of KT-21; KT-22
and the economics group beside them), bad parameters, bad tokens and bounded queries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hemis.api.rest_v1 import auth
from hemis.api.rest_v1.core import ts
from hemis.curricula.enums import TrainingType
from hemis.schedule.services import controls
from hemis.schedule.services.placement import Attendee
from hemis.teaching.models import Resource, Topic
from hemis.testing import factories as f
from hemis.testing.hemis_api import check, check_error
from hemis.testing.schedule import absent, add_control, add_entry, add_lab, economics, with_login

D = dt.date
INVALID = "Your request was made with invalid credentials."
NOT_FOUND = "Data not found."
LANGUAGES = ("uz-UZ", "oz-UZ", "ru-RU", "en-US")
SPRING = "14"  # the world's spring semester is the 4th of its curriculum


@pytest.fixture(autouse=True)
def _media(media):
    return media


def call(client, operation: str, student, **params):
    token = auth.issue(student.user)
    return client.get(f"/rest/v1/education/{operation}", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def documented(client, operation: str, student, **params) -> list:
    """The answer's data, checked against the document in each of the four languages (Uzbek's returned)."""
    answers = {}
    for language in LANGUAGES:
        response = call(client, operation, student, l=language, **params)
        assert response.status_code == 200, response.content
        check(f"/v1/education/{operation}", response.json())
        answers[language] = response.json()["data"]
    return answers["uz-UZ"]


def queries(client, operation: str, student, **params) -> tuple[int, list]:
    """How many queries an answer costs, and its data."""
    with CaptureQueriesContext(connection) as made:
        response = call(client, operation, student, **params)
    return len(made), response.json()["data"]


def refused(response, code: int, message: str | None = None) -> None:
    assert response.status_code == code
    check_error(response.json(), code, message)


@pytest.mark.parametrize("operation", ["attendance", "schedule", "exam-table", "resources"])
def test_no_token_or_a_bad_one_is_401(client, student_in_group, operation):
    path = f"/rest/v1/education/{operation}"
    refused(client.get(path), 401, INVALID)
    refused(client.get(path, HTTP_AUTHORIZATION="Bearer not-a-token"), 401, INVALID)


@pytest.mark.parametrize("operation", ["attendance", "schedule", "exam-table", "resources"])
def test_a_semester_or_subject_that_is_no_number_is_400(client, student_in_group, operation):
    response = call(client, operation, student_in_group, semester="spring", l="en-US")
    refused(response, 400, "Invalid value of parameter semester: spring is not an integer.")
    if operation in ("attendance", "resources"):
        response = call(client, operation, student_in_group, subject="x", l="en-US")
        refused(response, 400, "Invalid value of parameter subject: x is not an integer.")
    if operation == "schedule":
        response = call(client, operation, student_in_group, week="next", l="en-US")
        refused(response, 400, "Invalid value of parameter week: next is not an integer.")


# --- attendance -------------------------------------------------------------------------------------


def test_attendance_is_the_students_own_missed_lessons(client, school, pair):
    w = school.world
    ali, vali = pair
    math = absent(w, ali, w.math, 2)
    physics = absent(w, ali, w.physics, 2, excused=True)
    absent(w, vali, w.math, 4)  # Vali's, never Ali's
    data = documented(client, "attendance", ali)
    assert [
        (r["subject"]["code"], r["absent_on"], r["absent_off"], r["explicable"], r["lesson_date"])
        for r in data
    ] == [
        ("MAT204", 0, 2, False, ts(math.record.lesson.date)),
        ("FIZ204", 2, 0, True, ts(physics.record.lesson.date)),
    ]
    row = data[0]
    lesson = math.record.lesson
    assert row["semester"]["id"] == w.semester.pk
    assert row["semester"]["code"] == SPRING and row["semester"]["name"] == "4-semestr"
    assert row["trainingType"] == {"code": "11", "name": "Maʼruza"}
    assert row["employee"] == {"id": w.karimov.pk, "name": w.karimov.full_name}
    assert row["lessonPair"] == {
        "code": str(lesson.pair),
        "name": str(lesson.pair),
        "start_time": "08:00",
        "end_time": "09:20",
        "_education_year": "2026",
    }
    vali_rows = call(client, "attendance", vali).json()["data"]
    assert [(r["subject"]["code"], r["absent_off"]) for r in vali_rows] == [("MAT204", 4)]


def test_attendance_of_one_subject_or_semester(client, school, pair):
    w = school.world
    ali = pair[0]
    absent(w, ali, w.math, 2)
    absent(w, ali, w.physics, 2)
    only_physics = call(client, "attendance", ali, subject=w.physics.pk, semester=SPRING).json()["data"]
    assert [r["subject"]["code"] for r in only_physics] == ["FIZ204"]
    # the student has no 3rd semester: nothing
    assert call(client, "attendance", ali, semester="13").json()["data"] == []


def test_attendance_costs_the_same_for_one_absence_as_for_three(
    client, school, pair, django_assert_num_queries
):
    w = school.world
    ali = pair[0]
    absent(w, ali, w.math, 2)
    one, data = queries(client, "attendance", ali)
    assert len(data) == 1
    absent(w, ali, w.physics, 2, excused=True)
    absent(w, ali, w.math, 2)
    with django_assert_num_queries(one):
        assert len(call(client, "attendance", ali).json()["data"]) == 3


# --- the week's lessons -----------------------------------------------------------------------------


def week_of(day: dt.date) -> int:
    """A week's id as ``education/semesters`` gives it: the timestamp of its Monday."""
    return ts(day - dt.timedelta(days=day.weekday()))


@pytest.fixture
def timetable(school, pair, dean_chemistry):
    """The spring timetable: Mathematics' lecture to the KT-21 + KT-22 stream on Mondays at pair 1,
    Physics' laboratory of KT-21's subgroup 1 (Ali's and Vali's) on Wednesdays at pair 3 and of its
    subgroup 2 at pair 2, and a Physics lecture of KT-22 alone on Tuesdays at pair 1."""
    w = school.world
    add_entry(w, dean_chemistry)
    add_lab(w, dean_chemistry, w.sub_a, pair=3)
    add_lab(w, dean_chemistry, w.sub_b)
    add_entry(
        w,
        dean_chemistry,
        subject=w.physics,
        teacher=w.rahimova,
        weekday=2,
        attendees=[Attendee(w.kt22)],
    )
    return w


def test_the_schedule_is_the_students_own_week(client, timetable, pair):
    w = timetable
    monday = D(2027, 2, 8)  # the semester's second week
    data = documented(client, "schedule", pair[0], week=week_of(monday + dt.timedelta(days=3)))
    assert [
        (r["lesson_date"], r["lessonPair"]["code"], r["subject"]["code"], r["trainingType"]["code"])
        for r in data
    ] == [
        (ts(monday), "1", "MAT204", "11"),
        (ts(monday + dt.timedelta(days=2)), "3", "FIZ204", "12"),
    ]
    lecture = data[0]
    assert lecture["_week"] == week_of(monday)
    assert (lecture["weekStartTime"], lecture["weekEndTime"]) == (
        ts(monday),
        ts(monday + dt.timedelta(days=6)),
    )
    assert (lecture["group"]["id"], lecture["group"]["name"]) == (w.kt21.pk, "KT-21")
    assert lecture["group"]["educationLang"]["code"] == w.kt21.language
    assert lecture["employee"] == {"id": w.karimov.pk, "name": w.karimov.full_name}
    assert lecture["auditorium"]["code"] == "301" and lecture["auditorium"]["volume"] == 100
    assert lecture["auditorium"]["building"] == {"id": str(w.room301.building_id), "name": "Bosh bino"}
    assert lecture["faculty"]["id"] == w.faculty.pk and lecture["department"]["id"] == w.department.pk
    assert lecture["semester"] == {"code": SPRING, "name": "4-semestr"}
    assert lecture["educationYear"] == {"code": "2026", "name": "2026-2027", "current": False}
    assert lecture["lessonPair"]["start_time"] == "08:30"


def test_without_a_week_the_schedule_is_the_current_week_of_the_semester(client, timetable, pair):
    w = timetable
    today = timezone.localdate()
    holds_today = w.semester.start_date <= today <= w.semester.end_date
    expected = week_of(today if holds_today else w.semester.start_date)
    for params in ({}, {"semester": SPRING}):
        data = call(client, "schedule", pair[0], **params).json()["data"]
        assert {r["_week"] for r in data} == ({expected} if data else set())
    if not holds_today:  # the semester's first week: its Monday lecture and Wednesday laboratory
        first = call(client, "schedule", pair[0]).json()["data"]
        assert [r["subject"]["code"] for r in first] == ["MAT204", "FIZ204"]
    # a semester the student does not have
    assert call(client, "schedule", pair[0], semester="13").json()["data"] == []


def test_another_subgroups_and_groups_lessons_are_not_in_the_schedule(client, timetable, school):
    w = timetable
    carol = w.sub_b.students.order_by("last_name").first()  # of subgroup 2
    f.grant(with_login(carol, "carol"), "student")
    data = call(client, "schedule", carol, week=week_of(D(2027, 2, 8))).json()["data"]
    assert [(r["subject"]["code"], r["lessonPair"]["code"]) for r in data] == [
        ("MAT204", "1"),
        ("FIZ204", "2"),
    ]
    kt22 = school.students("KT-22")[0]
    f.grant(with_login(kt22, "dora"), "student")
    data = call(client, "schedule", kt22, week=week_of(D(2027, 2, 8))).json()["data"]
    assert [(r["subject"]["code"], r["group"]["name"]) for r in data] == [
        ("MAT204", "KT-22"),
        ("FIZ204", "KT-22"),
    ]
    assert w


def test_the_schedule_costs_the_same_for_one_lesson_as_for_three(
    client, school, pair, dean_chemistry, django_assert_num_queries
):
    w = school.world
    add_entry(w, dean_chemistry)
    week = week_of(D(2027, 2, 8))
    one, data = queries(client, "schedule", pair[0], week=week)
    assert len(data) == 1
    add_lab(w, dean_chemistry, w.sub_a, pair=3)
    add_entry(w, dean_chemistry, subject=w.physics, teacher=w.rahimova, weekday=4, room=w.room204)
    with django_assert_num_queries(one):
        assert len(call(client, "schedule", pair[0], week=week).json()["data"]) == 3


# --- the control schedule ---------------------------------------------------------------------------


def test_the_exam_table_is_the_students_published_controls(client, school, pair, dean_chemistry):
    w = school.world
    final = add_control(w, dean_chemistry)
    add_control(w, dean_chemistry, group="KT-22", date=D(2027, 2, 13))
    assert call(client, "exam-table", pair[0]).json()["data"] == []  # not published yet
    for group in (w.kt21, w.kt22):
        controls.publish_controls(group=group, semester=w.semester, actor=dean_chemistry)
    data = documented(client, "exam-table", pair[0])
    assert [(r["id"], r["subject"]["code"], r["examDate"]) for r in data] == [
        (final.pk, "MAT204", ts(D(2027, 2, 12)))
    ]
    exam = data[0]
    assert exam["examType"] == {"code": "13", "name": "Yakuniy nazorat"}
    assert exam["finalExamType"] == {"code": "11", "name": "1-qaydnoma"}
    assert exam["semester"]["id"] == w.semester.pk and exam["semester"]["code"] == SPRING
    assert exam["group"]["name"] == "KT-21" and exam["employee"]["id"] == w.karimov.pk
    assert exam["auditorium"]["code"] == "204" and exam["lessonPair"]["code"] == "3"
    assert call(client, "exam-table", pair[0], semester=SPRING).json()["data"] == data
    assert call(client, "exam-table", pair[0], semester="13").json()["data"] == []


def test_the_exam_table_costs_the_same_for_one_control_as_for_three(
    client, school, pair, dean_chemistry, django_assert_num_queries
):
    w = school.world
    add_control(w, dean_chemistry)
    controls.publish_controls(group=w.kt21, semester=w.semester, actor=dean_chemistry)
    one, data = queries(client, "exam-table", pair[0])
    assert len(data) == 1
    add_control(w, dean_chemistry, subject="FIZ204", date=D(2027, 2, 15), examiner=w.rahimova)
    add_control(w, dean_chemistry, control_kind="12", date=D(2027, 2, 16))
    with django_assert_num_queries(one):
        assert len(call(client, "exam-table", pair[0]).json()["data"]) == 3


# --- resources --------------------------------------------------------------------------------------


def lecture_file(cs, teacher, title="Maʼruza matni", topic=None) -> Resource:
    return Resource.objects.create(
        curriculum_subject=cs,
        training_type=TrainingType.LECTURE,
        topic=topic,
        teacher=teacher,
        kind="file",
        title=title,
        file=SimpleUploadedFile("lecture.pdf", b"%PDF-1.4 lecture"),
        size=16,
    )


def test_resources_are_the_subjects_files_and_links(client, school, pair, uni):
    w = school.world
    topic = Topic.objects.create(
        curriculum_subject=school.math_cs, training_type="11", position=1, title="Limitlar", hours=2
    )
    text = lecture_file(school.math_cs, w.karimov, topic=topic)
    video = Resource.objects.create(
        curriculum_subject=school.physics_cs,
        training_type=TrainingType.LABORATORY,
        teacher=w.rahimova,
        kind="link",
        title="Video",
        url="https://example.uz/v",
    )
    other = economics(w, uni)  # another faculty's subject: never the student's
    accounting = other.student.group.subjects.get().curriculum_subject
    lecture_file(accounting, other.teacher, title="Buxgalteriya")
    data = documented(client, "resources", pair[0])
    assert [(r["id"], r["title"], r["subject"]["code"]) for r in data] == [
        (video.pk, "Video", "FIZ204"),
        (text.pk, "Maʼruza matni", "MAT204"),
    ]
    link, pdf = data
    assert link["url"] == "https://example.uz/v" and link["files"] == []
    assert link["subjectFileResourceItems"][0]["url"] == "https://example.uz/v"
    download = f"http://testserver/rest/v1/education/file?kind=resource&id={text.pk}"
    assert pdf["files"] == [{"name": text.file.name.rsplit("/", 1)[1], "size": 16, "url": download}]
    assert pdf["url"] == download
    assert pdf["subjectFileResourceItems"] == [
        {
            "id": text.pk,
            "comment": None,
            "resourceType": {"code": "file", "name": "Fayl"},
            "url": download,
            "files": pdf["files"],
            "updated_at": ts(text.updated_at),
        }
    ]
    assert pdf["employee"] == {"id": w.karimov.pk, "name": w.karimov.full_name}
    assert pdf["trainingType"]["code"] == "11"
    only_math = call(client, "resources", pair[0], subject=w.math.pk).json()["data"]
    assert [r["id"] for r in only_math] == [text.pk]
    assert call(client, "resources", pair[0], semester="13").json()["data"] == []
    # the economics student sees their own subject's only
    f.grant(with_login(other.student, "qodirov"), "student")
    assert [r["title"] for r in call(client, "resources", other.student).json()["data"]] == ["Buxgalteriya"]


def test_resources_cost_the_same_for_one_as_for_three(client, school, pair, django_assert_num_queries):
    w = school.world
    lecture_file(school.math_cs, w.karimov)
    one, data = queries(client, "resources", pair[0])
    assert len(data) == 1
    lecture_file(school.physics_cs, w.rahimova)
    lecture_file(school.math_cs, w.karimov, title="Ikkinchi")
    with django_assert_num_queries(one):
        assert len(call(client, "resources", pair[0]).json()["data"]) == 3


def test_a_file_downloads_with_the_token_through_the_policy(client, school, pair, uni):
    """The address every ``File`` gives: the student's token opens their subject's file; another
    faculty's resource is "not found", a bad kind or id a 400, no token a 401."""
    w = school.world
    text = lecture_file(school.math_cs, w.karimov)
    other = economics(w, uni)
    foreign = lecture_file(other.student.group.subjects.get().curriculum_subject, other.teacher, title="X")
    url = documented(client, "resources", pair[0])[-1]["url"]
    token = auth.issue(pair[0].user)
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 lecture"
    assert response["Content-Disposition"].startswith("attachment")
    refused(call(client, "file", pair[0], kind="resource", id=foreign.pk), 404, NOT_FOUND)
    refused(call(client, "file", pair[0], kind="secret", id=text.pk, l="en-US"), 400)
    refused(call(client, "file", pair[0], kind="resource", l="en-US"), 400, "Missing required parameter: id")
    refused(client.get(url), 401, INVALID)
