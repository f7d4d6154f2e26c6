import html

import pytest
from django.utils import translation

from hemis.core import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dean_client(client, dean_chemistry):
    client.force_login(dean_chemistry)
    return client


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


def text(response) -> str:
    return html.unescape(response.content.decode())
