import datetime as dt

import pytest

from hemis.compliance import protocol
from hemis.compliance.protocol import TASHKENT
from hemis.core.models import UniversitySettings


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment in Tashkent."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=TASHKENT)


@pytest.fixture
def temporary_evaluator():
    """Register an evaluator for a process that has none yet, through the public protocol."""
    registered = []

    def register(process_id, fn):
        protocol.register(process_id, fn)
        registered.append(process_id)

    yield register
    for process_id in registered:
        protocol.unregister(process_id)


@pytest.fixture
def university(db):
    """The settings row every evaluator run reads (a 5-day study week, no launch date yet)."""
    return UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", study_week=5)
