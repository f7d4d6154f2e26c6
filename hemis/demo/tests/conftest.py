"""One demo university per test module that asks for ``demo``: seeded once when the module starts and
rolled back when it ends (the modules that seed with other options keep their own fixture)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from hemis.academics.models import Semester

N = 300  # students of the shared demo


@pytest.fixture(scope="module")
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
