"""``manage.py compliance_report [--json] [--today YYYY-MM-DD | --snapshot] [--role ROLE]``: how the
regulation is kept: evaluated now, or (``--snapshot``) as stored by the latest refresh.

With ``--json`` it prints an array with one object per process of the registry:
``{"id", "role", "rule", "measured", "counts"}`` where ``counts`` is
``{"on_time", "late", "pending", "overdue"}``, or null when the process is not yet measured.
"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hemis.compliance import engine, registry, selectors


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today wants a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = "Report, per process of the regulation, the obligations on time, late, pending and overdue."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print a JSON array")
        parser.add_argument(
            "--today", help="evaluate as of this date (YYYY-MM-DD; default: today in Tashkent)"
        )
        parser.add_argument("--role", choices=registry.roles(), help="only the processes of this role")
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help="print the stored snapshot the pages show, not a fresh run",
        )

    def handle(self, *args, **options):
        if options["snapshot"]:
            results = self._stored(options)
        else:
            today = _date(options["today"]) if options["today"] else None
            results = engine.evaluate(context=engine.build_context(today=today), role=options["role"])
        if options["json"]:
            self.stdout.write(
                json.dumps([_as_json(result) for result in results], ensure_ascii=False, indent=2)
            )
            return
        for result in results:
            self.stdout.write(_as_line(result))

    def _stored(self, options) -> list[engine.ProcessResult]:
        if options["today"]:
            raise CommandError("--today evaluates afresh; a snapshot has the day it was computed for")
        snapshot = selectors.latest_snapshot()
        if snapshot is None:
            raise CommandError("no compliance snapshot yet: it is computed nightly, or on demand")
        when = timezone.localtime(snapshot.computed_at)
        self.stderr.write(f"snapshot {snapshot.pk}, computed {when:%d.%m.%Y %H:%M} (Tashkent)")
        return selectors.snapshot_results(snapshot, role=options["role"])


def _as_json(result: engine.ProcessResult) -> dict:
    process = result.process
    return {
        "id": process.id,
        "role": process.role,
        "rule": process.rule_text,
        "measured": result.measured,
        "counts": result.counts.as_dict() if result.counts is not None else None,
    }


def _as_line(result: engine.ProcessResult) -> str:
    process = result.process
    if result.counts is None:
        figures = "not yet measured"
    else:
        c = result.counts
        figures = f"on time {c.on_time}, late {c.late}, pending {c.pending}, overdue {c.overdue}"
    return f"{process.id:<24} {process.role:<12} {process.rule_text:<45} {figures}"
