import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from hemis.staff.enums import EmploymentForm, Position

D = dt.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def appointment_data(unit, **overrides) -> dict:
    data = {
        "org_unit": unit,
        "position": Position.DOCENT,
        "employment_form": EmploymentForm.MAIN,
        "rate": Decimal("1.00"),
        "order_number": "245-K",
        "order_date": D(2025, 8, 28),
        "start_date": D(2025, 9, 1),
    }
    return data | overrides


def person_data(**overrides) -> dict:
    data = {
        "last_name": "Toshmatov",
        "first_name": "Ulugʻbek",
        "patronymic": "Rustamovich",
        "pinfl": "31203851234567",
        "birth_date": D(1985, 3, 12),
        "gender": "11",
        "citizenship": "11",
        "phone": "+998901112233",
        "email": "u.toshmatov@example.uz",
        "employee_type": "12",
        "academic_degree": "11",
        "academic_rank": "11",
    }
    return data | overrides
