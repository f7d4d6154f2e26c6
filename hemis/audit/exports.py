"""The action journal as an Excel workbook (annex 1, item 5); exporting is itself journaled."""

import io
import json
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hemis.audit import services as audit
from hemis.audit.models import AuditEvent
from hemis.audit.selectors import JournalFilter, journal

EXPORT_LIMIT = 100_000  # ≈ 8 s of openpyxl; beyond that the period has to be narrowed


def _headers() -> list[str]:
    return [
        _("Time"),
        _("User"),
        _("Role"),
        _("Action"),
        _("Object type"),
        _("Object ID"),
        _("Object"),
        _("IP address"),
        _("User agent"),
        _("Data"),
    ]


def _values(ev: AuditEvent, tz: ZoneInfo, role_names: Mapping[str, str]) -> list:
    return [
        ev.at.astimezone(tz).strftime("%d.%m.%Y %H:%M:%S"),
        ev.actor_name,
        str(role_names.get(ev.role, ev.role)),
        ev.action,
        ev.target_type,
        ev.target_id,
        ev.target_repr,
        ev.ip or "",
        ev.user_agent,
        json.dumps(ev.data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True),
    ]


def _cell(ws, value):
    """A text cell that Excel never runs as a formula (logins and user agents come from strangers)."""
    cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def journal_workbook(events: Iterable[AuditEvent], role_names: Mapping[str, str]) -> tuple[bytes, int]:
    """An .xlsx of ``events`` (header row first) and the number of event rows written.

    ``role_names`` maps the role codes the journal keeps to the names people read (unknown codes stay).
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Action journal")[:31])
    ws.append(_headers())
    rows = 0
    for ev in events:
        ws.append([_cell(ws, v) for v in _values(ev, tz, role_names)])
        rows += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), rows


@transaction.atomic
def export_journal(
    *, journal_filter: JournalFilter, role_names: Mapping[str, str], actor, limit: int = EXPORT_LIMIT
) -> bytes:
    """The filtered journal as .xlsx; journaled as "audit.journal.exported" with the filters and row count.

    Refuses (ValidationError, nothing recorded) when more than ``limit`` events match.
    """
    events = journal(journal_filter)
    if events.count() > limit:
        raise ValidationError(
            _("More than %(limit)s events match; narrow the period or the filters.")
            % {"limit": f"{limit:,}".replace(",", " ")}
        )
    content, rows = journal_workbook(events.iterator(chunk_size=2000), role_names)
    audit.record_export(
        actor=actor, action="audit.journal.exported", filters=journal_filter.as_data(), rows=rows
    )
    return content
