"""One demo university for every test of this package that asks for ``demo``: seeded once, when the
first of them starts, and rolled back when the package's last test ends; each test runs in its own
savepoint inside it (the ``db`` fixture), so nothing a test writes leaks into the next. Loads that need
an empty database of their own are in ``hemis/demo/fresh_tests/``."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from hemis.academics.models import Semester

N = 300  # students of the shared demo


@pytest.fixture(scope="package")
def _seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", students=N, force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_seeded_once, db):
    return None


@pytest.fixture
def current(demo) -> Semester:
    return Semester.objects.get(is_current=True)
