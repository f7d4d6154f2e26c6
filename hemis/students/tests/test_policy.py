"""Which groups the active role may put students into, and whose subgroups it sees."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.students.models import Subgroup
from hemis.testing import factories as f


def principal_of(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize(
    ("role", "unit", "groups"),
    [
        ("super_admin", None, {"KT-11-24", "IQ-21-24"}),
        ("dean", "chem", {"KT-11-24"}),
        ("dean", "econ", {"IQ-21-24"}),
        ("management", None, set()),
        ("academic", None, set()),
        ("marketing", None, set()),
        ("head", "inorganic", set()),
    ],
)
def test_assignable_groups_by_role(uni, role, unit, groups):
    principal = principal_of(role, uni[unit] if unit else None)
    assert {g.name for g in policy.assignable_groups(principal)} == groups


def test_management_sees_every_group_but_fills_none(uni):
    """The leak case: the groups a reader sees are not groups it may put students into."""
    principal = principal_of("management")
    assert {g.name for g in policy.visible_groups(principal)} == {"KT-11-24", "IQ-21-24"}
    assert not policy.assignable_groups(principal).exists()


@pytest.mark.parametrize(
    ("role", "unit", "subgroups"),
    [
        ("super_admin", None, {"KT-11-24 A", "IQ-21-24 A"}),
        ("dean", "chem", {"KT-11-24 A"}),
        ("dean", "econ", {"IQ-21-24 A"}),
        ("head", "inorganic", set()),
    ],
)
def test_visible_subgroups_follow_the_groups(uni, role, unit, subgroups):
    for group in (uni["chem_group"], uni["econ_group"]):
        Subgroup.objects.create(group=group, name="A")
    principal = principal_of(role, uni[unit] if unit else None)
    assert {f"{s.group.name} {s.name}" for s in policy.visible_subgroups(principal)} == subgroups
