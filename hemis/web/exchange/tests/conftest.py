import pytest
from django.utils import translation

from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.EXCHANGE_TRANSPORT = "hemis.exchange.transports.FileTransport"
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def ict(db):
    user = f.UserFactory(username="ict", first_name="Jasur", last_name="Tursunov")
    f.grant(user, "ict")
    return user
