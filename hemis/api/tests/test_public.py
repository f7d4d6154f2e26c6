"""The Public API (no token): this university's name, code, API address and profile, and the
statistics of its structure, students and staff — counts only, never a person's data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hemis.academics.models import EducationType
from hemis.api.rest_v1.core import cyrillic
from hemis.classifiers.selectors import labels
from hemis.core.models import UniversitySettings
from hemis.org.models import Building, Ownership, Room, RoomType, UniversityForm, UniversityRequisites
from hemis.staff.enums import AcademicDegree, EmployeeStatus, EmploymentForm, Position
from hemis.staff.models import EmployeeType
from hemis.students.models import Accommodation, Citizenship, PaymentForm, StudentStatus
from hemis.testing import factories as f
from hemis.testing.hemis_api import check

LANGUAGES = ["uz-UZ", "oz-UZ", "ru-RU", "en-US"]


def label(key: str, code: str, language: str = "uz") -> str:
    with translation.override(language):
        return labels(key)[code]


@pytest.fixture
def university(db):
    UniversitySettings.objects.create(
        name_uz="Namuna davlat universiteti", name_ru="Образцовый университет", hemis_code="777"
    )
    return UniversityRequisites.objects.create(
        full_name_uz="Namuna davlat universiteti",
        full_name_en="Namuna State University",
        short_name_uz="NamDU",
        short_name_en="NamSU",
        hemis_code="777",
        tin="201234567",
        address="Toshkent sh., Universitet koʻchasi, 4",
        phone="+998712345678",
        email="info@namdu.uz",
        bank_name="Markaziy bank",
        mfo="00014",
        bank_account="20208000100200300400",
        ownership=Ownership.STATE,
        university_form=UniversityForm.UNIVERSITY,
    )


def msg(text: str) -> str:
    """One of our own texts as the Uzbek answer writes it."""
    with translation.override("uz"):
        return translation.gettext(text)


def get(client, path, **params):
    return client.get(f"/rest/v1/public/{path}", params)


@pytest.mark.parametrize("path", ["university-list", "university-api-urls"])
def test_this_university_and_its_api_address(client, university, settings, path):
    settings.ALLOWED_HOSTS = ["hemis.namdu.uz"]
    response = client.get(f"/rest/v1/public/{path}", HTTP_HOST="hemis.namdu.uz")
    body = response.json()
    check(f"/v1/public/{path}", body)
    item = {"name": "Namuna davlat universiteti", "code": "777", "api_url": "http://hemis.namdu.uz/rest/"}
    if path == "university-list":
        item["tin"] = "201234567"
    assert body["data"] == [item]
    secure = client.get(f"/rest/v1/public/{path}", HTTP_HOST="hemis.namdu.uz", secure=True).json()
    assert secure["data"][0]["api_url"] == "https://hemis.namdu.uz/rest/"


def test_the_university_names_follow_the_language(client, university):
    assert get(client, "university-list", l="ru-RU").json()["data"][0]["name"] == "Образцовый университет"
    oz = get(client, "university-api-urls", l="oz-UZ").json()["data"][0]["name"]
    assert oz == cyrillic("Namuna davlat universiteti")


@pytest.mark.parametrize("language", LANGUAGES)
def test_university_profile_from_the_requisites(client, university, uni, language):
    closed = f.ProgrammeFactory(faculty=uni["chem"], is_active=False, name_uz="Yopilgan yoʻnalish")
    body = get(client, "university-profile", l=language).json()
    check("/v1/public/university-profile", body)
    data = body["data"]
    assert data["code"] == "777" and data["tin"] == "201234567"
    assert data["ownership"]["code"] == "11" and data["universityForm"]["code"] == "12"
    assert data["contact"] == "+998712345678, info@namdu.uz"
    assert "00014" in data["bank_details"] and "20208000100200300400" in data["bank_details"]
    assert data["soato"] is None and data["configs"] == {}
    programmes = [uni["chem_group"].programme, uni["econ_group"].programme]
    assert sorted(s["id"] for s in data["specialties"]) == sorted(p.pk for p in programmes)
    assert closed.pk not in [s["id"] for s in data["specialties"]]
    chem = next(s for s in data["specialties"] if s["id"] == programmes[0].pk)
    assert chem["department"]["id"] == uni["chem"].pk and chem["bachelorSpecialty"]["code"] == chem["code"]
    assert chem["masterSpecialty"] is None


def test_university_profile_before_the_requisites_are_entered(client, db):
    body = get(client, "university-profile").json()
    check("/v1/public/university-profile", body)
    assert body["data"]["ownership"] is None and body["data"]["specialties"] == []
    assert body["data"]["tin"] == "" and body["data"]["contact"] == ""


def test_public_operations_need_no_token_and_ignore_a_bad_one(client, university):
    for path in ("university-list", "stat-structure", "stat-student", "stat-employee"):
        response = client.get(f"/rest/v1/public/{path}", HTTP_AUTHORIZATION="Bearer nonsense")
        assert response.status_code == 200 and response.json()["success"] is True


# --- statistics --------------------------------------------------------------------------------


@pytest.fixture
def structure(uni):
    building = Building.objects.create(name="Bosh bino", address="Universitet koʻchasi, 4")
    for number, kind in (("101", RoomType.LECTURE), ("102", RoomType.LECTURE), ("201", RoomType.LABORATORY)):
        Room.objects.create(building=building, number=number, capacity=30, room_type=kind)
    Room.objects.create(
        building=building, number="301", capacity=30, room_type=RoomType.SEMINAR, active=False
    )
    master = f.ProgrammeFactory(faculty=uni["econ"], education_type=EducationType.MASTER, name_uz="Moliya")
    f.GroupFactory(faculty=uni["econ"], programme=master, course=1, name="MM-11-25")
    f.GroupFactory(
        faculty=uni["chem"], programme=uni["chem_group"].programme, course=1, is_active=False, name="KT-99-23"
    )
    return {"master": master}


@pytest.mark.parametrize("language", LANGUAGES)
def test_stat_structure_counts(client, structure, language):
    body = get(client, "stat-structure", l=language).json()
    check("/v1/public/stat-structure", body)
    if language != "uz-UZ":
        return
    data = body["data"]
    bachelor, master = label("h_education_type", "11"), label("h_education_type", "12")
    assert data["groups"] == {bachelor: {label("h_course", "12"): 2}, master: {label("h_course", "11"): 1}}
    assert data["auditoriums"] == [
        {"name": label("h_auditorium_type", "11"), "count": 2},
        {"name": label("h_auditorium_type", "12"), "count": 1},
    ]
    assert data["specialities"] == [{"name": bachelor, "count": 2}, {"name": master, "count": 1}]
    assert data["departments"] == [
        {"name": label("h_structure_type", "11"), "count": 2},
        {"name": label("h_structure_type", "12"), "count": 2},
    ]


@pytest.fixture
def students(uni, structure):
    """In chemistry: two women (one a contract student in a dormitory), a man expelled; in economics'
    master group: a foreign man born in 1990."""
    chem = uni["chem_group"]
    f.StudentFactory(group=chem, gender="12", accommodation=Accommodation.DORMITORY)
    f.StudentFactory(group=chem, gender="12", payment_form=PaymentForm.CONTRACT)
    f.StudentFactory(group=chem, gender="11", status=StudentStatus.EXPELLED)
    master = structure["master"].groups.get()
    return f.StudentFactory(
        group=master,
        gender="11",
        education_type=EducationType.MASTER,
        citizenship=Citizenship.FOREIGN,
        birth_date=dt.date(1990, 1, 1),
        last_name="Smith",
        first_name="John",
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_stat_student_counts_studying_students(client, students, language):
    body = get(client, "stat-student", l=language).json()
    check("/v1/public/stat-student", body)
    assert "Smith" not in str(body) and students.pinfl not in str(body)
    if language != "uz-UZ":
        return
    data = body["data"]
    man, woman = label("h_gender", "11"), label("h_gender", "12")
    bachelor, master = label("h_education_type", "11"), label("h_education_type", "12")
    assert data["education_type"] == {
        msg("Total"): {man: 1, woman: 2},
        bachelor: {man: 0, woman: 2},
        master: {man: 1, woman: 0},
    }
    assert data["payment"] == {
        label("h_payment_form", "11"): {bachelor: 1, master: 1},
        label("h_payment_form", "12"): {bachelor: 1, master: 0},
    }
    assert data["citizenship"] == {
        label("h_citizenship_type", "11"): {bachelor: 2, master: 0},
        label("h_citizenship_type", "12"): {bachelor: 0, master: 1},
    }
    assert data["accommodation"] == {label("h_accommodation", "15"): {bachelor: 1, master: 0}}
    full_time = label("h_education_form", "11")
    assert data["education_form"] == {
        bachelor: {full_time: {man: 0, woman: 2}},
        master: {full_time: {man: 1, woman: 0}},
    }
    assert data["level"] == {
        bachelor: {label("h_course", "12"): {full_time: 2}},
        master: {label("h_course", "11"): {full_time: 1}},
    }
    assert data["age"] == {
        bachelor: {"20–24": {man: 0, woman: 2}},
        master: {msg("30 and over"): {man: 1, woman: 0}},
    }
    assert data["region"] == {}


def test_stat_student_names_follow_the_language(client, students):
    ru = get(client, "stat-student", l="ru-RU").json()["data"]["education_type"]
    assert list(ru) == ["Итого", label("h_education_type", "11", "ru"), label("h_education_type", "12", "ru")]
    oz = get(client, "stat-student", l="oz-UZ").json()["data"]["education_type"]
    assert list(oz)[0] == cyrillic(msg("Total")) == "Жами"


@pytest.fixture
def teachers(uni):
    """Two working teachers (a docent with a PhD and a man teacher working part-time), a dismissed
    teacher, an accountant (not teaching staff)."""
    docent = f.EmployeeFactory(
        gender="12", academic_degree=AcademicDegree.PHD, birth_date=dt.date(1975, 2, 1)
    )
    f.appoint(docent, uni["inorganic"], Position.DOCENT)
    teacher = f.EmployeeFactory(gender="11", birth_date=dt.date(2000, 6, 1))
    job = f.appoint(teacher, uni["accounting_dept"], Position.TEACHER)
    job.employment_form, job.rate = EmploymentForm.EXTERNAL_PART_TIME, Decimal("0.50")
    job.save()
    gone = f.EmployeeFactory(gender="11", status=EmployeeStatus.DISMISSED)
    f.appoint(gone, uni["inorganic"])
    accountant = f.EmployeeFactory(gender="12", employee_type=EmployeeType.ADMINISTRATIVE)
    f.appoint(accountant, uni["econ"], Position.ACCOUNTANT)
    return docent


@pytest.mark.parametrize("language", LANGUAGES)
def test_stat_employee_counts_the_teaching_staff(client, teachers, language):
    body = get(client, "stat-employee", l=language).json()
    check("/v1/public/stat-employee", body)
    assert teachers.pinfl not in str(body)
    if language != "uz-UZ":
        return
    data = body["data"]
    man, woman = label("h_gender", "11"), label("h_gender", "12")
    assert data["position"] == {
        label("h_teacher_position_type", "14"): 1,
        label("h_teacher_position_type", "29"): 1,
    }
    assert data["gender"] == {man: 1, woman: 1}
    assert data["citizenship"] == {label("h_citizenship_type", "11"): 2}
    assert data["academic_degree"] == {
        label("h_academic_degree", "10"): {man: 1, woman: 0},
        label("h_academic_degree", "11"): {man: 0, woman: 1},
    }
    assert data["academic_rank"] == {label("h_academic_rank", "10"): {man: 1, woman: 1}}
    assert data["employment_form"] == {
        label("h_employment_form", "11"): 1,
        label("h_employment_form", "13"): 1,
    }
    assert data["age"] == {msg("under 30"): {man: 1, woman: 0}, "50–59": {man: 0, woman: 1}}
    assert data["direction"] == {} and data["academic"] == {}


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert get(client, path).status_code == 200
    return len(queries)


def test_statistics_are_aggregate_queries(client, uni, university):
    get(client, "stat-student")
    f.StudentFactory(group=uni["chem_group"])
    f.appoint(f.EmployeeFactory(), uni["inorganic"])
    counts = {path: _queries(client, path) for path in ("stat-student", "stat-employee", "stat-structure")}
    for _ in range(2):
        f.StudentFactory(group=uni["econ_group"], gender="12")
        f.appoint(f.EmployeeFactory(gender="12"), uni["econ"], Position.PROFESSOR)
    assert {path: _queries(client, path) for path in counts} == counts
    profile = _queries(client, "university-profile")
    f.ProgrammeFactory(faculty=uni["econ"])
    assert _queries(client, "university-profile") == profile
