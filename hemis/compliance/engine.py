"""Run the evaluators and classify every obligation on the university's working-day calendar.

ON_TIME: done on or before the due date; LATE: done after it; PENDING: not done, due today or
later; OVERDUE: not done, due before today (today in Tashkent). A process without an evaluator is
"not yet measured": it has no counts at all, never zeros that would read as a clean record.
"""

import datetime as dt
from collections.abc import Iterable, Iterator

import hemis.compliance.evaluators  # noqa: F401 - registers the evaluators
from hemis.compliance import registry
from hemis.compliance.enums import Status
from hemis.compliance.process import Process
from hemis.compliance.protocol import EVALUATORS, Context, Obligation, local_today
from hemis.compliance.results import Counts, ProcessResult, Row
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import UniversitySettings


def classify(obligation: Obligation, today: dt.date) -> Status:
    if obligation.done_at is not None:
        return Status.ON_TIME if obligation.done_at <= obligation.due else Status.LATE
    return Status.PENDING if obligation.due >= today else Status.OVERDUE


def build_context(*, today: dt.date | None = None) -> Context:
    """One settings row, one calendar (two queries) for a whole evaluation run."""
    university = UniversitySettings.current()
    return Context(
        today=today or local_today(),
        calendar=WorkingCalendar(study_week=university.study_week),
        university=university,
    )


def _within(obligation: Obligation, unit) -> bool:
    return obligation.unit is not None and obligation.unit.path.startswith(unit.path)


def is_measured(process: Process) -> bool:
    return process.id in EVALUATORS


def classified(process: Process, context: Context) -> Iterator[Row]:
    """Every obligation of a measured process with its status, in the order the evaluator yields them."""
    for obligation in EVALUATORS[process.id](context):
        yield Row(obligation=obligation, status=classify(obligation, context.today))


def evaluate_process(process: Process, context: Context, *, unit=None) -> ProcessResult:
    process = process.effective(context.university)
    if not is_measured(process):
        return ProcessResult(process=process, measured=False)
    counts = Counts()
    rows = []
    for row in classified(process, context):
        if unit is not None and not _within(row.obligation, unit):
            continue
        counts.add(row.status)
        rows.append(row)
    rows.sort(key=lambda row: (row.obligation.due, row.obligation.subject))
    return ProcessResult(process=process, measured=True, rows=tuple(rows), counts=counts)


def evaluate(
    *,
    context: Context | None = None,
    role: str | None = None,
    unit=None,
    process_ids: Iterable[str] | None = None,
) -> list[ProcessResult]:
    """Results for every process of the registry (of ``role``, of ``process_ids``), in registry order.

    With ``unit``, only obligations of that unit and the units below it count; university-wide
    obligations (no unit) then drop out.
    """
    context = context or build_context()
    wanted = set(process_ids) if process_ids is not None else None
    return [
        evaluate_process(process, context, unit=unit)
        for process in registry.PROCESSES
        if (role is None or process.role == role) and (wanted is None or process.id in wanted)
    ]


def totals(results: Iterable[ProcessResult]) -> Counts:
    total = Counts()
    for result in results:
        if result.counts is not None:
            for status in Status:
                setattr(
                    total, status.value, getattr(total, status.value) + getattr(result.counts, status.value)
                )
    return total
