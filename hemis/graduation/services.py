"""Writes of the clearance sheet and the diploma gate; every one audited, every refusal a
``ValidationError`` that changes nothing.

- ``open_sheet``: a graduating student (the programme's last course, or a graduate, still studying)
  opens their sheet, or the dean's office opens it for them: a pending line per active unit.
- ``sign_line`` / ``refuse_line``: the unit's role decides a pending line (a refusal names the debt).
  One conditional ``UPDATE … WHERE state = 'pending'`` each: of two people deciding at once only one
  wins, the other is told the line is no longer pending.
- ``report_settled``: the student says a refused line's debt is settled; the line is pending again with
  a new ``ready_at`` (the unit's 1 working day counts from it). The refusal stays in the history.
- ``create_unit`` / ``update_unit``: the super administrator's units (deactivating one keeps its lines).
- ``record_diploma``: the diploma department marks a student's diploma issued.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.graduation.enums import DecisionKind, LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet, ClearanceUnit, Diploma
from hemis.students.models import Student, StudentStatus

REASON_MAX = 1000


def is_graduating(student: Student) -> bool:
    """Whether ``student`` may have a clearance sheet: studying, in the programme's last course (or
    marked a graduate)."""
    if student.status != StudentStatus.STUDYING:
        return False
    if student.is_graduate:
        return True
    programme = student.programme
    return programme is not None and student.course >= programme.duration_years


# --- the sheet --------------------------------------------------------------------------------------


@transaction.atomic
def open_sheet(*, student: Student, actor) -> ClearanceSheet:
    """Open ``student``'s clearance sheet with a pending line for each active unit, ready now. Refused:
    a student not graduating, a sheet already open, no active unit."""
    if not is_graduating(student):
        raise ValidationError(
            {
                "student": [
                    _(
                        "Only a studying student of the programme's final course opens a clearance sheet "
                        "(%(name)s is in course %(course)s)."
                    )
                    % {"name": student.full_name, "course": student.course}
                ]
            }
        )
    units = list(ClearanceUnit.objects.filter(is_active=True).order_by("order", "code"))
    if not units:
        raise ValidationError({"student": [_("No clearance unit is active: ask the administrator.")]})
    try:
        with transaction.atomic():
            sheet = ClearanceSheet.objects.create(student=student, created_by=actor)
    except IntegrityError:
        raise ValidationError(
            {"student": [_("The clearance sheet of %(name)s is already open.") % {"name": student.full_name}]}
        ) from None
    now = timezone.now()
    ClearanceLine.objects.bulk_create([ClearanceLine(sheet=sheet, unit=unit, ready_at=now) for unit in units])
    audit.record(
        actor=actor,
        action="graduation.sheet.opened",
        target=sheet,
        data={"student": student.pk, "units": [unit.code for unit in units]},
    )
    return sheet


def _not_pending(line: ClearanceLine, role: str) -> ValidationError:
    """Why a decision on ``line`` (as stored now) by ``role`` changed nothing."""
    if line.unit.role != role:
        return ValidationError(
            {
                "line": [
                    _("This line belongs to %(unit)s: only its office decides it.") % {"unit": line.unit.name}
                ]
            }
        )
    if line.state == LineState.SIGNED:
        return ValidationError(
            {
                "line": [
                    _("The line was already signed on %(date)s.")
                    % {"date": f"{timezone.localtime(line.decided_at):%d.%m.%Y}"}
                ]
            }
        )
    return ValidationError(
        {
            "line": [
                _(
                    "The line is refused (%(reason)s): it is checked again once the student reports the debt settled."
                )
                % {"reason": line.reason}
            ]
        }
    )


def _decide(*, line: ClearanceLine, actor, role: str, state: str, reason: str) -> ClearanceLine:
    now = timezone.now()
    stored = ClearanceLine.objects.select_related("unit").get(pk=line.pk)
    if stored.unit.role != role:
        raise _not_pending(stored, role)
    # Plain columns only: a filter through the unit would make Django update ``WHERE id IN (SELECT …)``,
    # whose subquery PostgreSQL does not re-check after waiting for a concurrent decision's lock.
    changed = ClearanceLine.objects.filter(
        pk=line.pk, unit_id=stored.unit_id, state=LineState.PENDING
    ).update(state=state, decided_at=now, decided_by=actor, reason=reason)
    if not changed:
        raise _not_pending(ClearanceLine.objects.select_related("unit").get(pk=line.pk), role)
    line.refresh_from_db()
    ClearanceDecision.objects.create(
        line=line, kind=state, reason=reason, ready_at=line.ready_at, at=now, by=actor
    )
    audit.record(
        actor=actor,
        action=f"graduation.line.{state}",
        target=line,
        role=role,
        data={"sheet": line.sheet_id, "unit": stored.unit.code, "reason": reason},
        before={"state": LineState.PENDING},
        after={"state": state},
    )
    return line


@transaction.atomic
def sign_line(*, line: ClearanceLine, actor, role: str) -> ClearanceLine:
    """Sign a pending line of a unit signed by ``role`` (the actor's active role). Refused: another
    unit's line, a line already signed, a refused line (until the student reports the debt settled)."""
    return _decide(line=line, actor=actor, role=role, state=LineState.SIGNED, reason="")


@transaction.atomic
def refuse_line(*, line: ClearanceLine, actor, role: str, reason: str) -> ClearanceLine:
    """Refuse a pending line of a unit signed by ``role``; ``reason`` (required) names the debt."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Say why the line is refused: the debt the student has to settle.")]}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": [_("Say the debt in %(max)s characters at most.") % {"max": REASON_MAX}]}
        )
    return _decide(line=line, actor=actor, role=role, state=LineState.REFUSED, reason=reason)


@transaction.atomic
def report_settled(*, line: ClearanceLine, actor) -> ClearanceLine:
    """The student reports a refused line's debt settled: the line is pending again, ready now (the
    refusal stays in its history). Refused: a line that is not refused."""
    now = timezone.now()
    changed = ClearanceLine.objects.filter(pk=line.pk, state=LineState.REFUSED).update(
        state=LineState.PENDING, ready_at=now, decided_at=None, decided_by=None, reason=""
    )
    if not changed:
        raise ValidationError({"line": [_("Only a refused line can be reported settled.")]})
    line.refresh_from_db()
    ClearanceDecision.objects.create(line=line, kind=DecisionKind.SETTLED, ready_at=now, at=now, by=actor)
    audit.record(
        actor=actor,
        action="graduation.line.settled",
        target=line,
        data={"sheet": line.sheet_id, "unit": line.unit_id},
        before={"state": LineState.REFUSED},
        after={"state": LineState.PENDING},
    )
    return line


# --- the units --------------------------------------------------------------------------------------

UNIT_FIELDS = ("code", "name_uz", "name_ru", "name_en", "role", "order", "is_active")


def _unit_values(unit: ClearanceUnit) -> dict:
    return {name: getattr(unit, name) for name in UNIT_FIELDS}


@transaction.atomic
def create_unit(*, actor, **values) -> ClearanceUnit:
    """A clearance unit; the sheets opened from now on get a line of it while it is active."""
    unit = ClearanceUnit(created_by=actor, **{k: v for k, v in values.items() if k in UNIT_FIELDS})
    unit.full_clean()
    unit.save()
    audit.record(actor=actor, action="graduation.unit.created", target=unit, after=_unit_values(unit))
    return unit


@transaction.atomic
def update_unit(*, unit: ClearanceUnit, actor, **values) -> ClearanceUnit:
    """Change a unit (a deactivated one gets no line on new sheets; its lines already made stay)."""
    before = _unit_values(ClearanceUnit.objects.get(pk=unit.pk))
    for name, value in values.items():
        if name in UNIT_FIELDS:
            setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    after = _unit_values(unit)
    changed = {k for k in after if after[k] != before[k]}
    audit.record(
        actor=actor,
        action="graduation.unit.updated",
        target=unit,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return unit


# --- the diploma ------------------------------------------------------------------------------------


@transaction.atomic
def record_diploma(
    *, student: Student, series: str, number: str, issued_on: dt.date, actor, today: dt.date | None = None
) -> Diploma:
    """Mark ``student``'s diploma issued (series, number, date). Refused: a student with a diploma
    already, a series and number already given, a date in the future."""
    today = today or timezone.localdate()
    series, number = series.strip().upper(), number.strip()
    if issued_on > today:
        raise ValidationError({"issued_on": [_("The date of issue cannot be in the future.")]})
    if Diploma.objects.filter(student=student).exists():
        raise ValidationError(
            {"student": [_("The diploma of %(name)s is already recorded.") % {"name": student.full_name}]}
        )
    if Diploma.objects.filter(series=series, number=number).exists():
        raise ValidationError(
            {
                "number": [
                    _("Diploma %(series)s %(number)s is already recorded.")
                    % {"series": series, "number": number}
                ]
            }
        )
    diploma = Diploma(student=student, series=series, number=number, issued_on=issued_on, registered_by=actor)
    diploma.full_clean()
    try:
        with transaction.atomic():
            diploma.save()
    except IntegrityError:  # a second clerk recording the same student or number at the same moment
        raise ValidationError({"number": [_("The diploma was recorded meanwhile.")]}) from None
    audit.record(
        actor=actor,
        action="graduation.diploma.recorded",
        target=diploma,
        data={"student": student.pk},
        after={"series": series, "number": number, "issued_on": issued_on.isoformat()},
    )
    return diploma
