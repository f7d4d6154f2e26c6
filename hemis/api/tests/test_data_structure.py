"""The data (Backend) API's structure and reference lists: every operation's documented answer, its
filters, its pagination and bad parameters, its doors (no token, a bad token), and a number of
queries that does not grow with the page."""

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hemis.academics.models import (
    AcademicYear,
    ControlType,
    EducationType,
    LessonPair,
    MarkingSystem,
    Semester,
    StatementType,
    Subject,
)
from hemis.api.rest_v1 import auth as rest_auth
from hemis.classifiers.models import Classifier, ClassifierOption
from hemis.curricula.enums import FinalForm, SubjectBlock, SubjectType
from hemis.curricula.models import CurriculumSubject, SubjectControl, SubjectLoad
from hemis.curricula.services.curricula import create_curriculum
from hemis.integrations import services as integrations
from hemis.org.models import Building, OrgUnit, Room, RoomType, StructureType
from hemis.schedule.models import TeachingLoad
from hemis.students.models import GroupSubject
from hemis.teaching.models import Resource
from hemis.testing import factories as f
from hemis.testing.hemis_api import check, check_error

D = dt.date
INVALID = "Your request was made with invalid credentials."
OPERATIONS = [
    "classifier-list",
    "department-list",
    "specialty-list",
    "group-list",
    "curriculum-list",
    "curriculum-subject-list",
    "semester-list",
    "marking-system-list",
    "grade-type-list",
    "rating-grade-list",
    "lesson-pair-list",
    "auditorium-list",
]


@pytest.fixture
def api(client, superadmin):
    """``api(operation, **params)``: a data-API call with an API user's token, each from its own
    address (the 10 calls/second limit is another test's)."""
    user = f.UserFactory(username="api_bot", first_name="API", last_name="Bot")
    f.grant(user, "api_user")
    _token, key = integrations.issue_token(holder=user, name="LMS", actor=superadmin)
    addresses = itertools.count(1)

    def get(operation, **params):
        n = next(addresses)
        return client.get(
            f"/rest/v1/data/{operation}",
            params,
            HTTP_AUTHORIZATION=f"Bearer {key}",
            REMOTE_ADDR=f"10.1.{n // 250}.{n % 250 + 1}",
        )

    return get


def ok(response, operation) -> dict:
    body = response.json()
    assert response.status_code == 200, body
    check(f"/v1/data/{operation}", body)
    return body["data"]


def queries(api, operation, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = api(operation, **params)
    assert response.status_code == 200, response.json()
    return len(ctx.captured_queries)


def assert_bounded(api, operation, **params):
    """The same number of queries for a page of 1 and of 3 items (after a first call that may
    create the university's settings row)."""
    api(operation, **params)
    one = queries(api, operation, limit="1", **params)
    three = queries(api, operation, limit="3", **params)
    assert len(api(operation, limit="3", **params).json()["data"]["items"]) == 3
    assert one == three


@pytest.fixture
def curriculum(uni, superadmin):
    """The chemistry group's curriculum (intake 2025, four years, eight semesters with their weeks)
    with two subjects in semester 1 and one in semester 2."""
    group = uni["chem_group"]
    group.programme.duration_years = 4
    group.programme.save()
    cur = create_curriculum(
        programme=group.programme,
        intake_year=2025,
        education_form="11",
        marking_system=MarkingSystem.objects.get(code="11"),
        actor=superadmin,
    )
    group.curriculum = cur
    group.save()
    teacher = f.EmployeeFactory(last_name="Karimov")
    subjects = {}
    for number, code, name, hours, final in (
        (1, "MAT101", "Oliy matematika", {"11": 30, "13": 30}, FinalForm.EXAM),
        (1, "KIM101", "Umumiy kimyo", {"11": 30, "12": 16}, FinalForm.PASS),
        (2, "FIZ102", "Fizika", {"11": 20}, FinalForm.EXAM),
    ):
        subject = Subject.objects.create(code=code, name_uz=name, name_en=name, department=uni["inorganic"])
        cs = CurriculumSubject.objects.create(
            semester=cur.semesters.get(number=number),
            subject=subject,
            subject_type=SubjectType.MANDATORY if code != "KIM101" else SubjectType.ELECTIVE,
            block=SubjectBlock.MATHEMATICS,
            credits=Decimal("6") if code == "MAT101" else Decimal("4"),
            final_form=final,
            department=uni["inorganic"] if code != "FIZ102" else uni["accounting_dept"],
        )
        for training_type, n in hours.items():
            SubjectLoad.objects.create(curriculum_subject=cs, training_type=training_type, hours=n)
        subjects[code] = cs
    mat = subjects["MAT101"]
    SubjectControl.objects.create(
        curriculum_subject=mat, control_type=ControlType.objects.get(code="11"), max_points=50
    )
    SubjectControl.objects.create(
        curriculum_subject=mat, control_type=ControlType.objects.get(code="13"), max_points=50
    )
    Resource.objects.create(
        curriculum_subject=mat,
        training_type="11",
        teacher=teacher,
        kind="link",
        url="https://ex.uz/1",
        title="1",
    )
    Resource.objects.create(
        curriculum_subject=mat,
        training_type="13",
        teacher=teacher,
        kind="link",
        url="https://ex.uz/2",
        title="2",
    )
    year = AcademicYear.objects.create(name="2025-2026", start_date=D(2025, 9, 1), end_date=D(2026, 6, 30))
    autumn = Semester.objects.create(
        academic_year=year, semester_type="11", number=1, start_date=D(2025, 9, 1), end_date=D(2026, 1, 24)
    )
    binding = GroupSubject.objects.create(group=group, curriculum_subject=mat, semester=autumn)
    # bound to the group, its teacher not assigned yet
    GroupSubject.objects.create(group=group, curriculum_subject=subjects["KIM101"], semester=autumn)
    TeachingLoad.objects.create(
        group_subject=binding, training_type="11", teacher=teacher, assigned_on=D(2025, 8, 25)
    )
    return {"curriculum": cur, "teacher": teacher, "year": year, "autumn": autumn, **subjects}


# --- the doors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_no_token_or_a_bad_one_is_401(client, db, student_in_group, operation):
    path = f"/rest/v1/data/{operation}"
    check_error(client.get(path).json(), 401, INVALID)
    response = client.get(path, HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    # a student's own API token opens no data API
    student_token = rest_auth.issue(student_in_group.user)
    check_error(client.get(path, HTTP_AUTHORIZATION=f"Bearer {student_token}").json(), 401, INVALID)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_bad_paging_is_a_400_naming_the_parameter(api, operation):
    for params, word in (
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
    ):
        response = api(operation, **params)
        assert response.status_code == 400, (operation, params)
        check_error(response.json(), 400)
        assert word in response.json()["error"]


@pytest.mark.parametrize(
    ("operation", "params", "name"),
    [
        ("department-list", {"parent": "x"}, "parent"),
        ("department-list", {"active": "yes"}, "active"),
        ("group-list", {"_department": "chem"}, "_department"),
        ("curriculum-list", {"_education_year": "2025a"}, "_education_year"),
        ("semester-list", {"_level": "first"}, "_level"),
        ("curriculum-subject-list", {"_semester": "s1"}, "_semester"),
        ("auditorium-list", {"_building": "main"}, "_building"),
        ("classifier-list", {"updated_at_from": "yesterday"}, "updated_at_from"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api, operation, params, name):
    response = api(operation, **params)
    assert response.status_code == 400
    check_error(response.json(), 400)
    assert name in response.json()["error"]


# --- classifiers -------------------------------------------------------------------------------


def test_classifier_list_gives_each_table_with_its_active_options(api, db):
    gender = Classifier.objects.get(key="h_gender")
    ClassifierOption.objects.filter(classifier=gender, code="10").update(active=False)
    data = ok(api("classifier-list", classifier="h_gender"), "classifier-list")
    assert data["pagination"] == {"totalCount": 1, "pageSize": 20, "pageCount": 1, "page": 1}
    [item] = data["items"]
    assert item["classifier"] == "h_gender" and item["name"] == gender.name_uz
    assert item["options"] == [{"code": "11", "name": "Erkak"}, {"code": "12", "name": "Ayol"}]
    last = max(o.updated_at for o in gender.options.all())
    assert item["updated_at"] == item["version"] == int(max(last, gender.updated_at).timestamp())
    # the whole list pages through every table
    data = ok(api("classifier-list", limit="5", page="2"), "classifier-list")
    assert data["pagination"]["totalCount"] == Classifier.objects.count()
    assert [i["classifier"] for i in data["items"]] == list(
        Classifier.objects.order_by("key").values_list("key", flat=True)[5:10]
    )


def test_classifier_list_in_cyrillic_and_by_change_time(api, db):
    [item] = ok(api("classifier-list", classifier="h_gender", l="oz-UZ"), "classifier-list")["items"]
    assert item["options"][2] == {"code": "12", "name": "Аёл"}
    stamp = item["updated_at"]
    assert (
        ok(api("classifier-list", classifier="h_gender", updated_at_from=str(stamp + 1)), "classifier-list")[
            "items"
        ]
        == []
    )
    assert (
        len(
            ok(api("classifier-list", classifier="h_gender", updated_at_to=str(stamp)), "classifier-list")[
                "items"
            ]
        )
        == 1
    )


def test_classifier_list_queries_do_not_grow(api, db):
    assert_bounded(api, "classifier-list")


# --- departments -------------------------------------------------------------------------------


def test_department_list_gives_active_units_by_default_with_their_types(api, uni):
    closed = f.department(uni["chem"], "D-OLD", "Eski kafedra")
    closed.active = False
    closed.save()
    data = ok(api("department-list"), "department-list")
    by_code = {d["code"]: d for d in data["items"]}
    assert set(by_code) == {"F-CHEM", "F-ECON", "D-INORG", "D-ACC"}
    assert by_code["D-INORG"] == {
        "id": uni["inorganic"].pk,
        "name": "Noorganik kimyo kafedrasi",
        "code": "D-INORG",
        "parent": uni["chem"].pk,
        "active": True,
        "structureType": {"code": "12", "name": "Kafedra"},
        "localityType": {"code": "11", "name": "Mahalliy"},
    }
    assert by_code["F-CHEM"]["parent"] == 0
    assert [d["code"] for d in ok(api("department-list", active="0"), "department-list")["items"]] == [
        "D-OLD"
    ]
    assert len(ok(api("department-list", active="all"), "department-list")["items"]) == 5


def test_department_list_filters_by_type_parent_and_name(api, uni):
    faculties = ok(api("department-list", _structure_type="11"), "department-list")["items"]
    assert {d["code"] for d in faculties} == {"F-CHEM", "F-ECON"}
    children = ok(api("department-list", parent=str(uni["econ"].pk)), "department-list")["items"]
    assert [d["code"] for d in children] == ["D-ACC"]
    found = ok(api("department-list", search="noorganik"), "department-list")["items"]
    assert [d["code"] for d in found] == ["D-INORG"]


def test_department_list_names_follow_the_language(api, uni):
    OrgUnit.objects.filter(pk=uni["chem"].pk).update(name_ru="Факультет химической технологии")
    items = ok(api("department-list", _structure_type="11", l="ru-RU"), "department-list")["items"]
    chem = next(d for d in items if d["code"] == "F-CHEM")
    assert chem["name"] == "Факультет химической технологии"
    assert chem["structureType"]["code"] == StructureType.FACULTY


def test_department_list_queries_do_not_grow(api, uni):
    assert_bounded(api, "department-list")


# --- specialties -------------------------------------------------------------------------------


def test_specialty_list_gives_programmes_in_their_own_classifier(api, uni):
    master = f.ProgrammeFactory(
        faculty=uni["econ"], code="70410101", name_uz="Iqtisodiyot", education_type=EducationType.MASTER
    )
    chem = uni["chem_group"].programme
    data = ok(api("specialty-list"), "specialty-list")
    by_id = {s["id"]: s for s in data["items"]}
    assert len(by_id) == 3
    item = by_id[chem.pk]
    assert item["code"] == chem.code and item["name"] == "Kimyoviy texnologiya" and item["active"] is True
    assert item["department"]["id"] == uni["chem"].pk
    assert item["educationType"] == {"code": "11", "name": "Bakalavriat"}
    assert item["bachelorSpecialty"] == {"code": chem.code, "name": "Kimyoviy texnologiya"}
    assert item["masterSpecialty"] is None
    assert by_id[master.pk]["masterSpecialty"] == {"code": "70410101", "name": "Iqtisodiyot"}
    assert by_id[master.pk]["bachelorSpecialty"] is None
    assert item["created_at"] == int(chem.created_at.timestamp())


def test_specialty_list_filters(api, uni):
    f.ProgrammeFactory(faculty=uni["econ"], code="70410101", name_uz="Iqtisodiyot", education_type="12")
    masters = ok(api("specialty-list", _education_type="12"), "specialty-list")["items"]
    assert [s["code"] for s in masters] == ["70410101"]
    econ = ok(api("specialty-list", _department=str(uni["econ"].pk)), "specialty-list")["items"]
    assert {s["department"]["code"] for s in econ} == {"F-ECON"} and len(econ) == 2
    assert ok(api("specialty-list", _locality_type="12"), "specialty-list")["items"] == []
    assert len(ok(api("specialty-list", _locality_type="11"), "specialty-list")["items"]) == 3


def test_specialty_list_queries_do_not_grow(api, uni):
    f.ProgrammeFactory(faculty=uni["econ"], code="70410101", name_uz="Iqtisodiyot", education_type="12")
    assert_bounded(api, "specialty-list")


# --- groups ------------------------------------------------------------------------------------


def test_group_list_gives_every_group_with_its_faculty_programme_and_curriculum(api, uni, curriculum):
    data = ok(api("group-list"), "group-list")
    by_name = {g["name"]: g for g in data["items"]}
    assert set(by_name) == {"KT-11-24", "IQ-21-24"}
    chem = uni["chem_group"]
    assert by_name["KT-11-24"] == {
        "id": chem.pk,
        "name": "KT-11-24",
        "educationLang": {"code": "11", "name": "Oʻzbek tili"},
        "department": {
            "id": uni["chem"].pk,
            "name": "Kimyo texnologiyasi fakulteti",
            "code": "F-CHEM",
            "parent": 0,
            "active": True,
            "structureType": {"code": "11", "name": "Fakultet"},
            "localityType": {"code": "11", "name": "Mahalliy"},
        },
        "specilaty": {"id": chem.programme.pk, "name": "Kimyoviy texnologiya", "code": chem.programme.code},
        "specialty": {"id": chem.programme.pk, "name": "Kimyoviy texnologiya", "code": chem.programme.code},
        "_curriculum": curriculum["curriculum"].pk,
        "active": True,
    }
    assert by_name["IQ-21-24"]["_curriculum"] is None


def test_group_list_filters(api, uni, curriculum):
    econ = uni["econ_group"]
    for params, expected in (
        ({"id": str(econ.pk)}, ["IQ-21-24"]),
        ({"_department": str(uni["chem"].pk)}, ["KT-11-24"]),
        ({"_curriculum": str(curriculum["curriculum"].pk)}, ["KT-11-24"]),
        ({"_specialty": str(econ.programme.pk)}, ["IQ-21-24"]),
        ({"_education_type": "12"}, []),
        ({"_education_form": "11"}, ["IQ-21-24", "KT-11-24"]),
        ({"search": "kt-11"}, ["KT-11-24"]),
    ):
        assert [g["name"] for g in ok(api("group-list", **params), "group-list")["items"]] == expected, params


def test_group_list_queries_do_not_grow(api, uni):
    f.GroupFactory(faculty=uni["econ"], name="IQ-22-24")
    assert_bounded(api, "group-list")


# --- curricula ---------------------------------------------------------------------------------


def test_curriculum_list_gives_each_curriculum_with_its_marking_system(api, uni, curriculum):
    cur = curriculum["curriculum"]
    programme = cur.programme
    [item] = ok(api("curriculum-list"), "curriculum-list")["items"]
    assert item["id"] == cur.pk and item["name"] == f"{programme.code} Kimyoviy texnologiya (2025)"
    assert item["markingSystem"] == {
        "code": "11",
        "name": "Reyting tizimi (100 ballik)",
        "count_final_exams": 3,
        "minimum_limit": 55.0,
        "gpa_limit": 2.4,
        "updated_at": int(cur.marking_system.updated_at.timestamp()),
    }
    assert item["specialty"]["id"] == programme.pk and item["department"]["id"] == uni["chem"].pk
    assert item["educationType"]["code"] == "11" and item["educationForm"]["code"] == "11"
    assert item["educationYear"] == {"code": "2025", "name": "2025-2026", "current": False}
    assert (item["semester_count"], item["education_period"], item["accepted"], item["active"]) == (
        8,
        4,
        False,
        True,
    )


def test_curriculum_list_filters(api, uni, curriculum, superadmin):
    econ = uni["econ_group"].programme
    other = create_curriculum(
        programme=econ,
        intake_year=2024,
        education_form="13",
        marking_system=MarkingSystem.objects.get(code="13"),
        actor=superadmin,
    )
    cur = curriculum["curriculum"]
    for params, expected in (
        ({}, [cur.pk, other.pk] if cur.programme.code < econ.code else [other.pk, cur.pk]),
        ({"_department": str(uni["econ"].pk)}, [other.pk]),
        ({"_education_year": "2025"}, [cur.pk]),
        ({"_education_form": "13"}, [other.pk]),
        ({"_education_type": "12"}, []),
    ):
        assert [c["id"] for c in ok(api("curriculum-list", **params), "curriculum-list")["items"]] == expected


def test_curriculum_list_queries_do_not_grow(api, uni, curriculum, superadmin):
    for group, year in ((uni["econ_group"], 2024), (uni["econ_group"], 2025)):
        create_curriculum(
            programme=group.programme,
            intake_year=year,
            education_form="11",
            marking_system=MarkingSystem.objects.get(code="12"),
            actor=superadmin,
        )
    assert_bounded(api, "curriculum-list")


def test_curriculum_subject_list_gives_hours_controls_resources_and_teachers(api, uni, curriculum):
    cur, mat = curriculum["curriculum"], curriculum["MAT101"]
    data = ok(api("curriculum-subject-list", _curriculum=str(cur.pk)), "curriculum-subject-list")
    assert [s["subject"]["code"] for s in data["items"]] == ["KIM101", "MAT101", "FIZ102"]
    item = data["items"][1]
    assert item["id"] == mat.pk and item["_curriculum"] == cur.pk
    assert item["subject"] == {"id": mat.subject.pk, "code": "MAT101", "name": "Oliy matematika"}
    assert item["subjectType"] == {"code": "11", "name": "Majburiy"}
    assert item["subjectBlock"]["code"] == "11.02" and item["examFinish"] == {"code": "11", "name": "Imtihon"}
    assert item["semester"] == {"code": "11", "name": "1-semestr"} and item["_semester"] == 11
    assert [(d["trainingType"]["code"], d["academic_load"]) for d in item["subjectDetails"]] == [
        ("11", 30),
        ("13", 30),
    ]
    assert [(e["examType"]["code"], e["max_ball"]) for e in item["subjectExamTypes"]] == [
        ("11", 50),
        ("13", 50),
    ]
    assert (item["total_acload"], item["credit"], item["resource_count"]) == (60, 6, 2)
    assert item["_employees"] == str(curriculum["teacher"].pk)
    assert item["department"]["id"] == uni["inorganic"].pk and item["ratingGrade"] is None
    kim = data["items"][0]
    assert (kim["credit"], kim["resource_count"], kim["_employees"], kim["total_acload"]) == (4, 0, "", 46)


def test_curriculum_subject_list_filters(api, uni, curriculum):
    def codes(**params):
        items = ok(api("curriculum-subject-list", **params), "curriculum-subject-list")["items"]
        return [s["subject"]["code"] for s in items]

    assert codes(_semester="12") == ["FIZ102"]
    assert codes(_subject_type="12") == ["KIM101"]
    assert codes(_exam_finish="12") == ["KIM101"]
    assert codes(_department=str(uni["accounting_dept"].pk)) == ["FIZ102"]
    assert codes(_rating_grade="11") == []
    assert codes(_curriculum="999999") == []


def test_curriculum_subject_list_queries_do_not_grow(api, uni, curriculum):
    assert_bounded(api, "curriculum-subject-list")


# --- semesters ---------------------------------------------------------------------------------


def test_semester_list_gives_each_curriculum_semester_with_its_weeks(api, uni, curriculum):
    cur = curriculum["curriculum"]
    data = ok(api("semester-list", _curriculum=str(cur.pk)), "semester-list")
    assert data["pagination"]["totalCount"] == 8
    first = data["items"][0]
    semester = cur.semesters.get(number=1)
    weeks = list(semester.weeks.order_by("number"))
    assert (first["id"], first["code"], first["name"], first["position"]) == (
        semester.pk,
        "11",
        "1-semestr",
        1,
    )
    assert first["_curriculum"] == cur.pk and first["_education_year"] == "2025"
    assert first["education_year"] == {"code": "2025", "name": "2025-2026", "current": False}
    assert first["level"] == {"code": "11", "name": "1-kurs"}
    midnight = dt.datetime.combine(weeks[0].start_date, dt.time(), tzinfo=ZoneInfo("Asia/Tashkent"))
    assert first["start_date"] == int(midnight.timestamp())
    assert first["end_date"] > first["start_date"]
    assert len(first["curriculumWeeks"]) == len(weeks)
    week = first["curriculumWeeks"][0]
    assert week["id"] == weeks[0].pk and week["_semester"] == "11"
    assert week["start_date_f"] == weeks[0].start_date.strftime("%d.%m.%Y")
    assert first["current"] is False


def test_semester_list_marks_the_current_one_and_filters(api, uni, curriculum):
    cur, autumn = curriculum["curriculum"], curriculum["autumn"]
    Semester.objects.filter(pk=autumn.pk).update(is_current=True)
    items = ok(api("semester-list", _curriculum=str(cur.pk)), "semester-list")["items"]
    assert [s["position"] for s in items if s["current"]] == [1]
    # the second course is semesters 3 and 4; the academic year 2026 holds semesters 3 and 4 of 2025's intake
    assert [s["position"] for s in ok(api("semester-list", _level="12"), "semester-list")["items"]] == [3, 4]
    assert [
        s["position"] for s in ok(api("semester-list", _education_year="2026"), "semester-list")["items"]
    ] == [3, 4]
    assert ok(api("semester-list", _education_year="2024"), "semester-list")["items"] == []


def test_semester_list_queries_do_not_grow(api, uni, curriculum):
    assert_bounded(api, "semester-list")


# --- marking systems, grade types, statement types ----------------------------------------------


def test_marking_system_list(api, db):
    data = ok(api("marking-system-list"), "marking-system-list")
    assert [(m["code"], m["minimum_limit"], m["count_final_exams"]) for m in data["items"]] == [
        ("11", 55.0, 3),
        ("12", 3.0, 3),
        ("13", 60.0, 3),
    ]
    assert data["items"][2]["name"] == "Kredit tizimi" and data["items"][0]["gpa_limit"] == 2.4
    StatementType.objects.filter(code="13").update(is_active=False)
    en = ok(api("marking-system-list", l="en-US"), "marking-system-list")["items"]
    assert en[2]["name"] == "Credit system" and en[0]["count_final_exams"] == 2


def test_marking_system_list_queries_do_not_grow(api, db):
    assert_bounded(api, "marking-system-list")


def test_grade_type_list_gives_every_band_as_hemis_grade_types(api, db):
    data = ok(api("grade-type-list", limit="200"), "grade-type-list")
    # what live HEMIS answers (and the Student API documents) for a grade type
    check(
        "/v1/education/grade-type-list", {"success": True, "error": None, "code": 200, "data": data["items"]}
    )
    assert data["pagination"]["totalCount"] == 14
    credit = [b for b in data["items"] if b["markingSystem"]["code"] == "13"]
    assert [(b["code"], b["position"], b["min_border"], b["max_border"]) for b in credit] == [
        ("A", 1, 90.0, 100.0),
        ("B", 2, 80.0, 89.0),
        ("C", 3, 70.0, 79.0),
        ("D", 4, 65.0, 69.0),
        ("E", 5, 60.0, 64.0),
        ("F", 6, 0.0, 59.0),
    ]
    rating = ok(api("grade-type-list", _marking_system="11"), "grade-type-list")["items"]
    assert [(b["code"], b["name"], b["position"]) for b in rating] == [
        ("5", "aʼlo", 1),
        ("4", "yaxshi", 2),
        ("3", "qoniqarli", 3),
        ("2", "qoniqarsiz", 4),
    ]
    assert rating[0]["minimum_limit"] == 55.0 and rating[0]["active"] is True


def test_grade_type_list_queries_do_not_grow(api, db):
    assert_bounded(api, "grade-type-list")


def test_rating_grade_list_gives_the_statement_types(api, db):
    data = ok(api("rating-grade-list"), "rating-grade-list")
    assert [(t["code"], t["name"], t["position"], t["template"]) for t in data["items"]] == [
        ("11", "1-qaydnoma", 1, ""),
        ("12", "2-qaydnoma", 2, ""),
        ("13", "3-qaydnoma", 3, ""),
    ]
    # a position is the place among all types, whatever page or filter shows it
    assert [
        t["position"] for t in ok(api("rating-grade-list", limit="1", page="3"), "rating-grade-list")["items"]
    ] == [3]


def test_rating_grade_list_queries_do_not_grow(api, db):
    assert_bounded(api, "rating-grade-list")


# --- lesson pairs and rooms --------------------------------------------------------------------


@pytest.fixture
def pairs(db):
    old = AcademicYear.objects.create(name="2025-2026", start_date=D(2025, 9, 1), end_date=D(2026, 6, 30))
    new = AcademicYear.objects.create(name="2026-2027", start_date=D(2026, 9, 1), end_date=D(2027, 6, 30))
    for year in (old, new):
        for number, start, end in ((1, (8, 30), (9, 50)), (2, (10, 0), (11, 20))):
            LessonPair.objects.create(
                academic_year=year, number=number, start_time=dt.time(*start), end_time=dt.time(*end)
            )
    return old, new


def test_lesson_pair_list(api, pairs):
    data = ok(api("lesson-pair-list"), "lesson-pair-list")
    assert data["items"] == [
        {"code": "11", "name": "1", "start_time": "08:30", "end_time": "09:50", "_education_year": "2026"},
        {"code": "12", "name": "2", "start_time": "10:00", "end_time": "11:20", "_education_year": "2026"},
        {"code": "11", "name": "1", "start_time": "08:30", "end_time": "09:50", "_education_year": "2025"},
        {"code": "12", "name": "2", "start_time": "10:00", "end_time": "11:20", "_education_year": "2025"},
    ]
    older = ok(api("lesson-pair-list", _education_year="2025"), "lesson-pair-list")["items"]
    assert {p["_education_year"] for p in older} == {"2025"} and len(older) == 2


def test_lesson_pair_list_queries_do_not_grow(api, pairs):
    assert_bounded(api, "lesson-pair-list")


@pytest.fixture
def rooms(db):
    main = Building.objects.create(name="Bosh bino", address="Navoiy koʻchasi 32")
    lab = Building.objects.create(name="Laboratoriya binosi", address="Navoiy koʻchasi 34")
    r204 = Room.objects.create(building=main, number="204", capacity=30, room_type=RoomType.PRACTICE)
    r301 = Room.objects.create(
        building=main, number="301", name="Katta zal", capacity=100, room_type=RoomType.LECTURE
    )
    r105 = Room.objects.create(
        building=lab, number="105", capacity=12, room_type=RoomType.LABORATORY, active=False
    )
    return main, lab, r204, r301, r105


def test_auditorium_list(api, rooms):
    main, lab, r204, r301, r105 = rooms
    data = ok(api("auditorium-list"), "auditorium-list")
    assert [a["code"] for a in data["items"]] == [str(r204.pk), str(r301.pk), str(r105.pk)]
    assert data["items"][1] == {
        "code": str(r301.pk),
        "name": "Katta zal",
        "volume": 100,
        "active": True,
        "building": {"id": str(main.pk), "name": "Bosh bino"},
        "auditoriumType": {"code": "11", "name": "Maʼruza xonasi"},
    }
    assert data["items"][2]["active"] is False and data["items"][0]["name"] == "204"
    by_building = ok(api("auditorium-list", _building=str(lab.pk)), "auditorium-list")["items"]
    assert [a["code"] for a in by_building] == [str(r105.pk)]
    labs = ok(api("auditorium-list", _auditorium_type="12"), "auditorium-list")["items"]
    assert [a["code"] for a in labs] == [str(r105.pk)]


def test_auditorium_list_pages(api, rooms):
    data = ok(api("auditorium-list", limit="2", page="2"), "auditorium-list")
    assert data["pagination"] == {"totalCount": 3, "pageSize": 2, "pageCount": 2, "page": 2}
    assert len(data["items"]) == 1
    beyond = ok(api("auditorium-list", limit="2", page="3"), "auditorium-list")
    assert beyond["items"] == [] and beyond["pagination"]["pageCount"] == 2


def test_auditorium_list_queries_do_not_grow(api, rooms):
    assert_bounded(api, "auditorium-list")


# --- delta sync --------------------------------------------------------------------------------


def test_updated_at_filters_give_what_changed_in_the_range(api, rooms):
    main, lab, r204, r301, r105 = rooms
    stamp = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    Room.objects.filter(pk=r204.pk).update(updated_at=stamp - dt.timedelta(days=10))
    Room.objects.filter(pk=r301.pk).update(updated_at=stamp)
    Room.objects.filter(pk=r105.pk).update(updated_at=stamp + dt.timedelta(days=10))
    t = int(stamp.timestamp())
    changed = ok(api("auditorium-list", updated_at_from=str(t)), "auditorium-list")["items"]
    assert [a["code"] for a in changed] == [str(r301.pk), str(r105.pk)]
    window = ok(api("auditorium-list", updated_at_from=str(t), updated_at_to=str(t)), "auditorium-list")[
        "items"
    ]
    assert [a["code"] for a in window] == [str(r301.pk)]
