import pytest

from hemis.core import factories as f
from hemis.staff.enums import Position


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr_officer", first_name="Nilufar", last_name="Saidova")
    f.grant(user, "hr")
    return user


@pytest.fixture
def academic(db):
    user = f.UserFactory(username="academic_officer", first_name="Kamola", last_name="Yusupova")
    f.grant(user, "academic")
    return user


@pytest.fixture
def dean_economics(uni):
    user = f.UserFactory(username="dean_econ", first_name="Rustam", last_name="Aliyev")
    f.grant(user, "dean", uni["econ"])
    return user


@pytest.fixture
def chem_teacher(uni):
    employee = f.EmployeeFactory(last_name="Toshmatov", first_name="Jasur", patronymic="Olimovich")
    f.appoint(employee, uni["inorganic"], Position.DOCENT)
    return employee


@pytest.fixture
def econ_teacher(uni):
    employee = f.EmployeeFactory(last_name="Qodirova", first_name="Malika", patronymic="Baxtiyorovna")
    f.appoint(employee, uni["accounting_dept"], Position.SENIOR_TEACHER)
    return employee
