"""The policy of personal data, correction requests and Unilibrary (annex 13 items 7 and 8): role × scope ×
action → allowed, and the querysets: a student their own requests, the dean's office its faculty's."""

import pytest

from hemis.access.policy import can
from hemis.access.policy.cabinet import (
    decidable_correction_requests,
    own_correction_requests,
    personal_data_students,
)
from hemis.access.principal import build_principal
from hemis.students.models import DataCorrectionRequest
from hemis.testing import factories as f


@pytest.fixture
def world(uni):
    """Two students of one chemistry group and an economics student, each with a request (what could leak)."""
    people = {}
    for key, group in (("gulnoza", "chem_group"), ("malika", "chem_group"), ("sardor", "econ_group")):
        student = f.StudentFactory(group=uni[group], user=f.UserFactory(username=key))
        people[key] = student
        people[f"{key}_request"] = DataCorrectionRequest.objects.create(
            student=student, field="address", requested_value="Toshkent"
        )
    return {**uni, **people}


def acting(role: str, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


def student_principal(student):
    return build_principal(student.user, None)


TABLE = [
    ("super_admin", None, "cabinet.corrections.decide", "sardor_request", True),
    ("dean", "chem", "cabinet.corrections.decide", "gulnoza_request", True),
    ("dean", "chem", "cabinet.corrections.decide", "sardor_request", False),
    ("dean", "econ", "cabinet.corrections.decide", "gulnoza_request", False),
    ("management", None, "cabinet.corrections.decide", None, False),
    ("academic", None, "cabinet.corrections.decide", None, False),
    ("teacher", "inorganic", "cabinet.corrections.decide", None, False),
    ("dean", "chem", "cabinet.personal_data", None, False),
    ("super_admin", None, "cabinet.unilibrary", None, False),
]


@pytest.mark.parametrize(("role", "unit", "action", "obj", "allowed"), TABLE)
def test_policy_table(world, role, unit, action, obj, allowed):
    principal = acting(role, world[unit] if unit else None)
    assert can(principal, action, world[obj] if obj else None) is allowed


def test_a_student_reads_only_their_own_data_and_requests(world):
    principal = student_principal(world["gulnoza"])
    assert can(principal, "cabinet.personal_data") and can(principal, "cabinet.unilibrary")
    assert not can(principal, "cabinet.corrections.decide")
    assert list(personal_data_students(principal)) == [world["gulnoza"]]
    assert list(own_correction_requests(principal)) == [world["gulnoza_request"]]
    assert list(decidable_correction_requests(principal)) == []


def test_the_dean_decides_only_the_faculty_requests(world):
    chem = acting("dean", world["chem"])
    assert set(decidable_correction_requests(chem)) == {world["gulnoza_request"], world["malika_request"]}
    assert list(own_correction_requests(chem)) == []
    assert list(personal_data_students(chem)) == []
    econ = acting("dean", world["econ"])
    assert list(decidable_correction_requests(econ)) == [world["sardor_request"]]
