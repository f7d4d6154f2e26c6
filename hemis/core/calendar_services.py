"""Writes on the local calendar overrides; both are audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.models import CalendarOverride


def _snapshot(override: CalendarOverride) -> dict:
    return {"date": override.date, "is_working_day": override.is_working_day, "reason": override.reason}


@transaction.atomic
def add_override(*, date: dt.date, is_working_day: bool, reason: str, actor) -> CalendarOverride:
    """Make ``date`` a working day or a day off for this university, whatever the national calendar says."""
    if CalendarOverride.objects.filter(date=date).exists():
        raise ValidationError(
            {"date": _("%(date)s already has an override; delete it first.") % {"date": f"{date:%d.%m.%Y}"}}
        )
    override = CalendarOverride(
        date=date, is_working_day=is_working_day, reason=reason.strip(), created_by=actor
    )
    override.full_clean()
    override.save()
    audit.record(
        actor=actor, action="core.calendar_override.created", target=override, after=_snapshot(override)
    )
    return override


@transaction.atomic
def remove_override(*, override: CalendarOverride, actor) -> None:
    """Delete an override: the day follows the national calendar again."""
    audit.record(
        actor=actor, action="core.calendar_override.deleted", target=override, before=_snapshot(override)
    )
    override.delete()
