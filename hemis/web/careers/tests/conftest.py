import pytest

from hemis.staff.enums import Position
from hemis.testing import factories as f


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
