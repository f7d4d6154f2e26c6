"""The graduation tests' people: two graduating students of one group (Alice and Bob: course 4 of a
4-year programme) and a second-year one (Charlie) in chemistry, a graduating student of economics
(Dilnoza), the library, dormitory and accounting offices, the diploma department; conftests import the
fixtures from here. The units are those the data migration made (library, dormitory active; accounting
inactive)."""

import pytest

from hemis.graduation.models import ClearanceUnit
from hemis.testing import factories as f


def student_with_login(group, username: str, first: str, last: str, **fields):
    user = f.UserFactory(username=username, first_name=first, last_name=last)
    return f.StudentFactory(
        user=user, group=group, student_id_number=username, first_name=first, last_name=last, **fields
    )


@pytest.fixture
def final_group(uni):
    return f.GroupFactory(faculty=uni["chem"], name="KT-41-22", course=4, intake_year=2022)


@pytest.fixture
def alice(final_group):
    return student_with_login(final_group, "400221100001", "Alisa", "Abdullayeva")


@pytest.fixture
def bob(final_group):
    return student_with_login(final_group, "400221100002", "Bobur", "Boboyev")


@pytest.fixture
def charlie(uni):
    group = f.GroupFactory(faculty=uni["chem"], name="KT-21-24", course=2)
    return student_with_login(group, "400241100003", "Chori", "Choriyev")


@pytest.fixture
def dilnoza(uni):
    group = f.GroupFactory(faculty=uni["econ"], name="IQ-41-22", course=4, intake_year=2022)
    return student_with_login(group, "400221100004", "Dilnoza", "Doniyorova")


def staff_with_role(username: str, role: str, first: str, last: str):
    user = f.UserFactory(username=username, first_name=first, last_name=last)
    f.grant(user, role)
    return user


@pytest.fixture
def librarian(db):
    return staff_with_role("librarian", "library", "Lola", "Kitobova")


@pytest.fixture
def librarian2(db):
    return staff_with_role("librarian2", "library", "Laylo", "Xatova")


@pytest.fixture
def warden(db):
    return staff_with_role("warden", "dormitory", "Vali", "Yotoqov")


@pytest.fixture
def accountant(db):
    return staff_with_role("accountant", "accounting", "Aziza", "Hisobova")


@pytest.fixture
def diploma_clerk(db):
    return staff_with_role("diploma_clerk", "diploma", "Dono", "Diplomova")


@pytest.fixture
def units(db):
    return {u.code: u for u in ClearanceUnit.objects.all()}
