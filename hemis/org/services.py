"""Writes on the org structure."""

from django.db import transaction

from hemis.org.models import OrgUnit


@transaction.atomic
def create_unit(
    *,
    code: str,
    name_uz: str,
    structure_type: str,
    parent: OrgUnit | None = None,
    name_ru: str = "",
    name_en: str = "",
    actor=None,
) -> OrgUnit:
    """Create a unit under ``parent`` and set its materialised path."""
    unit = OrgUnit(
        code=code,
        name_uz=name_uz,
        name_ru=name_ru,
        name_en=name_en,
        structure_type=structure_type,
        parent=parent,
        created_by=actor,
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit
