"""Programmes (bachelor directions, master specialties) opened at faculties: annex 5 item 1, annex 4 item 4.

Who may edit which faculty's programmes is the policy's question (the pages ask it); these services
check the data: the HEMIS code, the duration, that the faculty is a faculty, the opening date.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import EducationType, Programme
from hemis.academics.services.common import NAMES, assign, snapshot
from hemis.audit import services as audit
from hemis.org.models import OrgUnit, StructureType

FIELDS = (
    "code",
    *NAMES,
    "faculty",
    "education_type",
    "education_form",
    "language",
    "duration_years",
    "qualification_uz",
    "qualification_ru",
    "qualification_en",
    "opened_on",
    "opening_order",
    "is_active",
)
MAX_MASTER_YEARS = 3


def _state(programme: Programme) -> dict[str, Any]:
    values = snapshot(programme, FIELDS)
    values["faculty"] = programme.faculty_id
    return values


def _check(values: dict[str, Any]) -> None:
    """The rules of a programme beyond the model's own (each refusal names its field)."""
    errors: dict[str, list[str]] = {}
    code = str(values.get("code") or "").strip()
    if not re.fullmatch(r"\d{8}", code):
        errors["code"] = [_("The HEMIS code must be 8 digits, e.g. 60720100 or 70720101.")]
    duration = values.get("duration_years")
    if duration is None or not 1 <= duration <= 7:
        errors["duration_years"] = [_("The duration must be from 1 to 7 years.")]
    elif values.get("education_type") == EducationType.MASTER and duration > MAX_MASTER_YEARS:
        errors["duration_years"] = [_("A master programme lasts at most 3 years.")]
    faculty = values.get("faculty")
    if not isinstance(faculty, OrgUnit) or faculty.structure_type != StructureType.FACULTY:
        errors["faculty"] = [_("Choose a faculty.")]
    opened_on = values.get("opened_on")
    if opened_on is not None and opened_on > timezone.localdate():
        errors["opened_on"] = [_("The opening date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_programme(*, programme: Programme | None = None, values: dict[str, Any], actor) -> Programme:
    """Create a programme or change one; audited as ``academics.programme.created``/``updated``."""
    values = {name: values[name] for name in FIELDS if name in values}
    creating = programme is None
    if creating:
        programme = Programme(created_by=actor)
        before = None
        defaults = snapshot(programme, [name for name in FIELDS if name != "faculty"])
        merged = {**defaults, **values}
    else:
        before = _state(programme)
        merged = {**snapshot(programme, FIELDS), **values}
    _check(merged)
    assign(programme, values)
    programme.full_clean()
    programme.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor,
        action=f"academics.programme.{verb}",
        target=programme,
        before=before,
        after=_state(programme),
    )
    return programme


@transaction.atomic
def close_programme(*, programme: Programme, actor) -> Programme:
    """Close a programme (no new groups or curricula for it); its records stay."""
    if not programme.is_active:
        raise ValidationError({"is_active": [_("The programme is already closed.")]})
    programme.is_active = False
    programme.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=actor,
        action="academics.programme.closed",
        target=programme,
        before={"is_active": True},
        after={"is_active": False},
    )
    return programme
