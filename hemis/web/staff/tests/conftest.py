import datetime as dt
import html
from decimal import Decimal

import pytest
from django.utils import translation

from hemis.staff import services
from hemis.staff.enums import EmploymentForm, Position
from hemis.testing import factories as f

D = dt.date


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def hire(unit, actor, *, last_name="Rahimov", pinfl=None, position=Position.DOCENT, rate="1.00", **kwargs):
    employee = f.EmployeeFactory(last_name=last_name, **({"pinfl": pinfl} if pinfl else {}), **kwargs)
    services.add_appointment(
        employee=employee,
        actor=actor,
        org_unit=unit,
        position=position,
        employment_form=EmploymentForm.MAIN,
        rate=Decimal(rate),
        order_number="245-K",
        order_date=D(2025, 8, 28),
        start_date=D(2025, 9, 1),
    )
    return employee
