"""Writes of the compliance app: the stored snapshot of an evaluation run."""

import datetime as dt
import time
from collections.abc import Iterator
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from hemis.audit import services as audit
from hemis.compliance import engine, registry
from hemis.compliance.models import Snapshot, SnapshotObligation, SnapshotProcess
from hemis.compliance.process import Process
from hemis.compliance.protocol import Context

BATCH = 2000  # obligations per insert (and per short transaction)
KEEP = 3  # complete snapshots kept; older ones are deleted by the refresh
STALE = dt.timedelta(days=1)  # an incomplete snapshot this old belongs to a run that died


def refresh_snapshot(*, actor=None, progress=None, today: dt.date | None = None, job=None) -> Snapshot:
    """Evaluate every process of the registry into a new snapshot and make it the one the pages read.

    The obligations go to the database in batches as the evaluators yield them (no list of them all
    in memory), each batch in its own short transaction, so that ``progress`` (``report(done=,
    total=, note=)``, once per process) can be seen meanwhile. The snapshot is marked complete at
    the end, together with its counts, older snapshots are deleted and the audit event is written;
    until then the pages keep reading the previous one. A failed run deletes its rows.
    """
    started = time.monotonic()
    context = engine.build_context(today=today)
    snapshot = Snapshot.objects.create(
        today=context.today, started_by=actor, job=job, configured_days=_configured_days(context)
    )
    try:
        # The subjects are stored text: in the university's language, whoever started the run.
        with translation.override(settings.LANGUAGE_CODE):
            counts = _evaluate_into(snapshot, context, progress)
    except BaseException:
        snapshot.delete()
        raise
    _complete(snapshot, counts, started=started, actor=actor)
    _delete_old()
    return snapshot


def _configured_days(context: Context) -> dict[str, int]:
    fields = {p.configurable_days for p in registry.PROCESSES if p.configurable_days}
    return {name: getattr(context.university, name) for name in sorted(fields)}


def _evaluate_into(snapshot: Snapshot, context: Context, progress) -> dict[str, engine.Counts | None]:
    counts: dict[str, engine.Counts | None] = {}
    total = len(registry.PROCESSES)
    for done, process in enumerate(registry.PROCESSES, start=1):
        counts[process.id] = _store_process(snapshot, process, context)
        if progress is not None:
            progress.report(done=done, total=total, note=f"{process.id}: {process.title}")
    return counts


def _store_process(snapshot: Snapshot, process: Process, context: Context) -> engine.Counts | None:
    if not engine.is_measured(process):
        return None
    counts = engine.Counts()

    def rows() -> Iterator[SnapshotObligation]:
        for row in engine.classified(process, context):
            counts.add(row.status)
            ob = row.obligation
            yield SnapshotObligation(
                snapshot=snapshot,
                process_id=process.id,
                unit_id=getattr(ob.unit, "pk", None),
                user_id=getattr(ob.user, "pk", None),
                subject=ob.subject,
                due=ob.due,
                done_at=ob.done_at,
                status=row.status,
            )

    stream = rows()
    while batch := list(islice(stream, BATCH)):
        with transaction.atomic():
            SnapshotObligation.objects.bulk_create(batch)
    return counts


@transaction.atomic
def _complete(snapshot: Snapshot, counts: dict, *, started: float, actor) -> None:
    SnapshotProcess.objects.bulk_create(
        SnapshotProcess(snapshot=snapshot, process_id=process_id, measured=c is not None, **_as_fields(c))
        for process_id, c in counts.items()
    )
    snapshot.computed_at = timezone.now()
    snapshot.duration_ms = round((time.monotonic() - started) * 1000)
    snapshot.obligations_count = sum(c.total for c in counts.values() if c is not None)
    snapshot.is_complete = True
    snapshot.save(update_fields=["computed_at", "duration_ms", "obligations_count", "is_complete"])
    audit.record(
        actor=actor,
        action="compliance.snapshot.refreshed",
        target=snapshot,
        data={
            "today": snapshot.today,
            "obligations": snapshot.obligations_count,
            "duration_ms": snapshot.duration_ms,
        },
    )


def _as_fields(counts: engine.Counts | None) -> dict[str, int]:
    return counts.as_dict() if counts is not None else {}


@transaction.atomic
def _delete_old() -> None:
    """Delete all but the newest ``KEEP`` complete snapshots, and runs that died half-way (after
    the new one is complete, in a transaction of its own: readers never wait for it)."""
    kept = Snapshot.objects.filter(is_complete=True).order_by("-computed_at", "-pk").values("pk")[:KEEP]
    complete_old = Snapshot.objects.filter(is_complete=True).exclude(pk__in=[row["pk"] for row in kept])
    dead = Snapshot.objects.filter(is_complete=False, created_at__lt=timezone.now() - STALE)
    old = list(complete_old.values_list("pk", flat=True)) + list(dead.values_list("pk", flat=True))
    if old:
        SnapshotObligation.objects.filter(snapshot__in=old).delete()
        SnapshotProcess.objects.filter(snapshot__in=old).delete()
        Snapshot.objects.filter(pk__in=old).delete()
