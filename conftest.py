"""Personas for every test: a small university with two faculties, so that leak tests have
something that could leak. Named as in STYLE.md."""

import os

import pytest
from django.utils import translation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

from hemis.testing import factories as f  # noqa: E402


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests compare messages with their English source texts unless they switch language themselves;
    requests still get the language the middleware picks (Uzbek unless chosen)."""
    with translation.override("en"):
        yield


@pytest.fixture
def uni(db):
    """Two faculties with a department each, a group and a student in each faculty."""
    chem = f.faculty("F-CHEM", "Kimyo texnologiyasi fakulteti")
    econ = f.faculty("F-ECON", "Iqtisodiyot fakulteti")
    inorganic = f.department(chem, "D-INORG", "Noorganik kimyo kafedrasi")
    accounting_dept = f.department(econ, "D-ACC", "Buxgalteriya hisobi kafedrasi")
    chem_group = f.GroupFactory(faculty=chem, name="KT-11-24")
    econ_group = f.GroupFactory(faculty=econ, name="IQ-21-24")
    return {
        "chem": chem,
        "econ": econ,
        "inorganic": inorganic,
        "accounting_dept": accounting_dept,
        "chem_group": chem_group,
        "econ_group": econ_group,
    }


@pytest.fixture
def dean_chemistry(uni):
    user = f.UserFactory(username="dean_chem", first_name="Dilshod", last_name="Yoʻldoshev")
    f.grant(user, "dean", uni["chem"])
    return user


@pytest.fixture
def dean_economics(uni):
    user = f.UserFactory(username="dean_econ", first_name="Sardor", last_name="Ismoilov")
    f.grant(user, "dean", uni["econ"])
    return user


@pytest.fixture
def academic(db):
    user = f.UserFactory(username="academic", first_name="Nodira", last_name="Saidova")
    f.grant(user, "academic")
    return user


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr", first_name="Nigora", last_name="Karimova")
    f.grant(user, "hr")
    return user


@pytest.fixture
def rector(db):
    user = f.UserFactory(username="rector", first_name="Baxtiyor", last_name="Gʻaniyev")
    f.grant(user, "management")
    return user


@pytest.fixture
def superadmin(db):
    user = f.UserFactory(username="admin", first_name="Anvar", last_name="Qodirov")
    f.grant(user, "super_admin")
    return user


@pytest.fixture
def student_in_group(uni):
    user = f.UserFactory(username="400251199999", first_name="Gulnoza", last_name="Oʻrinboyeva")
    return f.StudentFactory(user=user, group=uni["chem_group"], student_id_number="400251199999")


@pytest.fixture
def outsider(db):
    return f.UserFactory(username="outsider", first_name="Begona", last_name="Odam")
