import datetime as dt

import pytest

from hemis.movements import services
from hemis.students.models import Group
from hemis.testing import factories as f

D = dt.date


@pytest.fixture
def chem(uni):
    """The chemistry faculty's programme (4 years) with a group in each of courses 1–4 (two in course 2)."""
    programme = uni["chem_group"].programme
    groups = {
        1: Group.objects.create(
            name="KT-11-25", programme=programme, faculty=uni["chem"], intake_year=2025, course=1
        ),
        2: uni["chem_group"],
        "2b": Group.objects.create(
            name="KT-12-24", programme=programme, faculty=uni["chem"], intake_year=2024, course=2
        ),
        3: Group.objects.create(
            name="KT-11-23", programme=programme, faculty=uni["chem"], intake_year=2023, course=3
        ),
        4: Group.objects.create(
            name="KT-11-22", programme=programme, faculty=uni["chem"], intake_year=2022, course=4
        ),
    }
    return {"faculty": uni["chem"], "programme": programme, "groups": groups}


@pytest.fixture
def dean(dean_chemistry):
    return dean_chemistry


def student(group, **kwargs):
    return f.StudentFactory(group=group, last_name=kwargs.pop("last_name", "Karimova"), **kwargs)


SEPT_1 = D(2025, 9, 1)


def apply(actor, faculty, kind, who, number="1-T", date=SEPT_1, **item):
    """Prepare an order of ``kind`` for one student with ``item``'s fields, and apply it."""
    order = services.prepare_order(actor=actor, kind=kind, number=number, date=date, faculty=faculty)
    services.add_item(actor=actor, order=order, student=who, **item)
    return services.apply_order(actor=actor, order=order)
