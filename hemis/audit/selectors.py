"""Reads of the action journal (annex 1, item 5)."""

import datetime as dt
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from hemis.audit.models import AuditEvent


@dataclass(frozen=True)
class JournalFilter:
    """What the super administrator narrows the journal by; empty fields do not filter."""

    user: str = ""
    role: str = ""
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_data(self) -> dict:
        """The filter as journal data (for the export's own audit event)."""
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the university's time zone (dates in the filter are local dates)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def journal(f: JournalFilter) -> QuerySet[AuditEvent]:
    """Events matching ``f``, newest first; the period is inclusive of both days."""
    events = AuditEvent.objects.all()
    if f.user:
        events = events.filter(actor_name__icontains=f.user)
    if f.role:
        events = events.filter(role=f.role)
    if f.action:
        events = events.filter(action__startswith=f.action)
    if f.target_type:
        events = events.filter(target_type=f.target_type)
    if f.target_id:
        events = events.filter(target_id=f.target_id)
    if f.date_from:
        events = events.filter(at__gte=_start_of(f.date_from))
    if f.date_to:
        events = events.filter(at__lt=_start_of(f.date_to + dt.timedelta(days=1)))
    return events.order_by("-at", "-id")
