"""Control (assessment) types and statement (qaydnoma) types (annex 4, items 1 and 3)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.enums import FinalExamType
from hemis.academics.models import ControlType, StatementType
from hemis.academics.services.common import NAMES, assign, snapshot
from hemis.audit import services as audit

TYPE_FIELDS = ("code", *NAMES, "is_active")
EDITABLE = (*NAMES, "is_active")


@transaction.atomic
def update_control_type(*, control_type: ControlType, values: dict[str, Any], actor) -> ControlType:
    """Rename a control type or switch it on or off; its HEMIS code never changes."""
    before = snapshot(control_type, EDITABLE)
    assign(control_type, {k: v for k, v in values.items() if k in EDITABLE})
    control_type.full_clean()
    control_type.save()
    audit.record(
        actor=actor,
        action="academics.controltype.updated",
        target=control_type,
        before=before,
        after=snapshot(control_type, EDITABLE),
    )
    return control_type


@transaction.atomic
def create_statement_type(*, values: dict[str, Any], actor) -> StatementType:
    """Add a local statement type (the HEMIS ones, 11–13, come with the system)."""
    statement_type = StatementType(created_by=actor)
    assign(statement_type, {k: v for k, v in values.items() if k in TYPE_FIELDS})
    statement_type.full_clean()
    statement_type.save()
    audit.record(
        actor=actor,
        action="academics.statementtype.created",
        target=statement_type,
        after=snapshot(statement_type, TYPE_FIELDS),
    )
    return statement_type


@transaction.atomic
def update_statement_type(*, statement_type: StatementType, values: dict[str, Any], actor) -> StatementType:
    before = snapshot(statement_type, EDITABLE)
    assign(statement_type, {k: v for k, v in values.items() if k in EDITABLE})
    statement_type.full_clean()
    statement_type.save()
    audit.record(
        actor=actor,
        action="academics.statementtype.updated",
        target=statement_type,
        before=before,
        after=snapshot(statement_type, EDITABLE),
    )
    return statement_type


def is_standard(statement_type: StatementType) -> bool:
    return statement_type.code in FinalExamType.values


@transaction.atomic
def delete_statement_type(*, statement_type: StatementType, actor) -> None:
    """Delete a local statement type; the HEMIS ones can only be switched off."""
    if is_standard(statement_type):
        raise ValidationError(
            {"code": [_("A HEMIS statement type cannot be deleted; switch it off instead.")]}
        )
    audit.record(
        actor=actor,
        action="academics.statementtype.deleted",
        target=statement_type,
        before=snapshot(statement_type, TYPE_FIELDS),
    )
    statement_type.delete()
