"""Writes of the exchange with the ministry.

The sync (annex 1 item 6): ``collect`` queues, per kind, every record changed since the kind's watermark
with its payload in the ministry's layout (one live item per record: a newer change replaces the
payload); ``push`` sends the due items in batches through the transport of the settings; a failed batch
is retried with backoff (1, 5, 30 minutes, then hourly) and an item fails for good after
``MAX_ATTEMPTS``; ``retry_failed`` puts failed items back in the queue. ``sync`` is the periodic job's
work: collect, push, then check the PINFL requests.

The PINFL correction requests (annex 1 item 4): ``flag_pinfl`` adds a student or an employee whose PINFL
was entered wrongly to the draft request, ``remove_line`` takes one out, ``send_request`` records the
letter as sent, ``check_corrections`` marks a sent request corrected once every record in it carries its
correct PINFL. Every write is journaled; a PINFL is journaled as changed, never by value.
"""

import datetime as dt
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.people import pinfl_validator
from hemis.exchange import selectors, transports
from hemis.exchange.enums import KEPT_KINDS, LIVE_STATUSES, CorrectionStatus, PersonKind, SyncStatus
from hemis.exchange.models import PinflCorrection, PinflCorrectionLine, SyncItem, SyncKindState
from hemis.staff.models import Employee
from hemis.students.models import Student

BACKOFF_MINUTES = (1, 5, 30)  # after the 1st, 2nd, 3rd failed attempt; hourly after that
LATER_MINUTES = 60
MAX_ATTEMPTS = 10
LEASE = dt.timedelta(minutes=15)  # how long a batch being sent is held from other pushes
CHUNK = 1000
ERROR_LENGTH = 2000

Report = Callable[..., None]


def _batch_size() -> int:
    return int(getattr(settings, "EXCHANGE_BATCH_SIZE", 500))


def backoff(attempts: int) -> dt.timedelta | None:
    """The wait before the next attempt after ``attempts`` failed ones; None once it fails for good."""
    if attempts >= MAX_ATTEMPTS:
        return None
    minutes = BACKOFF_MINUTES[attempts - 1] if attempts <= len(BACKOFF_MINUTES) else LATER_MINUTES
    return dt.timedelta(minutes=minutes)


def _state(kind: str) -> SyncKindState:
    state, _created = SyncKindState.objects.get_or_create(kind=kind)
    return state


# --- collect ------------------------------------------------------------------------------------


def collect(*, actor=None, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue every record changed since its kind's watermark; returns the number queued per kind."""
    now = now or timezone.now()
    queued = {}
    for kind in KEPT_KINDS:
        queued[kind.value] = _collect_kind(kind.value, now)
    if any(queued.values()):  # an hour with no change leaves no event in the journal
        audit.record(actor=actor, action="exchange.sync.collected", data={"queued": queued})
    return queued


@transaction.atomic
def _collect_kind(kind: str, now: dt.datetime) -> int:
    state = _state(kind)
    source = selectors.SOURCES[kind]
    records = selectors.changed_since(kind, state.watermark)
    count = 0
    latest = state.watermark
    chunk: list = []
    for record in records.iterator(chunk_size=CHUNK):
        chunk.append(record)
        if len(chunk) >= CHUNK:
            count += _queue(kind, chunk, source, now)
            latest = getattr(chunk[-1], source.stamp)
            chunk = []
    if chunk:
        count += _queue(kind, chunk, source, now)
        latest = getattr(chunk[-1], source.stamp)
    state.watermark = latest
    state.collected_at = now
    state.save(update_fields=["watermark", "collected_at"])
    return count


def _queue(kind: str, records: list, source, now: dt.datetime) -> int:
    live = selectors.live_items(kind, [r.pk for r in records])
    new, replaced = [], []
    for record in records:
        payload = source.payload(record)
        item = live.get(record.pk)
        if item is None:
            new.append(SyncItem(kind=kind, object_id=record.pk, payload=payload, queued_at=now))
            continue
        # A newer change replaces the payload and starts the attempts over (a batch sending the
        # older payload no longer holds it: its success does not mark this item sent).
        item.payload = payload
        item.status = SyncStatus.PENDING
        item.attempts = 0
        item.next_attempt_at = None
        item.batch = ""
        item.last_error = ""
        item.queued_at = now
        replaced.append(item)
    SyncItem.objects.bulk_create(new, batch_size=CHUNK)
    SyncItem.objects.bulk_update(
        replaced,
        ["payload", "status", "attempts", "next_attempt_at", "batch", "last_error", "queued_at"],
        batch_size=CHUNK,
    )
    return len(new) + len(replaced)


# --- push ---------------------------------------------------------------------------------------


def _due(now: dt.datetime) -> Q:
    """Items due at ``now``; one queued after ``now`` waits for the next push (a push ends even while
    changes keep coming)."""
    waiting = Q(status=SyncStatus.PENDING, next_attempt_at__isnull=True) | Q(
        status__in=LIVE_STATUSES, next_attempt_at__lte=now
    )
    return waiting & Q(queued_at__lte=now)


def push(*, actor=None, now: dt.datetime | None = None, transport=None, report: Report | None = None) -> dict:
    """Send the due items of each kind in batches; a failed batch stops its kind until the next run.
    Returns ``{"sent": n, "failed": n, "batches": [names]}``."""
    now = now or timezone.now()
    transport = transport or transports.current()
    result: dict = {"sent": 0, "failed": 0, "batches": []}
    kinds = [k.value for k in KEPT_KINDS]
    for position, kind in enumerate(kinds):
        while True:
            name = _claim(kind, now)
            if name is None:
                break
            items = list(SyncItem.objects.filter(batch=name, status__in=LIVE_STATUSES).order_by("pk"))
            try:
                transport.send(kind=kind, batch=name, records=[item.payload for item in items])
            except transports.TransportError as exc:
                _failed(kind, name, items, str(exc), now, actor)
                result["failed"] += len(items)
                break
            result["sent"] += _sent(kind, name, items, now, actor)
            result["batches"].append(name)
        if report is not None:
            report(done=position + 1, total=len(kinds), note=kind)
    return result


def _claim(kind: str, now: dt.datetime) -> str | None:
    """Claim up to a batch of due items of ``kind`` (a conditional update: two pushes never claim one
    item); returns the batch name, None when nothing is due."""
    due = _due(now)
    ids = list(
        SyncItem.objects.filter(due, kind=kind).order_by("pk").values_list("pk", flat=True)[: _batch_size()]
    )
    if not ids:
        return None
    name = f"{kind}-{timezone.localtime(now):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    claimed = SyncItem.objects.filter(due, pk__in=ids).update(batch=name, next_attempt_at=now + LEASE)
    return name if claimed else None


@transaction.atomic
def _sent(kind: str, name: str, items: list[SyncItem], now: dt.datetime, actor) -> int:
    # Only the items still holding this batch: one whose payload a newer change replaced stays queued.
    count = SyncItem.objects.filter(batch=name, status__in=LIVE_STATUSES).update(
        status=SyncStatus.SENT, sent_at=now, next_attempt_at=None, last_error=""
    )
    state = _state(kind)
    state.last_success_at = now
    state.save(update_fields=["last_success_at"])
    audit.record(
        actor=actor,
        action="exchange.batch.sent",
        target=state,
        data={"batch": name, "kind": kind, "items": count},
    )
    return count


@transaction.atomic
def _failed(kind: str, name: str, items: list[SyncItem], error: str, now: dt.datetime, actor) -> None:
    error = error[:ERROR_LENGTH]
    current = list(SyncItem.objects.filter(batch=name, status__in=LIVE_STATUSES))
    given_up = 0
    for item in current:
        item.attempts += 1
        wait = backoff(item.attempts)
        item.status = SyncStatus.FAILED
        item.next_attempt_at = now + wait if wait is not None else None
        given_up += wait is None
        item.last_error = error
        item.failing_since = item.failing_since or now
    SyncItem.objects.bulk_update(
        current, ["attempts", "status", "next_attempt_at", "last_error", "failing_since"], batch_size=CHUNK
    )
    state = _state(kind)
    state.last_error = error
    state.last_error_at = now
    state.save(update_fields=["last_error", "last_error_at"])
    audit.record(
        actor=actor,
        action="exchange.batch.failed",
        target=state,
        data={"batch": name, "kind": kind, "items": len(current), "given_up": given_up, "error": error},
    )


@transaction.atomic
def retry_failed(*, actor, kind: str | None = None) -> int:
    """Put the failed items (of ``kind``, or all) back in the queue for the next push, attempts anew."""
    items = SyncItem.objects.filter(status=SyncStatus.FAILED)
    if kind is not None:
        if kind not in {k.value for k in KEPT_KINDS}:
            raise ValidationError({"kind": [_("Unknown record kind.")]})
        items = items.filter(kind=kind)
    count = items.update(status=SyncStatus.PENDING, attempts=0, next_attempt_at=None, batch="")
    audit.record(actor=actor, action="exchange.sync.retried", data={"kind": kind or "", "items": count})
    return count


def sync(*, actor=None, report: Report | None = None) -> dict:
    """The periodic job's work: collect the changes, push the queue, check the PINFL requests."""
    queued = collect(actor=actor)
    pushed = push(actor=actor, report=report)
    corrected = check_corrections(actor=actor)
    return {"queued": queued, "sent": pushed["sent"], "failed": pushed["failed"], "corrected": corrected}


# --- PINFL correction requests ------------------------------------------------------------------


def _refuse(field: str, message: str):
    raise ValidationError({field: [message]})


def _new_number(today: dt.date) -> str:
    count = PinflCorrection.objects.filter(number__startswith=f"{today.year}-").count()
    return f"{today.year}-{count + 1:03d}"


def _draft(actor) -> PinflCorrection:
    draft = PinflCorrection.objects.filter(status=CorrectionStatus.DRAFT).order_by("pk").first()
    if draft is not None:
        return draft
    draft = PinflCorrection.objects.create(number=_new_number(timezone.localdate()), created_by=actor)
    audit.record(
        actor=actor, action="exchange.pinfl_request.created", target=draft, data={"number": draft.number}
    )
    return draft


@transaction.atomic
def flag_pinfl(
    *,
    student: Student | None = None,
    employee: Employee | None = None,
    correct_value: str,
    reason: str,
    actor,
) -> PinflCorrectionLine:
    """Flag the wrongly entered PINFL of a student or an employee (its current value is the wrong one)
    with the correct value and the reason, on the draft request (opened when there is none)."""
    if (student is None) == (employee is None):
        _refuse("person", _("Choose one student or one employee."))
    person = student if student is not None else employee
    kind = PersonKind.STUDENT if student is not None else PersonKind.EMPLOYEE
    correct_value = (correct_value or "").strip()
    try:
        pinfl_validator(correct_value)
    except ValidationError:
        _refuse("correct_value", _("PINFL must be exactly 14 digits."))
    if correct_value == person.pinfl:
        _refuse("correct_value", _("The correct PINFL is the one already entered."))
    reason = (reason or "").strip()
    if not reason:
        _refuse("reason", _("Say why the PINFL is wrong."))
    if len(reason) > 255:
        _refuse("reason", _("The reason is longer than 255 characters."))
    model = type(person)
    if model.objects.filter(pinfl=correct_value).exclude(pk=person.pk).exists():
        _refuse("correct_value", _("Another record already carries this PINFL: sort that record out first."))
    lookup = {kind.value: person}
    open_lines = PinflCorrectionLine.objects.filter(
        **lookup,
        corrected_at__isnull=True,
        request__status__in=[CorrectionStatus.DRAFT, CorrectionStatus.SENT],
    )
    if open_lines.exists():
        _refuse("person", _("This record is already flagged in an open request."))
    request = _draft(actor)
    line = PinflCorrectionLine.objects.create(
        request=request,
        person_kind=kind,
        wrong_value=person.pinfl,
        correct_value=correct_value,
        reason=reason,
        **lookup,
    )
    audit.record(
        actor=actor,
        action="exchange.pinfl.flagged",
        target=request,
        data={"person_kind": kind.value, "person": person.pk, "reason": reason, "pinfl": "•"},
    )
    return line


@transaction.atomic
def remove_line(*, line: PinflCorrectionLine, actor) -> None:
    """Take a flagged record out of a draft request (a request sent keeps its records)."""
    if line.request.status != CorrectionStatus.DRAFT:
        _refuse("line", _("Only a draft request can be changed."))
    audit.record(
        actor=actor,
        action="exchange.pinfl.unflagged",
        target=line.request,
        data={"person_kind": line.person_kind, "person": line.student_id or line.employee_id},
    )
    line.delete()


@transaction.atomic
def send_request(
    *, request: PinflCorrection, signatory_name: str, signatory_position: str, sent_on: dt.date, actor
) -> PinflCorrection:
    """Record the letter of a draft request as sent to the ministry centre on ``sent_on``."""
    request = PinflCorrection.objects.select_for_update().get(pk=request.pk)
    if request.status != CorrectionStatus.DRAFT:
        _refuse("status", _("This request was already sent."))
    if not request.lines.exists():
        _refuse("status", _("Flag at least one record before sending the request."))
    signatory_name = (signatory_name or "").strip()
    signatory_position = (signatory_position or "").strip()
    if not signatory_name:
        _refuse("signatory_name", _("Name who signs the letter."))
    if not signatory_position:
        _refuse("signatory_position", _("Enter the signatory's position."))
    if sent_on is None:
        _refuse("sent_on", _("Enter the letter's date."))
    if sent_on > timezone.localdate():
        _refuse("sent_on", _("The letter's date cannot be in the future."))
    request.status = CorrectionStatus.SENT
    request.signatory_name = signatory_name[:255]
    request.signatory_position = signatory_position[:255]
    request.sent_on = sent_on
    request.sent_by = actor if getattr(actor, "pk", None) else None
    request.save(
        update_fields=["status", "signatory_name", "signatory_position", "sent_on", "sent_by", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="exchange.pinfl_request.sent",
        target=request,
        before={"status": CorrectionStatus.DRAFT},
        after={"status": CorrectionStatus.SENT, "sent_on": sent_on.isoformat(), "signatory": signatory_name},
    )
    return request


@transaction.atomic
def check_corrections(*, actor=None) -> int:
    """Mark each flagged record of the sent requests that now carries its correct PINFL, and each sent
    request whose records all do as corrected; returns the number of requests corrected now."""
    now = timezone.now()
    lines = list(selectors.open_lines())
    done = [line for line in lines if line.person is not None and line.person.pinfl == line.correct_value]
    for line in done:
        line.corrected_at = now
    PinflCorrectionLine.objects.bulk_update(done, ["corrected_at"])
    touched = {line.request_id for line in done}
    corrected = 0
    if touched:
        complete = (
            PinflCorrection.objects.filter(pk__in=touched, status=CorrectionStatus.SENT)
            .exclude(lines__corrected_at__isnull=True)
            .distinct()
        )
        for request in complete:
            request.status = CorrectionStatus.CORRECTED
            request.corrected_at = now
            request.save(update_fields=["status", "corrected_at", "updated_at"])
            audit.record(
                actor=actor,
                action="exchange.pinfl_request.corrected",
                target=request,
                before={"status": CorrectionStatus.SENT},
                after={"status": CorrectionStatus.CORRECTED},
            )
            corrected += 1
    return corrected
