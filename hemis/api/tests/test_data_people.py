"""The data API's people: ``data/student-list``, ``data/student-info`` and ``data/employee-list`` —
the document's shapes, their values, every documented filter, pagination and bounded queries."""

import datetime as dt
import hashlib
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, Semester
from hemis.api.rest_v1.core import cyrillic, ts
from hemis.core.models import UniversitySettings
from hemis.grading.models import Gpa
from hemis.integrations import services as integrations
from hemis.staff.enums import EmployeeStatus, EmploymentForm, Position
from hemis.staff.models import Appointment, EmployeeType
from hemis.students.models import StudentStatus
from hemis.testing import factories as f
from hemis.testing.hemis_api import check, check_error

STUDENTS = "/rest/v1/data/student-list"
INFO = "/rest/v1/data/student-info"
EMPLOYEES = "/rest/v1/data/employee-list"
INVALID = "Your request was made with invalid credentials."
_addresses = itertools.count(1)


@pytest.fixture
def key(db, superadmin):
    user = f.UserFactory(username="api_bot", first_name="API", last_name="Bot")
    f.grant(user, "api_user")
    UniversitySettings.objects.create(name_uz="Namuna universiteti", hemis_code="999")
    return integrations.issue_token(holder=user, name="LMS", actor=superadmin)[1]


def get(client, key, path, **params):
    """A data-API call from an address of its own (the API allows 10 calls a second per address)."""
    n = next(_addresses)
    return client.get(
        path, params, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR=f"10.1.{n // 250}.{n % 250 + 1}"
    )


def ids(body) -> list[int]:
    return [item["id"] for item in body["data"]["items"]]


@pytest.fixture
def people(uni, student_in_group):
    """Gulnoza (chemistry, studying, with a passport and a GPA), Bobur (economics, studying, a male
    contract student in his 3rd course) and Eldor (chemistry, expelled)."""
    gulnoza = student_in_group
    gulnoza.passport = "AB1234567"
    gulnoza.gender = "12"
    gulnoza.save()
    bobur = f.StudentFactory(
        group=uni["econ_group"],
        last_name="Aliyev",
        first_name="Bobur",
        gender="11",
        payment_form="12",
        course=3,
    )
    eldor = f.StudentFactory(
        group=uni["chem_group"], last_name="Toshev", first_name="Eldor", status=StudentStatus.EXPELLED
    )
    Gpa.objects.create(
        student=gulnoza, gpa=Decimal("4.2"), credits=Decimal("60.0"), subjects=12, computed_at=timezone.now()
    )
    return {"gulnoza": gulnoza, "bobur": bobur, "eldor": eldor}


@pytest.mark.parametrize("language", ["uz-UZ", "oz-UZ", "ru-RU", "en-US"])
def test_student_list_is_the_documented_student_meta_of_studying_students(client, key, uni, people, language):
    body = get(client, key, STUDENTS, l=language).json()
    check("/v1/data/student-list", body)
    gulnoza, bobur = people["gulnoza"], people["bobur"]
    # studying students only by default, in the dean's office order (last name)
    assert ids(body) == [bobur.pk, gulnoza.pk]
    item = body["data"]["items"][1]
    assert item["student_id_number"] == "400251199999"
    assert item["second_name"] == (cyrillic("Oʻrinboyeva") if language == "oz-UZ" else "Oʻrinboyeva")
    assert item["group"]["id"] == uni["chem_group"].pk and item["department"]["id"] == uni["chem"].pk
    assert item["specialty"]["code"] == uni["chem_group"].programme.code
    assert item["level"]["code"] == "12" and item["studentStatus"]["code"] == "11"
    assert item["gender"]["code"] == "12" and item["paymentForm"]["code"] == "11"
    assert item["birth_date"] == ts(dt.date(2005, 3, 9))
    assert item["hash"] == hashlib.sha256(f"{gulnoza.pinfl}/AB1234567".encode()).hexdigest()
    assert item["avg_gpa"] == 4.2 and item["avg_grade"] is None and item["total_credit"] == 0
    assert item["university"] == {
        "code": "999",
        "name": cyrillic("Namuna universiteti") if language == "oz-UZ" else "Namuna universiteti",
    }
    # no current semester yet: no semester, no education year
    assert item["semester"] is None and item["educationYear"] is None
    # no PINFL or passport number in clear
    assert gulnoza.pinfl not in str(body) and "AB1234567" not in str(body)
    status = {"uz-UZ": "Oʻqimoqda", "oz-UZ": cyrillic("Oʻqimoqda")}
    if language in status:
        assert item["studentStatus"]["name"] == status[language]


def test_student_status_defaults_to_studying_and_minus_one_means_all(client, key, people):
    assert ids(get(client, key, STUDENTS, _student_status="12").json()) == [people["eldor"].pk]
    every = get(client, key, STUDENTS, _student_status="-1").json()
    check("/v1/data/student-list", every)
    assert sorted(ids(every)) == sorted(p.pk for p in people.values())


def test_student_list_filters(client, key, uni, people):
    gulnoza, bobur = people["gulnoza"].pk, people["bobur"].pk

    def found(**params):
        return ids(get(client, key, STUDENTS, **params).json())

    assert found(_department=uni["econ"].pk) == [bobur]
    assert found(_group=uni["chem_group"].pk) == [gulnoza]
    assert found(_specialty=uni["econ_group"].programme_id) == [bobur]
    assert found(_payment_form="12") == [bobur]
    assert found(_gender="12") == [gulnoza]
    assert found(_level="13") == [bobur]
    assert found(_education_form="11") == [bobur, gulnoza] and found(_education_form="13") == []
    assert found(_education_type="11") == [bobur, gulnoza] and found(_education_type="12") == []
    assert found(_citizenship="11") == [bobur, gulnoza] and found(_citizenship="12") == []
    assert found(search="Bobur") == [bobur] and found(search="400251199999") == [gulnoza]
    assert found(passport_pin=people["gulnoza"].pinfl, passport_number="ab1234567") == [gulnoza]
    assert found(passport_pin=people["gulnoza"].pinfl, passport_number="XX0000000") == []
    # no place of residence as classifiers, no tutors are kept: nobody matches
    assert found(_province="1703") == [] and found(_district="1703202") == [] and found(tutor_pin="1") == []


def test_student_list_curriculum_and_semester_filters(client, key, uni, people):
    from hemis.academics.models import MarkingSystem
    from hemis.curricula.models import Curriculum

    curriculum = Curriculum.objects.create(
        programme=uni["chem_group"].programme, intake_year=2024, marking_system=MarkingSystem.objects.first()
    )
    uni["chem_group"].curriculum = curriculum
    uni["chem_group"].save()
    year = AcademicYear.objects.create(
        name="2026-2027", start_date=dt.date(2026, 9, 1), end_date=dt.date(2027, 6, 30)
    )
    autumn = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.AUTUMN,
        number=1,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 1, 24),
        is_current=True,
    )
    body = get(client, key, STUDENTS, _curriculum=curriculum.pk).json()
    check("/v1/data/student-list", body)
    assert ids(body) == [people["gulnoza"].pk]
    item = body["data"]["items"][0]
    assert item["_curriculum"] == curriculum.pk
    # 2nd course in an autumn semester: the 3rd semester
    assert item["semester"] == {"id": autumn.pk, "code": "13", "name": "3-semestr"}
    assert item["educationYear"] == {"code": "2026", "name": "2026-2027"}
    assert ids(get(client, key, STUDENTS, _semester="15").json()) == [people["bobur"].pk]
    assert ids(get(client, key, STUDENTS, _semester="14").json()) == []  # an even one is in spring


def test_student_list_updated_at_range(client, key, people):
    old = timezone.now() - dt.timedelta(days=10)
    type(people["bobur"]).objects.filter(pk=people["bobur"].pk).update(updated_at=old)
    since = int((timezone.now() - dt.timedelta(days=1)).timestamp())
    assert ids(get(client, key, STUDENTS, updated_at_from=since).json()) == [people["gulnoza"].pk]
    assert ids(get(client, key, STUDENTS, updated_at_to=since).json()) == [people["bobur"].pk]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "abc"},
        {"page": "0"},
        {"_group": "x"},
        {"_student_status": "all"},
        {"updated_at_from": "yesterday"},
        {"passport_pin": "30101990000001"},
        {"passport_number": "AB1234567"},
    ],
)
def test_student_list_bad_parameters_are_400_naming_them(client, key, people, params):
    response = get(client, key, STUDENTS, **params)
    assert response.status_code == 400
    body = response.json()
    check_error(body, 400)
    named = next(iter(params))
    other = {"passport_pin": "passport_number", "passport_number": "passport_pin"}.get(named, named)
    assert other in body["error"] or named in body["error"]


def test_student_list_pages(client, key, people):
    first = get(client, key, STUDENTS, _student_status="-1", limit="2").json()
    assert first["data"]["pagination"] == {"totalCount": 3, "pageSize": 2, "pageCount": 2, "page": 1}
    last = get(client, key, STUDENTS, _student_status="-1", limit="2", page="2").json()
    check("/v1/data/student-list", last)
    assert len(last["data"]["items"]) == 1
    assert set(ids(first) + ids(last)) == {p.pk for p in people.values()}
    beyond = get(client, key, STUDENTS, _student_status="-1", limit="2", page="3").json()
    assert beyond["data"]["items"] == [] and beyond["data"]["pagination"]["page"] == 3


def test_the_data_api_wants_a_valid_token(client, key, people):
    for path in (STUDENTS, INFO, EMPLOYEES):
        check_error(client.get(path).json(), 401, INVALID)
        response = client.get(path, HTTP_AUTHORIZATION="Bearer not-a-key", REMOTE_ADDR="10.3.0.1")
        assert response.status_code == 401
        check_error(response.json(), 401, INVALID)


def test_a_student_token_does_not_open_the_data_api(client, people):
    from hemis.api.rest_v1 import auth

    token = auth.issue(people["gulnoza"].user)
    check_error(client.get(STUDENTS, HTTP_AUTHORIZATION=f"Bearer {token}").json(), 401, INVALID)


def _queries(client, key, path, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert get(client, key, path, **params).status_code == 200
    return len(queries)


def test_student_list_queries_do_not_grow_with_the_students(client, key, uni, people):
    get(client, key, STUDENTS)  # the first answer reads the classifiers' names into nothing shared
    one = _queries(client, key, STUDENTS, _group=uni["econ_group"].pk)
    for n in range(2):
        s = f.StudentFactory(group=uni["econ_group"], first_name=f"Extra{n}")
        Gpa.objects.create(
            student=s, gpa=Decimal("3.1"), credits=Decimal("30"), subjects=6, computed_at=timezone.now()
        )
    assert len(ids(get(client, key, STUDENTS, _group=uni["econ_group"].pk).json())) == 3
    assert _queries(client, key, STUDENTS, _group=uni["econ_group"].pk) == one


# --- student-info ------------------------------------------------------------------------------


def test_student_info_by_number_or_id_any_status(client, key, people):
    body = get(client, key, INFO, student_id_number="400251199999").json()
    check("/v1/data/student-info", body)
    assert body["data"]["id"] == people["gulnoza"].pk and body["data"]["avg_gpa"] == 4.2
    eldor = get(client, key, INFO, student_id=people["eldor"].pk).json()
    check("/v1/data/student-info", eldor)
    assert eldor["data"]["student_id_number"] == people["eldor"].student_id_number
    assert eldor["data"]["studentStatus"]["code"] == "12"


def test_student_info_unknown_is_404_and_no_key_is_400(client, key, people):
    response = get(client, key, INFO, student_id_number="999999999999")
    assert response.status_code == 404
    check_error(response.json(), 404, "Data not found.")
    # both given must name the same student
    mixed = get(client, key, INFO, student_id_number="400251199999", student_id=people["bobur"].pk)
    check_error(mixed.json(), 404, "Data not found.")
    check_error(
        get(client, key, INFO, l="en-US").json(), 400, "Missing required parameter: student_id_number"
    )
    check_error(get(client, key, INFO, student_id="x").json(), 400)


# --- employee-list -----------------------------------------------------------------------------


@pytest.fixture
def staff(uni):
    """Rahimov (teacher of inorganic chemistry, a docent, with a half-rate second job), Saidova (an
    accountant), Qodirov (a teacher dismissed) and Nazarov (a teacher whose old position ended)."""
    rahimov = f.EmployeeFactory(passport="AC7654321", academic_rank="11")
    docent = f.appoint(rahimov, uni["inorganic"], Position.DOCENT)
    second = f.appoint(rahimov, uni["accounting_dept"], Position.TEACHER)
    second.rate, second.employment_form = Decimal("0.50"), EmploymentForm.INTERNAL_PART_TIME
    second.save()
    saidova = f.EmployeeFactory(
        last_name="Saidova", first_name="Malika", gender="12", employee_type=EmployeeType.ADMINISTRATIVE
    )
    accountant = f.appoint(saidova, uni["econ"], Position.ACCOUNTANT)
    qodirov = f.EmployeeFactory(last_name="Qodirov", first_name="Jamshid", status=EmployeeStatus.DISMISSED)
    gone = f.appoint(qodirov, uni["inorganic"])
    Appointment.objects.filter(pk=gone.pk).update(end_date=dt.date(2025, 1, 31))
    nazarov = f.EmployeeFactory(last_name="Nazarov", first_name="Olim")
    old = f.appoint(nazarov, uni["inorganic"], Position.ASSISTANT)
    Appointment.objects.filter(pk=old.pk).update(end_date=dt.date(2025, 8, 31))
    new = f.appoint(nazarov, uni["inorganic"], Position.SENIOR_TEACHER)
    return {
        "rahimov": rahimov,
        "docent": docent,
        "second": second,
        "saidova": saidova,
        "accountant": accountant,
        "qodirov": qodirov,
        "gone": gone,
        "nazarov_old": old,
        "nazarov_new": new,
    }


def metas(body) -> list[int]:
    return [item["meta_id"] for item in body["data"]["items"]]


@pytest.mark.parametrize("language", ["uz-UZ", "oz-UZ", "ru-RU", "en-US"])
def test_employee_list_is_the_documented_employee_meta(client, key, uni, staff, language):
    body = get(client, key, EMPLOYEES, type="all", l=language).json()
    check("/v1/data/employee-list", body)
    # one row per employment: current ones, and a dismissed employee's ended one; not a replaced one
    assert metas(body) == [
        staff["nazarov_new"].pk,
        staff["gone"].pk,
        staff["docent"].pk,
        staff["second"].pk,
        staff["accountant"].pk,
    ]
    rows = {item["meta_id"]: item for item in body["data"]["items"]}
    docent = rows[staff["docent"].pk]
    assert docent["id"] == staff["rahimov"].pk and docent["employee_id_number"] == staff["rahimov"].pk
    assert docent["department"]["id"] == uni["inorganic"].pk
    assert docent["staffPosition"]["code"] == Position.DOCENT
    assert docent["employmentStaff"]["code"] == "11" and docent["employmentForm"]["code"] == "11"
    assert docent["academicRank"]["code"] == "11" and docent["employeeType"]["code"] == "12"
    assert docent["decree_number"] == "12-K" and docent["decree_date"] == ts(dt.date(2024, 8, 30))
    assert docent["year_of_enter"] == "2024" and docent["active"] is True
    assert docent["birth_date"] == ts(dt.date(1980, 5, 17))
    assert docent["hash"] == hashlib.sha256(f"{staff['rahimov'].pinfl}/AC7654321".encode()).hexdigest()
    second = rows[staff["second"].pk]
    assert second["employmentStaff"]["code"] == "13" and second["employmentForm"]["code"] == "12"
    gone = rows[staff["gone"].pk]
    assert gone["active"] is False and gone["employeeStatus"]["code"] == "14"
    assert staff["rahimov"].pinfl not in str(body) and "AC7654321" not in str(body)


def test_employee_list_type_is_required_and_picks_teachers_or_the_others(client, key, staff):
    check_error(get(client, key, EMPLOYEES, l="en-US").json(), 400, "Missing required parameter: type")
    check_error(get(client, key, EMPLOYEES, type="boss").json(), 400)
    teachers = get(client, key, EMPLOYEES, type="teacher").json()
    check("/v1/data/employee-list", teachers)
    assert staff["accountant"].pk not in metas(teachers) and len(metas(teachers)) == 4
    assert metas(get(client, key, EMPLOYEES, type="employee").json()) == [staff["accountant"].pk]


def test_employee_list_filters(client, key, uni, staff):
    def found(**params):
        return sorted(metas(get(client, key, EMPLOYEES, type="all", **params).json()))

    assert found(_department=uni["accounting_dept"].pk) == [staff["second"].pk]
    assert found(_staff_position=Position.DOCENT) == [staff["docent"].pk]
    assert found(_gender="12") == [staff["accountant"].pk]
    assert found(_employee_status="14") == [staff["gone"].pk]
    assert found(_employment_form="12") == [staff["second"].pk]
    assert found(_employment_staff="13") == [staff["second"].pk]
    assert found(_employee_type="11") == [staff["accountant"].pk]
    assert found(_academic_rank="11") == sorted([staff["docent"].pk, staff["second"].pk])
    assert found(_academic_degree="11") == []
    assert found(search="Malika") == [staff["accountant"].pk]
    assert found(search=str(staff["saidova"].pk)) == [staff["accountant"].pk]
    pin = staff["rahimov"].pinfl
    assert found(passport_pin=pin, passport_number="AC7654321") == sorted(
        [staff["docent"].pk, staff["second"].pk]
    )
    check_error(get(client, key, EMPLOYEES, type="all", passport_pin=pin).json(), 400)
    check_error(get(client, key, EMPLOYEES, type="all", _department="x").json(), 400)


def test_employee_list_pages_and_limits(client, key, staff):
    last = get(client, key, EMPLOYEES, type="all", limit="2", page="3").json()
    check("/v1/data/employee-list", last)
    assert len(last["data"]["items"]) == 1
    assert last["data"]["pagination"] == {"totalCount": 5, "pageSize": 2, "pageCount": 3, "page": 3}
    for limit in ("0", "201", "abc"):
        response = get(client, key, EMPLOYEES, type="all", limit=limit)
        assert response.status_code == 400
        check_error(response.json(), 400)
        assert "limit" in response.json()["error"]


def test_employee_list_queries_do_not_grow_with_the_employees(client, key, uni):
    get(client, key, EMPLOYEES, type="all")
    f.appoint(f.EmployeeFactory(), uni["inorganic"])
    one = _queries(client, key, EMPLOYEES, type="all")
    for n in range(2):
        f.appoint(f.EmployeeFactory(first_name=f"Extra{n}"), uni["econ"], Position.PROFESSOR)
    assert len(metas(get(client, key, EMPLOYEES, type="all").json())) == 3
    assert _queries(client, key, EMPLOYEES, type="all") == one
