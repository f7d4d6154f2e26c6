"""Who may manage roles, read and export the journal, and reset whose password."""

import pytest
from django.utils import timezone

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.testing import factories as f

ACTIONS = [
    "access.manage_roles",
    "audit.view",
    "audit.export",
    "access.reset_staff_password",
    "access.reset_student_password",
]
ALLOWED = {
    "super_admin": {
        "access.manage_roles",
        "audit.view",
        "audit.export",
        "access.reset_staff_password",
    },
    "dean": {"access.reset_student_password"},
    "head": set(),
    "teacher": set(),
    "hr": set(),
    "management": set(),
    "academic": set(),
    "ict": set(),
}
UNIT_OF_ROLE = {"dean": "chem", "head": "inorganic", "teacher": "inorganic"}


def acting(user, role: str, unit=None):
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_admin_actions_by_role(uni, role):
    principal = acting(f.UserFactory(), role, uni.get(UNIT_OF_ROLE.get(role)))
    assert {a for a in ACTIONS if policy.can(principal, a)} == ALLOWED[role]


def test_student_may_do_none_of_it(student_in_group):
    principal = build_principal(student_in_group.user, None)
    assert principal.role == "student"
    assert [a for a in ACTIONS if policy.can(principal, a)] == []
    assert list(policy.password_resettable_users(principal)) == []


@pytest.fixture
def people(uni, dean_chemistry, superadmin):
    """Accounts of every kind, in both faculties: only-students, a student who is also staff, staff."""
    chem = f.StudentFactory(group=uni["chem_group"], user=f.UserFactory(username="chem_student"))
    econ = f.StudentFactory(group=uni["econ_group"], user=f.UserFactory(username="econ_student"))
    assistant = f.StudentFactory(group=uni["chem_group"], user=f.UserFactory(username="chem_assistant"))
    f.grant(assistant.user, "teacher", uni["inorganic"])
    f.StudentFactory(group=uni["chem_group"], user=None)  # no account: nothing to reset
    former = f.StudentFactory(group=uni["chem_group"], user=f.UserFactory(username="former_head"))
    old = f.grant(former.user, "head", uni["inorganic"])
    old.revoked_at = timezone.now()
    old.save()
    employee = f.EmployeeFactory(user=f.UserFactory(username="lab_worker"))
    f.appoint(employee, uni["inorganic"])
    f.UserFactory(username="outsider")
    return {"chem": chem, "econ": econ}


def usernames(qs):
    return sorted(qs.values_list("username", flat=True))


def test_super_admin_resets_staff_but_not_only_students_nor_self(people, superadmin):
    principal = build_principal(superadmin, None)
    assert usernames(policy.password_resettable_users(principal)) == [
        "chem_assistant",
        "dean_chem",
        "lab_worker",
        "outsider",
    ]


def test_dean_resets_only_students_of_own_faculty(people, dean_chemistry):
    principal = build_principal(dean_chemistry, None)
    assert usernames(policy.password_resettable_users(principal)) == ["chem_student", "former_head"]


def test_dean_on_another_faculty_sees_the_other_students(people, uni):
    principal = acting(f.UserFactory(username="dean_econ"), "dean", uni["econ"])
    assert usernames(policy.password_resettable_users(principal)) == ["econ_student"]


@pytest.mark.parametrize(
    ("role", "unit"), [("teacher", "inorganic"), ("head", "inorganic"), ("management", None)]
)
def test_other_roles_reset_nobody(people, uni, role, unit):
    principal = acting(f.UserFactory(), role, uni[unit] if unit else None)
    assert usernames(policy.password_resettable_users(principal)) == []


def test_visible_users_for_super_admin_only(people, superadmin, dean_chemistry):
    assert policy.visible_users(build_principal(superadmin, None)).count() == 8
    assert list(policy.visible_users(build_principal(dean_chemistry, None))) == []
