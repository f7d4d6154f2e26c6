"""The data API's education lists (``/rest/v1/data/*``): the timetable, attendance, daily marks, exam
results, the academic record, GPAs and their rating, the control schedule — each against the document's
schema, with its values, its filters, its pagination, a bounded number of queries, 400 for bad
parameters and 401 without a valid token."""

# ruff: noqa: F811 - the worlds' fixtures are imported and taken as arguments

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hemis.academics.models import AcademicYear
from hemis.api.rest_v1 import auth
from hemis.api.rest_v1.core import ts
from hemis.grading.models import Gpa
from hemis.grading.services.records import refresh_records
from hemis.integrations import services as integrations
from hemis.schedule.enums import ControlKind
from hemis.schedule.services.controls import publish_controls
from hemis.schedule.services.placement import Attendee
from hemis.teaching.models import Absence, DailyMark, Excuse, LessonRecord
from hemis.testing import factories as f
from hemis.testing.grading import grading, make_statement, world  # noqa: F401
from hemis.testing.grading_records import grade
from hemis.testing.hemis_api import check, check_error
from hemis.testing.schedule import add_control, add_entry

D = dt.date
INVALID = "Your request was made with invalid credentials."
OPERATIONS = (
    "schedule-list",
    "attendance-list",
    "student-grade-list",
    "student-performance-list",
    "academic-record-list",
    "student-gpa-list",
    "student-gpa-rating",
    "subject-exam-list",
)
YEAR = {"_education_year": "2026"}  # the world's 2026-2027
_addresses = itertools.count(1)


@pytest.fixture
def key(superadmin):
    user = f.UserFactory(username="lms")
    f.grant(user, "api_user")
    _token, key = integrations.issue_token(holder=user, name="LMS", actor=superadmin)
    return key


@pytest.fixture
def api(client, key):
    """``api(operation, **params)``: the body of a call with the token, from a new address each time
    (the data API allows 10 calls a second per address); ``status`` checks the HTTP status."""

    def call(operation, status=200, **params):
        n = next(_addresses)
        response = client.get(
            f"/rest/v1/data/{operation}",
            params,
            HTTP_AUTHORIZATION=f"Bearer {key}",
            REMOTE_ADDR=f"10.1.{n // 200}.{n % 200 + 1}",
        )
        body = response.json()
        assert response.status_code == status == body["code"], body
        if status != 200:
            check_error(body, status)
            return body
        check(f"/v1/data/{operation}", body)
        return body["data"]

    return call


def queries(api, operation, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        api(operation, **params)
    return len(captured)


def items(data) -> list:
    return data["items"]


# --- the doors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_no_token_or_a_bad_token_is_401(client, key, operation):
    url = f"/rest/v1/data/{operation}?_education_year=2026"
    response = client.get(url)
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key[:-2]}xx", REMOTE_ADDR="10.2.0.1")
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    "params, name",
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"page": "abc"}, "page"),
        ({"_education_year": "20x6"}, "_education_year"),
    ],
)
def test_bad_parameters_are_400_naming_them(api, operation, params, name):
    body = api(operation, status=400, **({"_education_year": "2026"} | params))
    assert name in body["error"]


@pytest.mark.parametrize(
    "operation, params, name",
    [
        ("schedule-list", {"_group": "KT"}, "_group"),
        ("schedule-list", {"_week": "monday"}, "_week"),
        ("schedule-list", {"lesson_date_from": "yesterday"}, "lesson_date_from"),
        ("attendance-list", {"attendance_type": "late"}, "attendance_type"),
        ("attendance-list", {"_subject_schedule": "1.5"}, "_subject_schedule"),
        ("student-grade-list", {"_lesson_pair": "first"}, "_lesson_pair"),
        ("student-performance-list", {"exam_date_to": "soon"}, "exam_date_to"),
        ("academic-record-list", {"updated_at_from": "x"}, "updated_at_from"),
        ("student-gpa-list", {"_level": "two"}, "_level"),
        ("student-gpa-rating", {}, "_education_year"),
        ("subject-exam-list", {"_exam_type": "final"}, "_exam_type"),
    ],
)
def test_each_operations_own_bad_parameters_are_400(client, key, operation, params, name):
    response = client.get(
        f"/rest/v1/data/{operation}", params, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="10.3.0.1"
    )
    assert response.status_code == 400
    body = response.json()
    check_error(body, 400)
    assert name in body["error"]


# --- schedule-list --------------------------------------------------------------------------------


@pytest.fixture
def lectures(world, superadmin):
    """Karimov's Mathematics lecture to KT-21 and KT-22, Mondays at pair 1 in room 301, all spring."""
    return add_entry(world, superadmin)


def test_schedule_list_answers_a_lesson_per_group_as_documented(api, world, lectures):
    lessons = list(lectures.lessons.order_by("date"))
    data = api("schedule-list", _group=world.kt21.pk, limit=200, **YEAR)
    assert data["pagination"]["totalCount"] == len(lessons) > 10
    first = items(data)[0]
    monday = lessons[0].date
    assert first["subject"] == {"id": world.math.pk, "code": "MAT204", "name": "Oliy matematika"}
    assert first["group"]["id"] == world.kt21.pk and first["group"]["name"] == "KT-21"
    assert first["employee"] == {"id": world.karimov.pk, "name": world.karimov.full_name}
    assert first["semester"]["code"] == "14"
    assert first["educationYear"]["code"] == "2026"
    assert first["trainingType"]["code"] == "11"
    assert first["lessonPair"] == {
        "code": "11",
        "name": "1",
        "start_time": "08:30",
        "end_time": "09:50",
        "_education_year": "2026",
    }
    assert first["auditorium"]["code"] == str(world.room301.pk) and first["auditorium"]["volume"] == 100
    assert first["faculty"]["id"] == world.faculty.pk
    assert first["department"]["id"] == world.department.pk
    assert first["lesson_date"] == ts(monday)
    assert first["_week"] == first["weekStartTime"] == ts(monday)
    assert first["weekEndTime"] == ts(monday + dt.timedelta(days=6))
    # both groups of the stream: an item each
    week = api("schedule-list", _week=ts(monday), **YEAR)
    assert sorted(i["group"]["name"] for i in items(week)) == ["KT-21", "KT-22"]


def test_schedule_list_filters(api, world, lectures, superadmin):
    add_entry(
        world,
        superadmin,
        subject=world.physics,
        teacher=world.rahimova,
        weekday=2,
        pair=2,
        attendees=[Attendee(world.kt22)],
    )
    first = lectures.lessons.order_by("date").first().date

    def total(**params):
        return api("schedule-list", **(YEAR | params))["pagination"]["totalCount"]

    everything = total()
    maths = total(_subject=world.math.pk)
    physics = total(_subject=world.physics.pk)
    assert maths and physics and maths + physics == everything
    assert total(_employee=world.rahimova.pk) == physics
    assert total(_group=world.kt21.pk) == maths // 2
    assert total(_lesson_pair=12) == physics
    assert total(_faculty=world.faculty.pk) == everything
    assert total(_faculty=world.faculty.pk + 1000) == 0
    assert total(_auditorium=world.room301.pk) == everything
    assert total(_semester=14) == everything and total(_semester=13) == 0
    assert total(lesson_date_from=ts(first), lesson_date_to=ts(first)) == 2
    assert total(lesson_date_from=ts(first) + 1, lesson_date_to=ts(first + dt.timedelta(days=1))) == 1
    assert total(updated_at_from=int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp())) == 0
    assert total(_education_year=2025) == 0
    # the current academic year by default
    assert api("schedule-list")["pagination"]["totalCount"] == 0
    AcademicYear.objects.filter(pk=world.year.pk).update(is_current=True)
    assert api("schedule-list")["pagination"]["totalCount"] == everything


def test_schedule_list_paginates_in_bounded_queries(api, lectures):
    total = api("schedule-list", **YEAR)["pagination"]["totalCount"]
    last = api("schedule-list", limit=7, page=(total + 6) // 7, **YEAR)
    assert last["pagination"] == {
        "totalCount": total,
        "pageSize": 7,
        "pageCount": (total + 6) // 7,
        "page": (total + 6) // 7,
    }
    assert len(items(last)) == total - 7 * ((total + 6) // 7 - 1)
    assert items(api("schedule-list", limit=7, page=99, **YEAR)) == []
    assert queries(api, "schedule-list", limit=1, **YEAR) == queries(api, "schedule-list", limit=3, **YEAR)


# --- attendance-list and student-grade-list --------------------------------------------------------


def _recorded(lectures, n: int = 0) -> LessonRecord:
    return LessonRecord.objects.create(lesson=lectures.lessons.order_by("date")[n])


def test_attendance_list_answers_absences_with_excused_and_unexcused_hours(api, world, lectures):
    record = _recorded(lectures)
    aliyev0, aliyev1 = world.kt21.students.order_by("last_name")[:2]
    Absence.objects.create(record=record, student=aliyev0, hours=2)
    excuse = Excuse.objects.create(
        student=aliyev1,
        from_date=record.lesson.date,
        to_date=record.lesson.date,
        reason="Ill",
        document_number="7",
    )
    Absence.objects.create(record=record, student=aliyev1, hours=2, excuse=excuse)
    data = api("attendance-list")
    assert data["pagination"]["totalCount"] == 2
    by_student = {i["student"]["id"]: i for i in items(data)}
    unexcused, excused = by_student[aliyev0.pk], by_student[aliyev1.pk]
    assert (unexcused["absent_on"], unexcused["absent_off"]) == (0, 2)
    assert (excused["absent_on"], excused["absent_off"]) == (2, 0)
    assert unexcused["student"]["name"] == aliyev0.full_name
    assert unexcused["group"]["name"] == "KT-21"
    assert unexcused["subject"]["code"] == "MAT204"
    assert unexcused["employee"]["id"] == world.karimov.pk
    assert unexcused["educationYear"] == {"code": "2026", "name": "2026-2027"}
    assert unexcused["semester"]["code"] == "14"
    assert unexcused["lesson_date"] == ts(record.lesson.date)
    assert unexcused["created_at"] == ts(record.created_at)
    # the item of the timetable the absence is of: KT-21's row of the lesson
    schedule = api("schedule-list", _group=world.kt21.pk, limit=1, **YEAR)
    assert unexcused["_subject_schedule"] == items(schedule)[0]["id"]
    # filters
    assert [
        i["student"]["id"] for i in items(api("attendance-list", attendance_type="absent_with_reason"))
    ] == [aliyev1.pk]
    assert [
        i["student"]["id"] for i in items(api("attendance-list", attendance_type="absent_without_reason"))
    ] == [aliyev0.pk]
    assert items(api("attendance-list", attendance_type="present")) == []
    assert [i["id"] for i in items(api("attendance-list", _student=aliyev0.pk))] == [unexcused["id"]]
    assert [i["id"] for i in items(api("attendance-list", student_pnfl=aliyev1.pinfl))] == [excused["id"]]
    assert len(items(api("attendance-list", _subject_schedule=unexcused["_subject_schedule"]))) == 2
    assert items(api("attendance-list", _group=world.kt22.pk)) == []
    assert items(api("attendance-list", _subject=world.physics.pk)) == []
    assert items(api("attendance-list", _employee=world.rahimova.pk)) == []
    assert items(api("attendance-list", _training_type=13)) == []
    assert items(api("attendance-list", _lesson_pair=12)) == []
    assert len(items(api("attendance-list", _lesson_pair=11, _semester=14, _education_year=2026))) == 2
    assert items(api("attendance-list", _education_year=2027)) == []
    day = ts(record.lesson.date)
    assert len(items(api("attendance-list", lesson_date_from=day, lesson_date_to=day))) == 2
    assert items(api("attendance-list", lesson_date_from=day + 1)) == []


def test_attendance_list_queries_do_not_grow_with_the_items(api, world, lectures):
    students = list(world.kt21.students.order_by("last_name")[:3])
    records = [_recorded(lectures, n) for n in range(3)]
    Absence.objects.create(record=records[0], student=students[0], hours=2)
    one = queries(api, "attendance-list")
    for record, student in zip(records[1:], students[1:], strict=True):
        Absence.objects.create(record=record, student=student, hours=2)
    assert len(items(api("attendance-list"))) == 3
    assert queries(api, "attendance-list") == one


def test_student_grade_list_answers_the_daily_marks(api, world, lectures):
    record = _recorded(lectures)
    aliyev0, aliyev1 = world.kt21.students.order_by("last_name")[:2]
    mark = DailyMark.objects.create(record=record, student=aliyev0, value=5)
    DailyMark.objects.create(record=record, student=aliyev1, value=3)
    data = api("student-grade-list", _student=aliyev0.pk, **YEAR)
    assert data["pagination"]["totalCount"] == 1
    item = items(data)[0]
    assert item["id"] == mark.pk and item["_student"] == aliyev0.pk and item["grade"] == 5
    assert item["subject"]["code"] == "MAT204" and item["semester"]["code"] == "14"
    assert item["employee"]["id"] == world.karimov.pk
    assert item["trainingType"]["code"] == "11" and item["lessonPair"]["code"] == "11"
    assert item["lesson_date"] == ts(record.lesson.date)
    assert (
        item["_subject_schedule"]
        == items(api("schedule-list", _group=world.kt21.pk, limit=1, **YEAR))[0]["id"]
    )
    assert len(items(api("student-grade-list", **YEAR))) == 2
    assert len(items(api("student-grade-list", _group=world.kt21.pk, _faculty=world.faculty.pk, **YEAR))) == 2
    assert items(api("student-grade-list", _group=world.kt22.pk, **YEAR)) == []
    assert items(api("student-grade-list", _subject=world.physics.pk, **YEAR)) == []
    assert items(api("student-grade-list", _employee=world.rahimova.pk, **YEAR)) == []
    assert items(api("student-grade-list", _training_type=12, **YEAR)) == []
    assert items(api("student-grade-list", _lesson_pair=13, **YEAR)) == []
    assert items(api("student-grade-list", _semester=13, **YEAR)) == []
    assert items(api("student-grade-list", lesson_date_to=ts(record.lesson.date) - 1, **YEAR)) == []
    # the current academic year by default
    assert items(api("student-grade-list")) == []
    AcademicYear.objects.filter(pk=world.year.pk).update(is_current=True)
    assert len(items(api("student-grade-list"))) == 2


def test_student_grade_list_queries_do_not_grow_with_the_items(api, world, lectures):
    students = list(world.kt21.students.order_by("last_name")[:3])
    records = [_recorded(lectures, n) for n in range(3)]
    DailyMark.objects.create(record=records[0], student=students[0], value=4)
    one = queries(api, "student-grade-list", **YEAR)
    for record, student in zip(records[1:], students[1:], strict=True):
        DailyMark.objects.create(record=record, student=student, value=4)
    assert len(items(api("student-grade-list", **YEAR))) == 3
    assert queries(api, "student-grade-list", **YEAR) == one


# --- student-performance-list and academic-record-list -----------------------------------------------


def test_student_performance_list_answers_the_graded_lines_of_statements(api, grading):
    w = grading.world
    first, second, third = grading.students()[:3]
    statement = make_statement(w, control_kind=ControlKind.MIDTERM, points={first: 18, second: 11})
    data = api("student-performance-list")
    assert data["pagination"]["totalCount"] == 2  # the ungraded lines are no results
    item = next(i for i in items(data) if i["_student"] == first.pk)
    assert item["grade"] == item["regrade"] == 18
    assert item["_employee"] == w.karimov.pk
    assert item["_education_year"] == "2026"
    assert item["_exam_schedule"] is None  # written straight into the tables: no control on the timetable
    assert item["exam_date"] == ts(statement.control_date)
    assert item["subject"]["code"] == "MAT204" and item["semester"]["code"] == "14"
    assert item["examType"]["code"] == "12" and item["finalExamType"]["code"] == "11"
    assert isinstance(item["updated_at"], int)
    assert [i["_student"] for i in items(api("student-performance-list", _student=second.pk))] == [second.pk]
    assert items(api("student-performance-list", _student=third.pk)) == []
    assert items(api("student-performance-list", _employee=w.rahimova.pk)) == []
    assert len(items(api("student-performance-list", _semester=14, **YEAR))) == 2
    assert items(api("student-performance-list", _semester=13)) == []
    assert items(api("student-performance-list", _education_year=2027)) == []
    day = ts(statement.control_date)
    assert len(items(api("student-performance-list", exam_date_from=day, exam_date_to=day))) == 2
    assert items(api("student-performance-list", exam_date_from=day + 1)) == []
    graded = item["updated_at"]
    assert len(items(api("student-performance-list", updated_at_from=graded, updated_at_to=graded + 1))) == 2
    assert items(api("student-performance-list", updated_at_to=graded - 1)) == []


def test_student_performance_list_queries_do_not_grow_with_the_items(api, grading):
    w = grading.world
    students = grading.students()[:3]
    statement = make_statement(w, points={students[0]: 40})
    one = queries(api, "student-performance-list")
    statement.lines.filter(student__in=students[1:]).update(points=30)
    assert len(items(api("student-performance-list"))) == 3
    assert queries(api, "student-performance-list") == one


def test_academic_record_list_answers_the_records(api, grading):
    w = grading.world
    good, poor = grading.students()[:2]
    grade(w, "MAT204", {good: 86, poor: 40}, students=[good, poor])
    refresh_records(today=D(2027, 7, 1))
    data = api("academic-record-list")
    assert data["pagination"]["totalCount"] == 2
    item = items(api("academic-record-list", _student=good.pk))[0]
    assert item["_student"] == good.pk and item["student_name"] == good.full_name
    assert item["student_id_number"] == good.student_id_number
    assert item["_subject"] == w.math.pk and item["subject_code"] == "MAT204"
    assert item["subject_name"] == "Oliy matematika"
    assert item["_curriculum"] == w.curriculum.pk
    assert item["_semester"] == "14" and item["_education_year"] == "2026"
    assert item["_employee"] == w.karimov.pk and item["employee_name"] == w.karimov.full_name
    assert item["total_point"] == 86 and item["credit"] == 4
    assert item["total_acload"] == 60  # 30 h lecture + 30 h practical
    assert item["finish_credit_status"] is True and item["retraining_status"] is False
    assert isinstance(item["grade"], float)
    failed = items(api("academic-record-list", _student=poor.pk))[0]
    assert failed["finish_credit_status"] is False and failed["total_point"] == 40
    # filters
    assert len(items(api("academic-record-list", subject_code="MAT204", _semester=14, **YEAR))) == 2
    assert items(api("academic-record-list", subject_code="FIZ204")) == []
    assert items(api("academic-record-list", _subject=w.physics.pk)) == []
    assert [
        i["_student"] for i in items(api("academic-record-list", student_id_number=poor.student_id_number))
    ] == [poor.pk]
    assert len(items(api("academic-record-list", _employee=w.karimov.pk, _curriculum=w.curriculum.pk))) == 2
    assert items(api("academic-record-list", _employee=w.rahimova.pk)) == []
    assert items(api("academic-record-list", _curriculum=w.curriculum.pk + 100)) == []
    assert items(api("academic-record-list", _education_year=2025)) == []
    assert len(items(api("academic-record-list", education_type=good.education_type))) == 2
    assert items(api("academic-record-list", education_form="99")) == []
    assert (
        items(
            api(
                "academic-record-list",
                updated_at_from=int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp()),
            )
        )
        == []
    )


def test_academic_record_list_queries_do_not_grow_with_the_items(api, grading):
    w = grading.world
    students = grading.students()[:3]
    grade(w, "MAT204", {students[0]: 70}, students=students[:1])
    refresh_records(today=D(2027, 7, 1))
    one = queries(api, "academic-record-list")
    grade(w, "FIZ204", dict.fromkeys(students, 70), students=students)
    refresh_records(today=D(2027, 7, 1))
    assert len(items(api("academic-record-list", _subject=w.physics.pk))) == 3
    assert queries(api, "academic-record-list", _subject=w.physics.pk) == one


# --- student-gpa-list and student-gpa-rating ---------------------------------------------------------


def _gpa(student, year, value: str, *, debts: int = 0) -> Gpa:
    return Gpa.objects.create(
        student=student,
        academic_year=year,
        gpa=Decimal(value),
        credits=Decimal("24"),
        subjects=6,
        debts=debts,
        computed_at=dt.datetime(2027, 7, 1, tzinfo=dt.UTC),
    )


@pytest.fixture
def gpas(world):
    a, b, c = world.kt21.students.order_by("last_name")[:3]
    d = world.kt22.students.order_by("last_name")[0]
    return {
        "a": _gpa(a, world.year, "4.5"),
        "b": _gpa(b, world.year, "2.1", debts=2),
        "c": _gpa(c, world.year, "4.5"),
        "d": _gpa(d, world.year, "3.8"),
        "cumulative": _gpa(a, None, "4.4"),
    }


def test_student_gpa_list_answers_the_gpas_of_years(api, world, gpas):
    data = api("student-gpa-list")
    assert data["pagination"]["totalCount"] == 4  # the cumulative GPA has no year
    item = items(api("student-gpa-list", _student=gpas["b"].student_id))[0]
    student = gpas["b"].student
    assert item["id"] == gpas["b"].pk and item["_student"] == student.pk and item["_group"] == world.kt21.pk
    assert item["gpa"] == 2.1 and item["credit_sum"] == 24 and item["subjects"] == 6
    assert item["debt_subjects"] == 2
    assert item["educationYear"] == {"code": "2026", "name": "2026-2027"}
    assert item["level"]["code"] == "12"
    assert item["method"] == "one_year"
    assert item["can_transfer"] is False  # below the 2.40 threshold
    assert item["created_at"] == ts(gpas["b"].computed_at)
    assert "rank" not in item
    assert item["student"]["id"] == student.pk and item["student"]["full_name"] == student.full_name
    # personal data (and its digest) are not for the API user role
    assert item["student"]["passport_pin"] is None and item["student"]["hash"] == ""
    assert item["student"]["birth_date"] is None and item["student"]["phone"] is None
    assert items(api("student-gpa-list", _student=gpas["a"].student_id))[0]["can_transfer"] is True
    assert len(items(api("student-gpa-list", _group=world.kt21.pk))) == 3
    assert len(items(api("student-gpa-list", _department=world.faculty.pk, _level=12, **YEAR))) == 4
    assert items(api("student-gpa-list", _level=13)) == []
    assert items(api("student-gpa-list", _education_year=2025)) == []


def test_student_gpa_rating_ranks_the_year_best_first(api, world, gpas):
    data = api("student-gpa-rating", **YEAR)
    ranked = [(i["_student"], i["gpa"], i["rank"]) for i in items(data)]
    assert [(gpa, rank) for _s, gpa, rank in ranked] == [(4.5, 1), (4.5, 1), (3.8, 3), (2.1, 4)]
    assert ranked[3][0] == gpas["b"].student_id
    kt21 = api("student-gpa-rating", _curriculum=world.curriculum.pk, _department=world.faculty.pk, **YEAR)
    assert len(items(kt21)) == 4
    assert items(api("student-gpa-rating", _level=13, **YEAR)) == []
    assert items(api("student-gpa-rating", _education_year=2025)) == []
    assert items(api("student-gpa-rating", _department=world.faculty.pk + 1000, **YEAR)) == []


@pytest.mark.parametrize("operation", ["student-gpa-list", "student-gpa-rating"])
def test_gpa_lists_queries_do_not_grow_with_the_items(api, world, operation):
    students = list(world.kt21.students.order_by("last_name")[:3])
    _gpa(students[0], world.year, "3.0")
    api(operation, **YEAR)  # the university's settings are written on their first read
    one = queries(api, operation, **YEAR)
    for s in students[1:]:
        _gpa(s, world.year, "3.5")
    assert len(items(api(operation, **YEAR))) == 3
    assert queries(api, operation, **YEAR) == one


# --- subject-exam-list -----------------------------------------------------------------------------


def test_subject_exam_list_answers_the_published_control_schedule(api, world, superadmin):
    final = add_control(world, superadmin)
    add_control(world, superadmin, group="KT-22", date=D(2027, 2, 15), pair=2, room=world.room301)
    assert items(api("subject-exam-list", **YEAR)) == []  # nothing published yet
    publish_controls(group=world.kt21, semester=world.semester, actor=superadmin)
    data = api("subject-exam-list", **YEAR)
    assert data["pagination"]["totalCount"] == 1
    item = items(data)[0]
    assert item["id"] == final.pk
    assert item["subject"]["code"] == "MAT204"
    assert item["examType"]["code"] == "13" and item["finalExamType"]["code"] == "11"
    assert item["group"]["name"] == "KT-21"
    assert item["employee"]["id"] == world.karimov.pk
    assert item["auditorium"]["code"] == str(world.room204.pk)
    assert item["lessonPair"]["code"] == "13"
    assert item["examDate"] == ts(D(2027, 2, 12))
    assert item["semester"]["id"] == world.semester.pk and item["semester"]["code"] == "14"
    assert item["semester"]["education_year"]["code"] == "2026"
    assert item["educationYear"]["code"] == "2026"
    assert item["faculty"]["id"] == world.faculty.pk
    publish_controls(group=world.kt22, semester=world.semester, actor=superadmin)

    def ids(**params):
        return [i["id"] for i in items(api("subject-exam-list", **(YEAR | params)))]

    assert len(ids()) == 2
    assert ids(_group=world.kt21.pk) == [final.pk]
    assert ids(id=final.pk) == [final.pk]
    assert ids(_auditorium=world.room204.pk) == [final.pk]
    assert len(ids(_exam_type=13, final_exam_type=11, _semester=14, _subject=world.math.pk)) == 2
    assert ids(_exam_type=12) == [] and ids(final_exam_type=12) == [] and ids(_semester=13) == []
    assert ids(_employee=world.rahimova.pk) == [] and ids(_subject=world.physics.pk) == []
    assert len(ids(_faculty=world.faculty.pk)) == 2
    assert ids(updated_at_from=int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp())) == []
    # the current academic year by default
    assert items(api("subject-exam-list")) == []
    AcademicYear.objects.filter(pk=world.year.pk).update(is_current=True)
    assert len(items(api("subject-exam-list"))) == 2


def test_subject_exam_list_queries_do_not_grow_with_the_items(api, world, superadmin):
    add_control(world, superadmin)
    publish_controls(group=world.kt21, semester=world.semester, actor=superadmin)
    one = queries(api, "subject-exam-list", **YEAR)
    add_control(world, superadmin, control_kind=ControlKind.MIDTERM, date=D(2027, 2, 19))
    add_control(world, superadmin, subject="FIZ204", date=D(2027, 2, 26), examiner=world.rahimova)
    assert len(items(api("subject-exam-list", **YEAR))) == 3
    assert queries(api, "subject-exam-list", **YEAR) == one


@pytest.mark.parametrize(
    "language, name",
    [("uz-UZ", "Oliy matematika"), ("oz-UZ", "Олий математика"), ("ru-RU", None), ("en-US", None)],
)
def test_names_follow_the_language(api, lectures, language, name):
    item = items(api("schedule-list", l=language, limit=1, **YEAR))[0]
    if name is not None:
        assert item["subject"]["name"] == name
    assert item["trainingType"]["name"]  # the classifier's name in that language, checked by the schema


def test_a_student_token_does_not_open_the_data_api(client, student_in_group):
    token = auth.issue(student_in_group.user)
    response = client.get("/rest/v1/data/attendance-list", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
