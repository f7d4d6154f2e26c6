"""Marking systems and their grade bands (annex 4, item 1)."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.models import GradeBand, MarkingSystem
from hemis.academics.services.common import NAMES, assign, snapshot
from hemis.audit import services as audit

FIELDS = ("code", *NAMES, "pass_border", "max_value", "is_active")
BAND_FIELDS = ("grade", *NAMES, "min_value", "max_value", "grade_point")


def _band_text(band: dict[str, Any]) -> str:
    return f"{band['grade']} ({band['min_value']}–{band['max_value']})"


def check_bands(bands: Sequence[dict[str, Any]], *, max_value: int) -> None:
    """Bands must cover 0…``max_value`` exactly once: no overlap, no gap, distinct grades."""
    if not bands:
        raise ValidationError({"bands": [_("Add at least one grade band.")]})
    grades = [str(b["grade"]).strip() for b in bands]
    if len(set(grades)) != len(grades):
        raise ValidationError({"bands": [_("Each grade may appear only once.")]})
    for band in bands:
        if band["min_value"] > band["max_value"]:
            raise ValidationError(
                {"bands": [_("Band %(band)s ends before it starts.") % {"band": _band_text(band)}]}
            )
    ordered = sorted(bands, key=lambda b: (b["min_value"], b["max_value"]))
    if ordered[0]["min_value"] != 0:
        raise ValidationError({"bands": [_("The lowest band must start at 0.")]})
    if ordered[-1]["max_value"] != max_value:
        raise ValidationError(
            {"bands": [_("The highest band must end at the maximum value %(max)s.") % {"max": max_value}]}
        )
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        gap = upper["min_value"] - lower["max_value"]
        if gap <= 0:
            message = _("Band %(a)s overlaps band %(b)s.")
        elif gap > 1:
            message = _("There is a gap between band %(a)s and band %(b)s.")
        else:
            continue
        raise ValidationError({"bands": [message % {"a": _band_text(lower), "b": _band_text(upper)}]})


def _check_system(values: dict[str, Any]) -> None:
    if values["max_value"] < 1:
        raise ValidationError({"max_value": [_("The maximum value must be at least 1.")]})
    if not 0 < values["pass_border"] <= values["max_value"]:
        raise ValidationError(
            {
                "pass_border": [
                    _("The pass border must lie between 1 and the maximum value %(max)s.")
                    % {"max": values["max_value"]}
                ]
            }
        )


def _band_rows(bands: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for band in bands:
        row = {name: band.get(name, "") for name in BAND_FIELDS}
        row["grade"] = str(row["grade"]).strip()
        row["grade_point"] = Decimal(row["grade_point"]) if row["grade_point"] not in ("", None) else None
        rows.append(row)
    return rows


def _bands_state(system: MarkingSystem) -> list[dict[str, Any]]:
    return [snapshot(b, BAND_FIELDS) for b in system.bands.all()]


@transaction.atomic
def save_marking_system(
    *, system: MarkingSystem | None = None, values: dict[str, Any], bands: Sequence[dict[str, Any]], actor
) -> MarkingSystem:
    """Create a marking system or change one, replacing its grade bands; the bands are checked as a set."""
    values = {name: values[name] for name in FIELDS if name in values}
    creating = system is None
    system = system or MarkingSystem(created_by=actor)
    before = None if creating else {**snapshot(system, FIELDS), "bands": _bands_state(system)}
    merged = {**snapshot(system, FIELDS), **values} if not creating else values
    _check_system(merged)
    rows = _band_rows(bands)
    check_bands(rows, max_value=merged["max_value"])
    assign(system, values)
    system.full_clean()
    system.save()
    system.bands.all().delete()
    created = [GradeBand(marking_system=system, created_by=actor, **row) for row in rows]
    for band in created:
        band.full_clean(exclude=["marking_system"])
    GradeBand.objects.bulk_create(created)
    after = {**snapshot(system, FIELDS), "bands": _bands_state(system)}
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor, action=f"academics.markingsystem.{verb}", target=system, before=before, after=after
    )
    return system
