"""On the seeded demo university (the package's shared one): the stored compliance snapshot equals a fresh
evaluation, process by process."""

from hemis.compliance import services
from hemis.compliance.tests.snapshots import assert_equals_fresh
from hemis.org.models import OrgUnit, StructureType


def test_the_snapshot_of_the_demo_equals_a_fresh_evaluation(demo):
    snapshot = services.refresh_snapshot()
    faculties = list(OrgUnit.objects.filter(structure_type=StructureType.FACULTY).order_by("code")[:2])
    department = OrgUnit.objects.filter(structure_type=StructureType.DEPARTMENT).order_by("code").first()
    compared = assert_equals_fresh(snapshot, units=[*faculties, department])
    assert compared == snapshot.obligations_count
    assert compared > 100  # the demo has obligations in many processes, not an empty comparison
