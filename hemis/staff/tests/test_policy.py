"""Which units the active role may appoint employees to."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.testing import factories as f

ALL = {"F-CHEM", "F-ECON", "D-INORG", "D-ACC"}


def principal_of(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize(
    ("role", "unit", "units"),
    [
        ("super_admin", None, ALL),
        ("hr", None, ALL),
        ("management", None, set()),
        ("academic", None, set()),
        ("dean", "chem", set()),
        ("head", "inorganic", set()),
        ("teacher", "inorganic", set()),
    ],
)
def test_appointment_units_by_role(uni, role, unit, units):
    principal = principal_of(role, uni[unit] if unit else None)
    assert {u.code for u in policy.appointment_units(principal)} == units


def test_a_head_sees_the_departments_staff_but_appoints_nobody(uni):
    """The leak case: the units whose staff a head reads are not units the head may appoint to."""
    principal = principal_of("head", uni["inorganic"])
    assert {u.code for u in policy.visible_staff_org_units(principal)} == {"D-INORG"}
    assert not policy.appointment_units(principal).exists()
