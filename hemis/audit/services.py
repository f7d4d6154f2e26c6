"""``record()`` writes one audit event in the caller's transaction; ``verify_chain()`` checks the journal."""

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from hemis.audit.context import current
from hemis.audit.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 0x4845_4D49  # "HEMI": one chain, one writer at a time


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False))


def event_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    role: str,
    action: str,
    target_type: str,
    target_id: str,
    target_repr: str,
    data: Any,
    ip: str | None,
    user_agent: str,
) -> str:
    payload = json.dumps(
        [
            prev_hash,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor_id,
            actor_name,
            role,
            action,
            target_type,
            target_id,
            target_repr,
            _canonical(data),
            ip,
            user_agent,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    # SQLite runs IMMEDIATE transactions: writers are already serialised.


def _target_fields(target: models.Model | None) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    return target._meta.label_lower, str(target.pk), str(target)[:255]


def _events(
    actor, action: str, role: str | None, entries: list[tuple[models.Model | None, dict]]
) -> list[AuditEvent]:
    """Unsaved events of ``(target, payload)`` entries chained onto the journal's last event; the
    caller saves them in the same transaction (the chain lock is held from here)."""
    ctx = current.get()
    role = ctx.role if role is None else role
    actor_obj = actor if actor is not None and getattr(actor, "pk", None) else None
    _lock_chain()
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    at = timezone.now()
    events = []
    for target, payload in entries:
        target_type, target_id, target_repr = _target_fields(target)
        fields = {
            "at": at,
            "actor_id": actor_obj.pk if actor_obj else None,
            "actor_name": actor_obj.get_username() if actor_obj else "",
            "role": role or "",
            "action": action,
            "target_type": target_type,
            "target_id": target_id,
            "target_repr": target_repr,
            "data": _canonical(payload),
            "ip": ctx.ip,
            "user_agent": ctx.user_agent,
        }
        digest = event_hash(prev_hash=prev, **fields)
        events.append(AuditEvent(prev_hash=prev, hash=digest, **fields))
        prev = digest
    return events


# Within a caller's transaction no savepoint: a failed append fails the write it journals, and the
# chain lock is held two round trips shorter (every audited write queues on it).
@transaction.atomic(savepoint=False)
def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    data: dict | None = None,
    before: dict | None = None,
    after: dict | None = None,
    role: str | None = None,
) -> AuditEvent:
    """Append an event; ``before``/``after`` hold changed values, ``data`` anything else worth keeping."""
    payload = dict(data or {})
    if before is not None:
        payload["before"] = before
    if after is not None:
        payload["after"] = after
    [event] = _events(actor, action, role, [(target, payload)])
    event.save(force_insert=True)
    return event


@transaction.atomic(savepoint=False)
def record_many(
    *, actor, action: str, items: list[tuple[models.Model, dict]], role: str | None = None
) -> int:
    """Append one event per ``(target, after)`` of a batch write (e.g. a timetable of many entries):
    the same chain as ``record``, taken once and written with one insert."""
    if not items:
        return 0
    events = _events(actor, action, role, [(target, {"after": after}) for target, after in items])
    AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(events)


@transaction.atomic
def record_export(*, actor, action: str, filters: dict, rows: int, **details) -> AuditEvent:
    """Journal an export of a list as ``action`` (``<app>.<model>.exported``): the filters it ran
    with, the number of rows it wrote, and ``details`` (e.g. whether personal data was included)."""
    if not action.endswith(".exported"):
        raise ValueError(f"an export is journaled as <app>.<model>.exported, not {action!r}")
    return record(actor=actor, action=action, data={"filters": filters, "rows": rows, **details})


def verify_chain(batch: int = 5000) -> Iterator[str]:
    """Yield a description of every break in the chain: an edited, inserted or deleted event."""
    prev = GENESIS
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return
        for ev in rows:
            if ev.prev_hash != prev:
                yield f"event {ev.id}: the event before it was deleted or changed"
            expected = event_hash(
                prev_hash=ev.prev_hash,
                at=ev.at,
                actor_id=ev.actor_id,
                actor_name=ev.actor_name,
                role=ev.role,
                action=ev.action,
                target_type=ev.target_type,
                target_id=ev.target_id,
                target_repr=ev.target_repr,
                data=ev.data,
                ip=ev.ip,
                user_agent=ev.user_agent,
            )
            if ev.hash != expected:
                yield f"event {ev.id}: its content was changed"
            prev = ev.hash
            last_id = ev.id
