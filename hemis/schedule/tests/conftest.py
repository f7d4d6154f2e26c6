import pytest

from hemis.testing.schedule import build_world


@pytest.fixture
def world(uni):
    return build_world(uni)
