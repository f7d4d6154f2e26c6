"""Reads of the exchange: the records of each kind changed since a watermark (with the joins their
payloads need), the queue's counts per kind, the items and the PINFL requests. Each owns its joins:
the queries do not grow with the rows."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from hemis.exchange import layout
from hemis.exchange.enums import KEPT_KINDS, SyncKind, SyncStatus
from hemis.exchange.models import PinflCorrection, PinflCorrectionLine, SyncItem, SyncKindState
from hemis.graduation.models import Diploma
from hemis.org.models import OrgUnit
from hemis.staff.models import Appointment, Employee
from hemis.students.models import Group, Student


@dataclass(frozen=True)
class Source:
    """Where a kind's records come from: the queryset (with its joins), the field that says when a
    record last changed, and the payload of one record."""

    queryset: Callable[[], QuerySet]
    stamp: str
    payload: Callable[[object], dict]


def _employees() -> QuerySet:
    current = (
        Appointment.objects.filter(end_date__isnull=True).select_related("org_unit").order_by("-rate", "pk")
    )
    return Employee.objects.prefetch_related(Prefetch("appointments", queryset=current, to_attr="current"))


def _employee_payload(e) -> dict:
    return layout.employee(e, e.current[0] if e.current else None)


SOURCES: dict[str, Source] = {
    SyncKind.DEPARTMENTS: Source(lambda: OrgUnit.objects.all(), "updated_at", layout.department),
    SyncKind.STUDENTS: Source(
        lambda: Student.objects.select_related("faculty", "programme", "group"), "updated_at", layout.student
    ),
    SyncKind.EMPLOYEES: Source(_employees, "updated_at", _employee_payload),
    SyncKind.GROUPS: Source(
        lambda: Group.objects.select_related("faculty", "programme"), "updated_at", layout.group
    ),
    # A diploma is entered once and not edited: its entry is its change.
    SyncKind.DIPLOMAS: Source(
        lambda: Diploma.objects.select_related("student__faculty", "student__programme", "student__group"),
        "created_at",
        layout.diploma,
    ),
}


def changed_since(kind: str, watermark) -> QuerySet:
    """The records of ``kind`` changed after ``watermark`` (all of them without one), oldest change first."""
    source = SOURCES[kind]
    records = source.queryset()
    if watermark is not None:
        records = records.filter(**{f"{source.stamp}__gt": watermark})
    return records.order_by(source.stamp, "pk")


def live_items(kind: str, object_ids) -> dict[int, SyncItem]:
    """The live (pending or failed) items of ``kind`` for ``object_ids``, by record id."""
    items = SyncItem.objects.filter(
        kind=kind, object_id__in=list(object_ids), status__in=[SyncStatus.PENDING, SyncStatus.FAILED]
    )
    return {item.object_id: item for item in items}


@dataclass
class KindStatus:
    kind: str
    label: str
    kept: bool
    pending: int = 0
    sent: int = 0
    failed: int = 0
    given_up: int = 0
    last_sent_at: object = None
    watermark: object = None
    last_success_at: object = None
    last_error: str = ""
    last_error_at: object = None


def status_by_kind() -> list[KindStatus]:
    """Per kind (every kind of ``SyncKind``, the ones not kept yet with nothing): the counts of the
    queue, the last item sent, the watermark and the last success and error. Two queries."""
    counts = {
        row["kind"]: row
        for row in SyncItem.objects.values("kind").annotate(
            pending=Count("pk", filter=Q(status=SyncStatus.PENDING)),
            sent=Count("pk", filter=Q(status=SyncStatus.SENT)),
            failed=Count("pk", filter=Q(status=SyncStatus.FAILED)),
            given_up=Count("pk", filter=Q(status=SyncStatus.FAILED, next_attempt_at__isnull=True)),
            last_sent_at=Max("sent_at"),
        )
    }
    states = {state.kind: state for state in SyncKindState.objects.all()}
    out = []
    for kind in SyncKind:
        row = counts.get(kind.value, {})
        state = states.get(kind.value)
        out.append(
            KindStatus(
                kind=kind.value,
                label=kind.label,
                kept=kind in KEPT_KINDS,
                pending=row.get("pending", 0),
                sent=row.get("sent", 0),
                failed=row.get("failed", 0),
                given_up=row.get("given_up", 0),
                last_sent_at=row.get("last_sent_at"),
                watermark=state.watermark if state else None,
                last_success_at=state.last_success_at if state else None,
                last_error=state.last_error if state else "",
                last_error_at=state.last_error_at if state else None,
            )
        )
    return out


def failed_items(items: QuerySet[SyncItem], *, limit: int = 50) -> list[SyncItem]:
    """The failed items (the latest failures first), with their errors."""
    return list(items.filter(status=SyncStatus.FAILED).order_by("-failing_since", "-pk")[:limit])


def correction_list(requests: QuerySet[PinflCorrection]) -> QuerySet[PinflCorrection]:
    """The requests with their number of flagged records and of those corrected, the newest first."""
    return requests.annotate(
        line_count=Count("lines"), corrected_count=Count("lines", filter=Q(lines__corrected_at__isnull=False))
    ).order_by("-created_at", "-pk")


def correction_lines(request: PinflCorrection) -> list[PinflCorrectionLine]:
    """A request's flagged records with their student or employee."""
    return list(request.lines.select_related("student", "employee").order_by("pk"))


def open_lines() -> QuerySet[PinflCorrectionLine]:
    """The flagged records of the requests sent and not yet corrected, with their person."""
    return PinflCorrectionLine.objects.filter(
        request__status="sent", corrected_at__isnull=True
    ).select_related("request", "student", "employee")


def for_compliance_sync() -> list[SyncItem]:
    """The items that ever failed (annex 1 item 6): their kind, when the spell began, when sent."""
    return list(
        SyncItem.objects.filter(failing_since__isnull=False)
        .only("pk", "kind", "object_id", "status", "failing_since", "sent_at")
        .order_by("failing_since", "pk")
    )


def for_compliance_pinfl() -> list[PinflCorrection]:
    """The PINFL requests with their first flagged record's date (annex 1 item 4)."""
    from django.db.models import Min

    return list(PinflCorrection.objects.annotate(flagged_at=Min("lines__flagged_at")).order_by("pk"))
