import pytest
from django.utils import translation

from hemis.testing.schedule import world  # noqa: F401 - the shared fixture


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dean_client(client, dean_chemistry):
    client.force_login(dean_chemistry)
    return client
