import pytest
from django.utils import translation

from hemis.core import factories as f


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (the msgids)."""
    with translation.override("en"):
        yield


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr", first_name="Malika", last_name="Tursunova")
    f.grant(user, "hr")
    return user


@pytest.fixture
def academic(db):
    user = f.UserFactory(username="academic", first_name="Jasur", last_name="Ergashev")
    f.grant(user, "academic")
    return user
