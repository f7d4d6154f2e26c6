"""On the seeded demo university: the stored snapshot equals a fresh evaluation, process by process."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from hemis.compliance import services
from hemis.compliance.tests.snapshots import assert_equals_fresh
from hemis.org.models import OrgUnit, StructureType


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """One demo university for the module, rolled back when the module ends (as the demo's own tests)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", students=120, force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_seeded_once, db):
    return None


def test_the_snapshot_of_the_demo_equals_a_fresh_evaluation(demo):
    snapshot = services.refresh_snapshot()
    faculties = list(OrgUnit.objects.filter(structure_type=StructureType.FACULTY).order_by("code")[:2])
    department = OrgUnit.objects.filter(structure_type=StructureType.DEPARTMENT).order_by("code").first()
    compared = assert_equals_fresh(snapshot, units=[*faculties, department])
    assert compared == snapshot.obligations_count
    assert compared > 100  # the demo has obligations in many processes, not an empty comparison
