"""The policy table: role × scope × action → allowed, with leak tests.

Each case builds a principal for one role grant (on a faculty, a department or the whole
university) and asks the policy about objects inside and outside that scope. The data that could
leak (another faculty's group, student, employee) is created first.
"""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.testing import factories as f


@pytest.fixture
def world(uni):
    chem_student = f.StudentFactory(group=uni["chem_group"])
    econ_student = f.StudentFactory(group=uni["econ_group"])
    chem_teacher = f.EmployeeFactory()
    f.appoint(chem_teacher, uni["inorganic"])
    econ_teacher = f.EmployeeFactory()
    f.appoint(econ_teacher, uni["accounting_dept"])
    return {
        **uni,
        "chem_student": chem_student,
        "econ_student": econ_student,
        "chem_teacher": chem_teacher,
        "econ_teacher": econ_teacher,
    }


def acting(role: str, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


# (role, scope unit key or None, action, object key or None, allowed)
TABLE = [
    ("super_admin", None, "access.manage_roles", None, True),
    ("super_admin", None, "students.view", "econ_student", True),
    ("super_admin", None, "people.personal_data", "econ_student", True),
    ("management", None, "students.view", "econ_student", True),
    ("management", None, "staff.view", "econ_teacher", True),
    ("management", None, "access.manage_roles", None, False),
    ("management", None, "people.personal_data", "chem_student", False),
    ("dean", "chem", "students.view", "chem_student", True),
    ("dean", "chem", "students.view", "econ_student", False),
    ("dean", "chem", "people.personal_data", "chem_student", True),
    ("dean", "chem", "people.personal_data", "econ_student", False),
    ("dean", "chem", "staff.view", "chem_teacher", True),
    ("dean", "chem", "staff.view", "econ_teacher", False),
    ("dean", "chem", "org.view", "inorganic", True),
    ("dean", "chem", "org.view", "accounting_dept", False),
    ("dean", "chem", "access.manage_roles", None, False),
    ("head", "inorganic", "staff.view", "chem_teacher", True),
    ("head", "inorganic", "staff.view", "econ_teacher", False),
    ("head", "inorganic", "students.view", None, False),
    ("hr", None, "staff.view", "econ_teacher", True),
    ("hr", None, "people.personal_data", "econ_teacher", True),
    ("hr", None, "students.view", None, False),
    ("academic", None, "students.view", "econ_student", True),
    ("academic", None, "people.personal_data", "econ_student", False),
    ("teacher", "inorganic", "students.view", None, False),
    ("teacher", "inorganic", "staff.view", None, False),
    ("teacher", "inorganic", "web.dashboard", None, True),
    ("accounting", None, "students.view", "econ_student", True),
    ("marketing", None, "students.view", "chem_student", True),
    ("ict", None, "students.view", None, False),
    ("ict", None, "org.view", "chem", True),
    ("library", None, "students.view", "chem_student", True),
    ("dormitory", None, "staff.view", None, False),
    ("science", None, "students.view", None, False),
    ("doctorate", None, "audit.view", None, False),
    ("diploma", None, "students.view", "econ_student", True),
]


@pytest.mark.parametrize(("role", "unit_key", "action", "obj_key", "allowed"), TABLE)
def test_policy_table(world, role, unit_key, action, obj_key, allowed):
    principal = acting(role, world[unit_key] if unit_key else None)
    obj = world[obj_key] if obj_key else None
    assert policy.can(principal, action, obj) is allowed


def test_dean_sees_only_own_faculty_students(world):
    principal = acting("dean", world["chem"])
    assert list(policy.visible_students(principal)) == [world["chem_student"]]
    assert list(policy.visible_groups(principal)) == [world["chem_group"]]


def test_head_sees_only_own_department_staff(world):
    principal = acting("head", world["inorganic"])
    assert list(policy.visible_employees(principal)) == [world["chem_teacher"]]


def test_faculty_grant_covers_its_departments(world):
    principal = acting("dean", world["chem"])
    assert set(policy.visible_org_units(principal)) == {world["chem"], world["inorganic"]}


def test_student_sees_only_self(world):
    user = f.UserFactory()
    world["chem_student"].user = user
    world["chem_student"].save()
    principal = build_principal(user, None)
    assert principal.role == "student"
    assert list(policy.visible_students(principal)) == [world["chem_student"]]
    assert policy.can(principal, "students.view", world["econ_student"]) is False
    assert policy.sees_personal_data(principal, world["chem_student"]) is True
    assert policy.sees_personal_data(principal, world["econ_student"]) is False


def test_expired_and_revoked_grants_give_no_role(world):
    import datetime as dt

    from django.utils import timezone

    user = f.UserFactory()
    f.grant(user, "dean", world["chem"], valid_to=dt.date(2020, 1, 1))
    revoked = f.grant(user, "hr")
    revoked.revoked_at = timezone.now()
    revoked.save()
    principal = build_principal(user, None)
    assert principal.active is None
    assert policy.can(principal, "web.dashboard") is False
    assert policy.visible_students(principal).count() == 0


def test_who_can_lists_users_whose_scope_covers_the_object(world):
    chem_dean = f.UserFactory(username="chem_dean")
    f.grant(chem_dean, "dean", world["chem"])
    econ_dean = f.UserFactory(username="econ_dean")
    f.grant(econ_dean, "dean", world["econ"])
    admin = f.UserFactory(username="the_admin")
    f.grant(admin, "super_admin")
    names = set(
        policy.who_can("people.personal_data", world["chem_student"]).values_list("username", flat=True)
    )
    assert names == {"chem_dean", "the_admin"}


def test_unknown_action_is_an_error_not_a_silent_no(world):
    with pytest.raises(KeyError):
        policy.can(acting("super_admin"), "no.such.action")


@pytest.mark.parametrize(
    ("role", "unit", "whole"),
    [
        ("super_admin", None, True),
        ("management", None, True),
        ("academic", None, True),
        ("dean", "chem", False),
        ("head", "inorganic", False),
        ("teacher", "inorganic", False),
    ],
)
def test_university_wide_by_role(uni, role, unit, whole):
    assert policy.university_wide(acting(role, uni[unit] if unit else None)) is whole


def test_a_student_is_never_university_wide(student_in_group):
    assert policy.university_wide(build_principal(student_in_group.user, None)) is False
