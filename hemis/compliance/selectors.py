"""Reads for the evaluators and for the pages of compliance and university settings."""

import dataclasses
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import Any

from django.db.models import Count

from hemis.access.models import RoleGrant
from hemis.compliance import registry
from hemis.compliance.enums import Status
from hemis.compliance.models import Snapshot, SnapshotObligation, SnapshotProcess
from hemis.compliance.process import Process
from hemis.compliance.protocol import Obligation
from hemis.compliance.results import Counts, ProcessResult, Row


def grants_by_role(roles: Iterable[str]) -> dict[str, list[RoleGrant]]:
    """Every grant (revoked ones too) of ``roles``, oldest first, with its user; one query.

    Meant for the few university-wide roles (super administrator, HR), not for teachers.
    """
    out: dict[str, list[RoleGrant]] = {}
    grants = (
        RoleGrant.objects.filter(role__in=list(roles)).select_related("user").order_by("created_at", "pk")
    )
    for grant in grants:
        out.setdefault(grant.role_id, []).append(grant)
    return out


# --- the stored snapshot (the compliance pages) ------------------------------------------------


def latest_snapshot() -> Snapshot | None:
    """The newest complete snapshot (a run still writing its rows is never read); one query."""
    return Snapshot.objects.filter(is_complete=True).order_by("-computed_at", "-pk").first()


def _processes(snapshot: Snapshot, role: str | None) -> list[Process]:
    """The registry's processes (of ``role``) with the days the snapshot was computed under."""
    configured = SimpleNamespace(**snapshot.configured_days)
    return [
        process.effective(configured) if process.configurable_days in snapshot.configured_days else process
        for process in registry.PROCESSES
        if role is None or process.role == role
    ]


def _counts(row: Mapping[str, Any]) -> Counts:
    return Counts(on_time=row["on_time"], late=row["late"], pending=row["pending"], overdue=row["overdue"])


def snapshot_results(snapshot: Snapshot, *, role: str | None = None, unit=None) -> list[ProcessResult]:
    """Per process of the registry (of ``role``), in registry order, the counts of ``snapshot``: one
    query (two with ``unit``), whatever the number of obligations.

    With ``unit``, only obligations of that unit and the units below it count (grouped in the
    database); university-wide obligations (no unit) then drop out, as in ``engine.evaluate``.
    """
    return _results(snapshot, _processes(snapshot, role), unit=unit)


def _results(snapshot: Snapshot, processes: list[Process], *, unit=None) -> list[ProcessResult]:
    wanted = [process.id for process in processes]
    stored = {
        row["process_id"]: row
        for row in SnapshotProcess.objects.filter(snapshot=snapshot, process_id__in=wanted).values()
    }
    in_unit = _unit_counts(snapshot, wanted, unit) if unit is not None else {}
    results = []
    for process in processes:
        row = stored.get(process.id)
        if row is None or not row["measured"]:
            results.append(ProcessResult(process=process, measured=False))
            continue
        counts = _counts(row) if unit is None else in_unit.get(process.id, Counts())
        results.append(ProcessResult(process=process, measured=True, counts=counts))
    return results


def _unit_counts(snapshot: Snapshot, process_ids: list[str], unit) -> dict[str, Counts]:
    """The counts of the obligations of ``unit`` and the units below it, per process; one query."""
    out: dict[str, Counts] = {}
    rows = (
        SnapshotObligation.objects.filter(
            snapshot=snapshot, process_id__in=process_ids, unit__path__startswith=unit.path
        )
        .values("process_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        setattr(out.setdefault(row["process_id"], Counts()), row["status"], row["n"])
    return out


def snapshot_process(snapshot: Snapshot, process: Process) -> ProcessResult:
    """One process of ``snapshot`` with its obligations by due date and subject (then in the order
    the evaluator yielded them), each with its responsible person and unit; two queries."""
    (process,) = (p for p in _processes(snapshot, None) if p.id == process.id)
    (result,) = _results(snapshot, [process])
    if not result.measured:
        return result
    stored = (
        SnapshotObligation.objects.filter(snapshot=snapshot, process_id=process.id)
        .select_related("user", "unit")
        .order_by("due", "subject", "pk")
    )
    rows = tuple(
        Row(
            obligation=Obligation(
                process_id=ob.process_id,
                user=ob.user,
                unit=ob.unit,
                subject=ob.subject,
                due=ob.due,
                done_at=ob.done_at,
            ),
            status=Status(ob.status),
        )
        for ob in stored
    )
    return dataclasses.replace(result, rows=rows)
