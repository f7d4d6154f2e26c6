import pytest


@pytest.fixture(autouse=True)
def english(client):
    """Pages are read in English (the msgids): the interface language comes from the cookie."""
    client.cookies["hemis_language"] = "en"
