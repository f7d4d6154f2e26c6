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
