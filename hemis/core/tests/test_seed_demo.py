import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from hemis.access.models import RoleGrant, User
from hemis.access.roles import ROLE_SPECS
from hemis.audit.models import AuditEvent
from hemis.core.demo.identity import pinfl_check_digit
from hemis.core.demo.plan import build_plan
from hemis.core.demo.structure import DEMO_LOGINS
from hemis.core.models import UniversitySettings
from hemis.org.models import OrgUnit, StructureType
from hemis.staff.models import Employee
from hemis.students.models import Group, Student, StudentStatus

N = 60


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", students=N, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    seed()


def people_of(plan) -> list[tuple[str, str, str]]:
    return [
        (
            s.student_id_number,
            f"{s.person.last_name} {s.person.first_name} {s.person.patronymic}",
            s.person.pinfl,
        )
        for s in plan.students
    ]


def test_seed_demo_builds_the_structure_and_people(demo):
    units = OrgUnit.objects.all()
    assert units.filter(structure_type=StructureType.FACULTY).count() == 4
    assert units.filter(structure_type=StructureType.DEPARTMENT).count() == 16
    assert units.filter(structure_type=StructureType.RECTORATE).count() == 1
    assert Employee.objects.count() >= 150
    assert Student.objects.count() == N
    assert Student.objects.filter(user__username=F("student_id_number")).count() == N
    for unit in units.select_related("parent"):
        assert unit.path == f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    assert {d.parent.structure_type for d in units.filter(structure_type=StructureType.DEPARTMENT)} == {
        StructureType.FACULTY
    }


def test_seed_demo_sets_the_university(demo):
    uni = UniversitySettings.current()
    assert (uni.name_uz, uni.name_en, uni.hemis_code) == (
        "Kimyo-texnologiya instituti (demo)",
        "Institute of Chemical Technology (demo)",
        "990",
    )
    assert (uni.launch_date, uni.study_week) == (dt.date(2025, 9, 1), 6)
    event = AuditEvent.objects.get(action="core.demo.loaded")
    assert (event.data["students"], event.data["seed"]) == (N, 2026)


def test_every_role_has_a_demo_login(demo):
    held = set(
        RoleGrant.objects.current()
        .filter(user__username__in=[lg for lg, *_ in DEMO_LOGINS])
        .values_list("user__username", "role_id")
    )
    for spec in ROLE_SPECS:
        if spec.code == "student":
            continue
        login = "admin" if spec.code == "super_admin" else spec.code
        assert (login, spec.code) in held
    linked = User.objects.filter(username__in=[lg for lg, *_ in DEMO_LOGINS], employee__isnull=False)
    assert linked.count() == len(DEMO_LOGINS)


def test_dean_head_and_teacher_grants_are_scoped(demo):
    dean = RoleGrant.objects.select_related("org_unit").get(user__username="dean")
    assert dean.role_id == "dean"
    assert dean.org_unit.structure_type == StructureType.FACULTY
    assert dean.org_unit.name_uz == "Kimyoviy texnologiya fakulteti"
    head = RoleGrant.objects.filter(user__username="head").select_related("org_unit").order_by("role__order")
    assert [(g.role_id, g.org_unit.structure_type) for g in head] == [
        ("head", StructureType.DEPARTMENT),
        ("teacher", StructureType.DEPARTMENT),
    ]
    assert head[0].org_unit == head[1].org_unit
    assert head[0].org_unit.parent == dean.org_unit
    teacher = RoleGrant.objects.get(user__username="teacher")
    assert (teacher.role_id, teacher.org_unit) == ("teacher", head[0].org_unit)
    assert teacher.user.employee.appointments.filter(org_unit=teacher.org_unit).exists()


def test_other_teachers_get_logins_in_their_departments(demo):
    grants = RoleGrant.objects.filter(role_id="teacher").exclude(user__username__in=["head", "teacher"])
    assert grants.count() == 32
    for grant in grants.select_related("user__employee", "org_unit"):
        assert re.fullmatch(r"[a-z]\.[a-z]+\d*", grant.user.username)
        assert grant.user.employee.appointments.filter(org_unit=grant.org_unit).exists()


def test_student_logs_in_with_student_id_and_sees_group(client, demo):
    student = (
        Student.objects.filter(status=StudentStatus.STUDYING).select_related("group").order_by("pk").first()
    )
    response = client.post(
        reverse("web:login"), {"username": student.student_id_number, "password": "hemis-demo"}
    )
    assert response["Location"] == reverse("web:home")
    page = client.get(reverse("web:home")).content.decode()
    assert student.group.name in page
    assert student.student_id_number in page


def test_demo_staff_log_in_with_the_shared_password(client, demo):
    response = client.post(reverse("web:login"), {"username": "dean", "password": "hemis-demo"})
    assert response["Location"] == reverse("web:home")
    principal = client.get(reverse("web:home")).context["principal"]
    assert principal.role == "dean"
    assert len({u.password for u in User.objects.all()}) == 1


def test_same_seed_gives_the_same_people(db, settings):
    settings.DEBUG = True
    seed(seed=7)
    stored = list(
        Student.objects.order_by("student_id_number").values_list(
            "student_id_number", "last_name", "first_name", "patronymic", "pinfl"
        )
    )
    in_db = [(sid, f"{last} {first} {patronymic}", pinfl) for sid, last, first, patronymic, pinfl in stored]
    assert in_db == sorted(people_of(build_plan(students=N, seed=7)))
    assert people_of(build_plan(students=N, seed=7)) == people_of(build_plan(students=N, seed=7))
    assert people_of(build_plan(students=N, seed=8)) != people_of(build_plan(students=N, seed=7))


@override_settings(DEBUG=False)
def test_refuses_without_debug_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG off"):
        seed()
    assert (OrgUnit.objects.count(), User.objects.count(), Student.objects.count()) == (0, 0, 0)
    seed(force=True)
    assert Student.objects.count() == N


def test_refuses_a_database_that_has_org_units(demo):
    before = (OrgUnit.objects.count(), Student.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="already has 32 org units"):
        seed(seed=3)
    assert (OrgUnit.objects.count(), Student.objects.count(), User.objects.count()) == before
    assert "was not loaded" in seed(seed=3, if_empty=True)
    assert (OrgUnit.objects.count(), Student.objects.count(), User.objects.count()) == before


def test_personal_data_is_plausible(demo):
    people = list(
        Employee.objects.values_list("pinfl", "last_name", "first_name", "patronymic", "phone", "passport")
    )
    people += list(
        Student.objects.values_list("pinfl", "last_name", "first_name", "patronymic", "phone", "passport")
    )
    pinfls = [p[0] for p in people]
    assert all(re.fullmatch(r"[3-6]\d{13}", p) and p[13] == pinfl_check_digit(p[:13]) for p in pinfls)
    assert len(set(pinfls)) == len(pinfls)
    assert all(re.fullmatch(r"\+998(90|91|93|94|95|97|99|33|88)\d{7}", p[4]) for p in people)
    assert all(re.fullmatch(r"[A-Z]{2}\d{7}", p[5]) for p in people)
    names = " ".join(" ".join(p[1:4]) for p in people)
    assert "ʻ" in names
    assert not set("'‘’`") & set(names)
    ids = list(Student.objects.values_list("student_id_number", flat=True))
    assert all(re.fullmatch(r"390\d{9}", i) for i in ids)


def test_groups_and_programmes(demo):
    groups = Group.objects.select_related("programme")
    assert all(re.fullmatch(r"M?[A-Z]{2}-[12]\d+-\d\d", g.name) for g in groups)
    assert {g.course for g in groups if g.programme.education_type == "11"} == {1, 2, 3, 4}
    assert Student.objects.filter(status=StudentStatus.GRADUATED, group__intake_year=2021).exists()


def test_demo_logins_prints_logins_students_and_password(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[0].split() == ["Login", "Role", "Scope", "Person"]
    assert any(line.startswith("dean ") and "Faculty of Chemical Technology" in line for line in lines)
    assert any(line.startswith("admin ") and "Whole university" in line for line in lines)
    shown = re.findall(r"^(\d{12}) ", text, flags=re.MULTILINE)
    assert len(shown) == 3
    assert Student.objects.filter(student_id_number__in=shown, status=StudentStatus.STUDYING).count() == 3
    assert lines[-1] == "Password for every demo login: hemis-demo"
