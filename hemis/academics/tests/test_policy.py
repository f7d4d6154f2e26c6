"""Who may see and edit the academic set-up: every role, checked."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.access.roles import RoleCode
from hemis.testing import factories as f

STAFF_ROLES = [code for code in RoleCode.values if code != RoleCode.STUDENT]
VIEW = {"super_admin", "management", "academic", "dean", "head"}
EDIT = {"super_admin", "academic"}


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_setup_view_and_edit_by_role(uni, role):
    user = f.UserFactory()
    unit = uni["chem"] if role == "dean" else uni["inorganic"] if role == "head" else None
    f.grant(user, role, unit)
    principal = build_principal(user, None)
    assert policy.can(principal, "academics.setup.view") is (role in VIEW)
    assert policy.can(principal, "academics.setup.edit") is (role in EDIT)


def test_student_may_do_neither(student_in_group):
    principal = build_principal(student_in_group.user, None)
    assert not policy.can(principal, "academics.setup.view")
    assert not policy.can(principal, "academics.setup.edit")


def principal_of(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize(
    ("role", "unit", "chem", "econ"),
    [
        ("super_admin", None, True, True),
        ("academic", None, True, True),
        ("dean", "chem", True, False),
        ("dean", "econ", False, True),
        ("management", None, False, False),
        ("head", "inorganic", False, False),
        ("marketing", None, False, False),
    ],
)
def test_faculties_programmes_may_be_managed_in(uni, role, unit, chem, econ):
    principal = principal_of(role, uni[unit] if unit else None)
    assert policy.may_manage_programmes_in(principal, uni["chem"]) is chem
    assert policy.may_manage_programmes_in(principal, uni["econ"]) is econ
    expected = {code for code, allowed in (("F-CHEM", chem), ("F-ECON", econ)) if allowed}
    assert {u.code for u in policy.programme_faculties(principal)} == expected


def test_a_dean_reads_another_faculty_programme_but_may_not_move_one_there(uni):
    """The leak case: the chemistry dean may not open or move a programme into economics."""
    principal = principal_of("dean", uni["chem"])
    assert policy.can(principal, "programmes.view")
    assert not policy.may_manage_programmes_in(principal, uni["econ"])
    assert not policy.programme_faculties(principal).filter(pk=uni["econ"].pk).exists()
