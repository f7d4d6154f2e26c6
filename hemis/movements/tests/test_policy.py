"""Which faculties the active role may prepare student orders (admission included) for."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.testing import factories as f


def principal_of(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize(
    ("role", "unit", "faculties"),
    [
        ("super_admin", None, {"F-CHEM", "F-ECON"}),
        ("dean", "chem", {"F-CHEM"}),
        ("dean", "econ", {"F-ECON"}),
        ("management", None, set()),
        ("academic", None, set()),
        ("hr", None, set()),
        ("head", "inorganic", set()),
    ],
)
def test_order_faculties_by_role(uni, role, unit, faculties):
    principal = principal_of(role, uni[unit] if unit else None)
    assert {u.code for u in policy.order_faculties(principal)} == faculties


def test_departments_are_never_offered(uni):
    assert not policy.order_faculties(principal_of("super_admin")).filter(code__startswith="D-").exists()


def test_management_reads_every_faculty_but_prepares_no_order(uni):
    """The leak case: a role that sees the faculties and their orders may not prepare one."""
    principal = principal_of("management")
    assert policy.can(principal, "orders.view")
    assert policy.visible_org_units(principal).filter(code="F-CHEM").exists()
    assert not policy.order_faculties(principal).exists()
