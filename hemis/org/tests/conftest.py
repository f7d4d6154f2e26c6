import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (the msgids)."""
    with translation.override("en"):
        yield
