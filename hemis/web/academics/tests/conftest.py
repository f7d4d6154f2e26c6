import datetime as dt
import html

import pytest
from django.utils import translation

from hemis.academics.services.programmes import save_programme
from hemis.testing import factories as f

D = dt.date


@pytest.fixture
def english(client):
    """The programme and subject pages are read in English (the set-up pages' tests choose themselves)."""
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def head(uni):
    user = f.UserFactory(username="head_inorg", first_name="Lola", last_name="Ergasheva")
    f.grant(user, "head", uni["inorganic"])
    return user


def text(response) -> str:
    return html.unescape(response.content.decode())


def programme(faculty, code="60720100", **changes):
    values = {
        "code": code,
        "name_uz": "Kimyoviy texnologiya",
        "faculty": faculty,
        "education_type": "11",
        "education_form": "11",
        "language": "11",
        "duration_years": 4,
        "opened_on": D(2025, 8, 20),
        "opening_order": "312-son",
        **changes,
    }
    return save_programme(values=values, actor=None)
