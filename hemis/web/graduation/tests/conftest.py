import pytest
from django.utils import translation

from hemis.graduation.tests.fixtures import (  # noqa: F401 - the shared fixtures
    accountant,
    alice,
    bob,
    charlie,
    dilnoza,
    diploma_clerk,
    final_group,
    librarian,
    librarian2,
    units,
    warden,
)
from hemis.testing.grading import grading, world  # noqa: F401 - the shared fixtures


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield
