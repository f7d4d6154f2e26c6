"""Reads of the org app: the structure tree, requisites, changes, buildings and rooms."""

import datetime as dt

from django.db.models import Count, Min, Q, QuerySet

from hemis.core.models import UniversitySettings, localized
from hemis.org.models import (
    Accreditation,
    Building,
    Licence,
    OrgUnit,
    Room,
    StructureChange,
    StructureType,
    UniversityRequisites,
)


def faculties() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(structure_type=StructureType.FACULTY, active=True)


def faculty_of(unit: OrgUnit) -> OrgUnit | None:
    """The faculty a unit belongs to (the unit itself if it is one), or None."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return OrgUnit.objects.filter(pk__in=ids, structure_type=StructureType.FACULTY).first()


def unit_changes(unit: OrgUnit) -> QuerySet[StructureChange]:
    return (
        StructureChange.objects.filter(unit=unit).select_related("created_by").order_by("-created_at", "-pk")
    )


def ancestors(unit: OrgUnit) -> list[OrgUnit]:
    ids = [int(part) for part in unit.path.strip("/").split("/") if part and int(part) != unit.pk]
    by_id = OrgUnit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def university_name(faculty: OrgUnit | None = None) -> str:
    """The university's name as documents print it: from the university settings (in the active
    language when entered), else the root unit above ``faculty`` ("" when there is neither)."""
    settings = UniversitySettings.current()
    if settings.name_uz:
        return localized(settings, "name")
    above = ancestors(faculty) if faculty is not None else []
    return above[0].name if above else ""


def requisites() -> UniversityRequisites | None:
    return UniversityRequisites.objects.order_by("pk").first()


def licences() -> QuerySet[Licence]:
    return Licence.objects.order_by("-issue_date", "-pk")


def accreditations() -> QuerySet[Accreditation]:
    return Accreditation.objects.order_by("-issue_date", "-pk")


def recent_changes(kinds: list[str] | None = None) -> QuerySet[StructureChange]:
    qs = StructureChange.objects.select_related("unit", "created_by")
    return (qs.filter(kind__in=kinds) if kinds else qs).order_by("-created_at", "-pk")


def buildings(*, search: str = "") -> QuerySet[Building]:
    qs = Building.objects.annotate(room_count=Count("rooms"))
    search = search.strip()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(address__icontains=search))
    return qs.order_by("name")


def rooms(
    *, building: Building | None = None, room_type: str = "", search: str = "", active: bool | None = None
) -> QuerySet[Room]:
    qs = Room.objects.select_related("building")
    if building is not None:
        qs = qs.filter(building=building)
    if room_type:
        qs = qs.filter(room_type=room_type)
    if active is not None:
        qs = qs.filter(active=active)
    search = search.strip()
    if search:
        qs = qs.filter(Q(number__icontains=search) | Q(name__icontains=search))
    return qs.order_by("building__name", "number")


# --- for the compliance evaluators --------------------------------------------------------------


def first_faculty_and_department() -> dict:
    """When the earliest faculty and the earliest department were entered (None when there is none)."""
    return OrgUnit.objects.aggregate(
        faculty=Min("created_at", filter=Q(structure_type=StructureType.FACULTY)),
        department=Min("created_at", filter=Q(structure_type=StructureType.DEPARTMENT)),
    )


def first_room_created_at():
    return Room.objects.aggregate(first=Min("created_at"))["first"]


def changes_for_compliance(since: dt.date | None) -> list[StructureChange]:
    """Logged changes whose document is dated on or after ``since`` (all when None), oldest first."""
    qs = StructureChange.objects.select_related("unit")
    if since is not None:
        qs = qs.filter(document_date__gte=since)
    return list(qs.order_by("document_date", "pk"))
