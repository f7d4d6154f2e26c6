"""Writes on the org structure: create, rename, move and close units, each with its order."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import ChangeKind, OrgUnit, StructureChange
from hemis.org.models import StructureType as T

# Which unit types may hold which (None = the top of the tree). A department sits in a faculty or
# directly under the rectorate; a faculty under the rectorate or at the top; "other" units
# (laboratories, museums …) anywhere.
ALLOWED_PARENTS: dict[str, frozenset[str | None]] = {
    T.RECTORATE: frozenset({None}),
    T.FACULTY: frozenset({None, T.RECTORATE}),
    T.DEPARTMENT: frozenset({T.FACULTY, T.RECTORATE}),
    T.DIRECTORATE: frozenset({None, T.RECTORATE}),
    T.DIVISION: frozenset({None, T.RECTORATE, T.DIRECTORATE, T.FACULTY, T.CENTRE}),
    T.CENTRE: frozenset({None, T.RECTORATE, T.DIRECTORATE, T.FACULTY}),
    T.OTHER: frozenset({None, *T.values}),
}

NAME_FIELDS = ("name_uz", "name_ru", "name_en")


def allowed_parent_types(structure_type: str) -> frozenset[str | None]:
    return ALLOWED_PARENTS.get(structure_type, frozenset())


def _check_parent(*, structure_type: str, parent: OrgUnit | None) -> None:
    if parent is not None and not parent.active:
        raise ValidationError({"parent": [_("A unit cannot be placed under a closed unit.")]})
    if (parent.structure_type if parent else None) not in allowed_parent_types(structure_type):
        allowed = [str(T(t).label) for t in T.values if t in allowed_parent_types(structure_type)]
        if None in allowed_parent_types(structure_type):
            allowed.insert(0, _("the top of the structure"))
        raise ValidationError(
            {
                "parent": [
                    _("A unit of type “%(type)s” can only be placed under: %(allowed)s.")
                    % {"type": T(structure_type).label, "allowed": ", ".join(allowed)}
                ]
            }
        )


def _check_document(document_number: str, document_date: dt.date | None) -> None:
    errors = {}
    if not (document_number or "").strip():
        errors["document_number"] = [_("Enter the number of the order this change is based on.")]
    if document_date is None:
        errors["document_date"] = [_("Enter the date of the order this change is based on.")]
    if errors:
        raise ValidationError(errors)


def _log(*, kind: str, unit: OrgUnit, number: str, date: dt.date, before: dict, after: dict, actor):
    StructureChange.objects.create(
        kind=kind,
        unit=unit,
        subject=f"{unit.code} {unit.name_uz}"[:255],
        document_number=number.strip(),
        document_date=date,
        before=before,
        after=after,
        created_by=actor,
    )


def _record_change(
    *, kind: str, action: str, unit: OrgUnit, number: str, date: dt.date, before: dict, after: dict, actor
) -> None:
    """The structure change log entry (read by annex 3 item 6) and its audit event, together."""
    _log(kind=kind, unit=unit, number=number, date=date, before=before, after=after, actor=actor)
    audit.record(
        actor=actor, action=action, target=unit, before=before, after=after, data=_document(number, date)
    )


def _document(number: str, date: dt.date | None) -> dict:
    return {"document_number": number, "document_date": date}


@transaction.atomic
def create_unit(
    *,
    code: str,
    name_uz: str,
    structure_type: str,
    parent: OrgUnit | None = None,
    name_ru: str = "",
    name_en: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    actor=None,
) -> OrgUnit:
    """Create a unit under ``parent`` and set its materialised path.

    With an order (number and date) the creation is a change of the structure and is logged for
    annex 3 item 6; the initial entry of the structure (annex 3 item 2) needs none.
    """
    unit = OrgUnit(
        code=code.strip(),
        name_uz=name_uz.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        structure_type=structure_type,
        parent=parent,
        created_by=actor,
    )
    unit.full_clean(exclude=["path"])
    _check_parent(structure_type=structure_type, parent=parent)
    if document_number or document_date:
        _check_document(document_number, document_date)
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    after = {
        "code": unit.code,
        "structure_type": unit.structure_type,
        "parent": parent.pk if parent else None,
    }
    after.update({f: getattr(unit, f) for f in NAME_FIELDS})
    if document_date:
        _log(
            kind=ChangeKind.UNIT_CREATED,
            unit=unit,
            number=document_number,
            date=document_date,
            before={},
            after=after,
            actor=actor,
        )
    audit.record(
        actor=actor,
        action="org.orgunit.created",
        target=unit,
        after=after,
        data=_document(document_number, document_date),
    )
    return unit


def _refuse_closed(unit: OrgUnit) -> None:
    if not unit.active:
        raise ValidationError(_("The unit is closed; a closed unit keeps its history and cannot be changed."))


@transaction.atomic
def rename_unit(
    *,
    unit: OrgUnit,
    name_uz: str,
    name_ru: str = "",
    name_en: str = "",
    document_number: str,
    document_date: dt.date | None,
    actor,
) -> OrgUnit:
    """Rename a unit in the three languages, by an order."""
    _refuse_closed(unit)
    _check_document(document_number, document_date)
    before = {f: getattr(unit, f) for f in NAME_FIELDS}
    unit.name_uz, unit.name_ru, unit.name_en = name_uz.strip(), name_ru.strip(), name_en.strip()
    unit.full_clean(exclude=["path"])
    after = {f: getattr(unit, f) for f in NAME_FIELDS}
    if after == before:
        raise ValidationError({"name_uz": [_("The new name is the same as the current one.")]})
    unit.save(update_fields=[*NAME_FIELDS, "updated_at"])
    _record_change(
        kind=ChangeKind.UNIT_RENAMED,
        action="org.orgunit.renamed",
        unit=unit,
        number=document_number,
        date=document_date,
        before=before,
        after=after,
        actor=actor,
    )
    return unit


@transaction.atomic
def move_unit(
    *, unit: OrgUnit, parent: OrgUnit | None, document_number: str, document_date: dt.date | None, actor
) -> OrgUnit:
    """Move a unit (with its whole subtree) under ``parent``; one UPDATE rewrites every path below."""
    _refuse_closed(unit)
    _check_document(document_number, document_date)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None:
        parent = OrgUnit.objects.get(pk=parent.pk)  # its path as stored now
        if parent.path.startswith(unit.path):
            raise ValidationError(
                {"parent": [_("A unit cannot be moved under itself or one of its sub-units.")]}
            )
    if parent == unit.parent:
        raise ValidationError({"parent": [_("The unit is already under this parent.")]})
    _check_parent(structure_type=unit.structure_type, parent=parent)
    before = {"parent": unit.parent_id, "path": unit.path}
    old_path, new_path = unit.path, f"{parent.path if parent else '/'}{unit.pk}/"
    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    after = {"parent": unit.parent_id, "path": unit.path}
    _record_change(
        kind=ChangeKind.UNIT_MOVED,
        action="org.orgunit.moved",
        unit=unit,
        number=document_number,
        date=document_date,
        before=before,
        after=after,
        actor=actor,
    )
    return unit


@transaction.atomic
def close_unit(*, unit: OrgUnit, document_number: str, document_date: dt.date | None, actor) -> OrgUnit:
    """Close a unit by an order; it stays in the tree (greyed) with its history."""
    _refuse_closed(unit)
    _check_document(document_number, document_date)
    if unit.children.filter(active=True).exists():
        raise ValidationError(_("The unit has active sub-units: close or move them first."))
    before = {"active": True}
    unit.active = False
    unit.closed_order_number = document_number.strip()
    unit.closed_on = document_date
    unit.save(update_fields=["active", "closed_order_number", "closed_on", "updated_at"])
    after = {"active": False, "closed_order_number": unit.closed_order_number, "closed_on": document_date}
    _record_change(
        kind=ChangeKind.UNIT_CLOSED,
        action="org.orgunit.closed",
        unit=unit,
        number=document_number,
        date=document_date,
        before=before,
        after=after,
        actor=actor,
    )
    return unit
