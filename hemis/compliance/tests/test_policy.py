"""Who may see the compliance pages, refresh their snapshot and edit the university settings: every
role, checked."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.access.roles import RoleCode
from hemis.testing import factories as f

STAFF_ROLES = [code for code in RoleCode.values if code != RoleCode.STUDENT]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_compliance_view_and_settings_edit_by_role(uni, role):
    user = f.UserFactory()
    unit = uni["chem"] if role == "dean" else uni["inorganic"] if role == "head" else None
    f.grant(user, role, unit)
    principal = build_principal(user, None)
    assert policy.can(principal, "compliance.view") is (role in {"management", "super_admin"})
    assert policy.can(principal, "compliance.refresh") is (role in {"management", "super_admin"})
    assert policy.can(principal, "settings.edit") is (role == "super_admin")


def test_student_may_do_neither(student_in_group):
    principal = build_principal(student_in_group.user, None)
    assert principal.role == "student"
    assert not policy.can(principal, "compliance.view")
    assert not policy.can(principal, "compliance.refresh")
    assert not policy.can(principal, "settings.edit")
