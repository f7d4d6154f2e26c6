"""Under which units the active role may change the structure."""

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
    ("role", "unit", "editable"),
    [
        ("super_admin", None, ALL),
        ("hr", None, ALL),
        ("management", None, set()),
        ("academic", None, set()),
        ("ict", None, set()),
        ("dean", "chem", set()),
        ("head", "inorganic", set()),
    ],
)
def test_editable_org_units_by_role(uni, role, unit, editable):
    principal = principal_of(role, uni[unit] if unit else None)
    assert {u.code for u in policy.editable_org_units(principal)} == editable


def test_a_dean_sees_the_faculty_but_may_not_restructure_it(uni):
    """The leak case: units the dean reads are not units the dean may move or create under."""
    principal = principal_of("dean", uni["chem"])
    assert {u.code for u in policy.visible_org_units(principal)} == {"F-CHEM", "D-INORG"}
    assert not policy.editable_org_units(principal).exists()
