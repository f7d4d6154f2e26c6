import pytest
from django.utils import translation

from hemis.electives.tests.world import build_world


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(uni):
    return build_world(uni)
