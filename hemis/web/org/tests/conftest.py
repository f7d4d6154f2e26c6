import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(client):
    """Pages are read in English (the msgids)."""
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield
