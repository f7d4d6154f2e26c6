from django.db.models import QuerySet

from hemis.org.models import OrgUnit, StructureType


def faculties() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(structure_type=StructureType.FACULTY, active=True)


def faculty_of(unit: OrgUnit) -> OrgUnit | None:
    """The faculty a unit belongs to (the unit itself if it is one), or None."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return OrgUnit.objects.filter(pk__in=ids, structure_type=StructureType.FACULTY).first()
