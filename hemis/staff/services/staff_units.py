"""The staff table (shtat): planned staff rates of each position in each unit, by order."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import OrgUnit
from hemis.staff.models import StaffUnit
from hemis.staff.services.common import Errors, add, raise_if


def _values(s: StaffUnit) -> dict:
    return {
        "unit": s.org_unit.code,
        "position": s.position,
        "planned_rate": s.planned_rate,
        "order_number": s.order_number,
        "order_date": s.order_date,
    }


def _errors(s: StaffUnit) -> Errors:
    errors: Errors = {}
    if s.planned_rate is not None and (s.planned_rate <= 0 or s.planned_rate % Decimal("0.25")):
        add(errors, "planned_rate", _("The planned rates must be a positive multiple of 0.25."))
    if s.org_unit_id and not s.org_unit.active:
        add(errors, "org_unit", _("The unit “%(unit)s” is closed.") % {"unit": s.org_unit})
    taken = StaffUnit.objects.filter(org_unit_id=s.org_unit_id, position=s.position).exclude(pk=s.pk)
    if s.org_unit_id and taken.exists():
        add(errors, "position", _("The unit already has a staff line for this position: edit it."))
    return errors


@transaction.atomic
def create_staff_unit(
    *,
    actor,
    org_unit: OrgUnit,
    position: str,
    planned_rate: Decimal,
    order_number: str,
    order_date: dt.date,
) -> StaffUnit:
    """Add a position with its planned rates to a unit's staff table (annex 3, item 3)."""
    s = StaffUnit(
        org_unit=org_unit,
        position=position,
        planned_rate=planned_rate,
        order_number=order_number,
        order_date=order_date,
        created_by=actor,
    )
    raise_if(_errors(s))
    s.full_clean(validate_constraints=False)
    s.save()
    audit.record(actor=actor, action="staff.staff_unit.created", target=s, after=_values(s))
    return s


@transaction.atomic
def update_staff_unit(
    *, staff_unit: StaffUnit, actor, planned_rate: Decimal, order_number: str, order_date: dt.date
) -> StaffUnit:
    """Change the planned rates of a staff line by a new order."""
    before = _values(staff_unit)
    staff_unit.planned_rate = planned_rate
    staff_unit.order_number = order_number
    staff_unit.order_date = order_date
    raise_if(_errors(staff_unit))
    staff_unit.full_clean(validate_constraints=False)
    staff_unit.save()
    audit.record(
        actor=actor,
        action="staff.staff_unit.updated",
        target=staff_unit,
        before=before,
        after=_values(staff_unit),
    )
    return staff_unit


@transaction.atomic
def delete_staff_unit(*, staff_unit: StaffUnit, actor) -> None:
    before = _values(staff_unit)
    audit.record(actor=actor, action="staff.staff_unit.deleted", target=staff_unit, before=before)
    staff_unit.delete()
