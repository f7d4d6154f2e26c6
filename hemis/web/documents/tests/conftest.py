import pytest
from django.utils import translation

from hemis.testing.documents import docs  # noqa: F401 - the shared fixtures
from hemis.testing.grading import grading, world  # noqa: F401


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield
