"""Comparing a stored snapshot with a fresh evaluation, process by process (counts and rows)."""

import datetime as dt

from django.conf import settings
from django.utils import translation

from hemis.compliance import engine, registry, selectors
from hemis.compliance.models import Snapshot
from hemis.compliance.results import ProcessResult


def _pk(obj):
    return getattr(obj, "pk", None)


def shown(result: ProcessResult) -> tuple:
    """What the pages show of a process: its rule, counts and rows in their order."""
    return (
        result.process.id,
        result.process.rule_text,
        result.measured,
        result.counts.as_dict() if result.counts is not None else None,
        [
            (
                row.status,
                row.obligation.subject,
                row.obligation.due,
                row.obligation.done_at,
                _pk(row.obligation.user),
                _pk(row.obligation.unit),
            )
            for row in result.rows
        ],
    )


def fresh(today: dt.date, unit=None) -> list[ProcessResult]:
    """``engine.evaluate`` in the language the snapshot stores its subjects in."""
    with translation.override(settings.LANGUAGE_CODE):
        return engine.evaluate(context=engine.build_context(today=today), unit=unit)


def assert_equals_fresh(snapshot: Snapshot, *, units=()) -> int:
    """The snapshot's processes (rows and counts) and its index counts (for all and for ``units``)
    equal a fresh evaluation on the snapshot's day; returns the number of obligations compared."""
    expected = fresh(snapshot.today)
    assert len(expected) == len(registry.PROCESSES)
    for process, want in zip(registry.PROCESSES, expected, strict=True):
        assert shown(selectors.snapshot_process(snapshot, process)) == shown(want), process.id
    for unit in (None, *units):
        want = [(r.process.id, r.measured, r.counts) for r in fresh(snapshot.today, unit=unit)]
        got = [(r.process.id, r.measured, r.counts) for r in selectors.snapshot_results(snapshot, unit=unit)]
        assert got == want, unit
    return sum(len(r.rows) for r in expected)
