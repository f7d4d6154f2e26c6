import pytest
from django.utils import translation

from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def ict(db):
    user = f.UserFactory(username="ict", first_name="Jasur", last_name="Tursunov")
    f.grant(user, "ict")
    return user


@pytest.fixture
def api_user(db):
    user = f.UserFactory(username="api_lms", first_name="LMS", last_name="Robot")
    f.grant(user, "api_user")
    return user
