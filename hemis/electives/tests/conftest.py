import pytest

from hemis.electives.tests.world import build_world


@pytest.fixture
def world(uni):
    return build_world(uni)
