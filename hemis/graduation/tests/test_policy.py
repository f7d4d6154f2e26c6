"""Who reaches the clearance sheet (hemis/access/policy/graduation.py): a student only their own sheet
(two students of one group), each unit's role only the lines of its units, the dean's office its
faculty's students, the diploma department every graduating student, the super administrator the units.
Each case first creates what could leak."""

import pytest

from hemis.access import policy
from hemis.access.policy import graduation as gp
from hemis.access.principal import build_principal
from hemis.graduation import services
from hemis.graduation.models import ClearanceLine


def principal(user):
    return build_principal(user, None)


@pytest.fixture
def sheets(alice, bob, dilnoza, superadmin, units):
    services.update_unit(unit=units["accounting"], actor=superadmin, is_active=True)
    return {s.user.username: services.open_sheet(student=s, actor=s.user) for s in (alice, bob, dilnoza)}


def lines(qs) -> set[tuple[str, str]]:
    return set(qs.values_list("sheet__student__student_id_number", "unit__code"))


def test_a_student_reaches_only_their_own_lines(sheets, alice, bob):
    assert lines(gp.own_lines(principal(alice.user))) == {
        ("400221100001", "library"),
        ("400221100001", "dormitory"),
        ("400221100001", "accounting"),
    }
    assert list(gp.clearance_student(principal(bob.user))) == [bob]
    assert not gp.decidable_lines(principal(alice.user)).exists()
    assert not gp.sheet_openable_students(principal(alice.user)).exists()
    assert not gp.diploma_students(principal(alice.user)).exists()


def test_each_unit_role_decides_only_its_units_lines(sheets, librarian, warden, accountant):
    assert lines(gp.decidable_lines(principal(librarian))) == {
        ("400221100001", "library"),
        ("400221100002", "library"),
        ("400221100004", "library"),
    }
    assert {code for _, code in lines(gp.decidable_lines(principal(warden)))} == {"dormitory"}
    assert {code for _, code in lines(gp.decidable_lines(principal(accountant)))} == {"accounting"}
    assert list(gp.signed_units(principal(librarian)).values_list("code", flat=True)) == ["library"]
    assert not gp.own_lines(principal(librarian)).exists()
    assert not gp.clearance_student(principal(librarian)).exists()


def test_the_dean_opens_sheets_of_the_faculty_only(sheets, alice, dilnoza, charlie, dean_chemistry):
    reached = set(gp.sheet_openable_students(principal(dean_chemistry)))
    assert alice in reached and charlie in reached and dilnoza not in reached
    assert not gp.decidable_lines(principal(dean_chemistry)).exists()


def test_diplomas_and_units(sheets, diploma_clerk, superadmin, librarian, rector):
    assert set(gp.diploma_students(principal(diploma_clerk)).values_list("student_id_number", flat=True)) >= {
        "400221100001",
        "400221100004",
    }
    assert gp.managed_units(principal(superadmin)).count() == 3
    for user in (diploma_clerk, librarian, rector):
        assert not gp.managed_units(principal(user)).exists()
    assert not gp.diploma_students(principal(librarian)).exists()


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("alice", {"graduation.clearance.own", "graduation.diploma.own"}),
        ("librarian", {"graduation.clearance.sign"}),
        ("warden", {"graduation.clearance.sign"}),
        ("accountant", {"graduation.clearance.sign"}),
        ("dean_chemistry", {"graduation.clearance.open"}),
        ("diploma_clerk", {"graduation.diplomas.manage"}),
        (
            "superadmin",
            {"graduation.clearance.open", "graduation.units.manage", "graduation.diplomas.manage"},
        ),
        ("rector", set()),
    ],
)
def test_actions_by_role(db, request, who, allowed):
    person = request.getfixturevalue(who)
    user = getattr(person, "user", None) if who == "alice" else person
    actions = {a for a in policy.allowed_actions(principal(user)) if a.startswith("graduation.")}
    assert actions == allowed


def test_no_line_is_outside_every_unit_role(sheets, librarian, warden, accountant):
    reached = set()
    for user in (librarian, warden, accountant):
        reached |= set(gp.decidable_lines(principal(user)).values_list("pk", flat=True))
    assert reached == set(ClearanceLine.objects.values_list("pk", flat=True))
