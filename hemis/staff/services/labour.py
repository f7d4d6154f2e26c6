"""Labour events by order: vacation, business trip, dismissal, position change (annex 3, items 3 and 5).

The employee's stored status follows the events (``refresh_status``); the truth is the events.
"""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import OrgUnit
from hemis.staff import selectors
from hemis.staff.enums import LabourEventKind as K
from hemis.staff.models import Appointment, Employee, LabourEvent
from hemis.staff.services.common import Errors, add, appointment_values, not_dismissed, raise_if
from hemis.staff.services.employees import make_appointment


def event_values(event: LabourEvent) -> dict:
    return {
        "kind": event.kind,
        "order_number": event.order_number,
        "order_date": event.order_date,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "destination": event.destination,
        "reason": event.reason,
    }


def refresh_status(employee: Employee, on: dt.date | None = None) -> str:
    """Store the status the events give for ``on`` (today); returns it."""
    status = selectors.status_on(employee, on or timezone.localdate())
    if employee.status != status:
        employee.status = status
        employee.save(update_fields=["status", "updated_at"])
    return status


def refresh_statuses(on: dt.date | None = None, *, report: Callable[..., object] | None = None) -> int:
    """Bring every stored status up to date (run daily: vacations start and end by themselves).

    ``report(done=, total=)`` hears of each employee checked (a background job's progress)."""
    on = on or timezone.localdate()
    events: dict[int, list[LabourEvent]] = {}
    for event in LabourEvent.objects.exclude(kind=K.POSITION_CHANGE).order_by("pk"):
        events.setdefault(event.employee_id, []).append(event)
    changed = 0
    employees = Employee.objects.filter(pk__in=list(events)).only("pk", "status")
    for done, employee in enumerate(employees, start=1):
        status = selectors.status_from_events(events[employee.pk], on)
        if status != employee.status:
            Employee.objects.filter(pk=employee.pk).update(status=status, updated_at=timezone.now())
            changed += 1
        if report is not None:
            report(done=done, total=len(events))
    return changed


def _period_errors(event: LabourEvent) -> Errors:
    errors: Errors = {}
    if event.end_date and event.end_date < event.start_date:
        add(errors, "end_date", _("The end date must not be before the start date."))
        return errors
    if event.kind not in selectors.ABSENCES:
        return errors
    end = event.end_date or event.start_date
    clash = (
        LabourEvent.objects.filter(employee=event.employee, kind__in=selectors.ABSENCES)
        .filter(start_date__lte=end, end_date__gte=event.start_date)
        .exclude(pk=event.pk)
        .first()
    )
    if clash is not None:
        add(
            errors,
            "start_date",
            _("The period overlaps the %(event)s from %(start)s to %(end)s.")
            % {
                "event": clash.get_kind_display().lower(),
                "start": clash.start_date.strftime("%d.%m.%Y"),
                "end": clash.end_date.strftime("%d.%m.%Y"),
            },
        )
    return errors


def _save_event(event: LabourEvent, actor, *, verb: str, data: dict | None = None) -> LabourEvent:
    event.created_by = actor
    event.full_clean(exclude=["ended_appointment", "new_appointment"])
    event.save()
    refresh_status(event.employee)
    audit.record(
        actor=actor,
        action=f"staff.labour_event.{verb}",
        target=event.employee,
        data={"event": event.pk, **(data or {})},
        after=event_values(event),
    )
    return event


def _order(order_number: str, order_date: dt.date) -> dict:
    return {"order_number": order_number, "order_date": order_date}


@transaction.atomic
def record_absence(
    *,
    employee: Employee,
    actor,
    kind: str,
    order_number: str,
    order_date: dt.date,
    start_date: dt.date,
    end_date: dt.date,
    destination: str = "",
) -> LabourEvent:
    """A vacation or a business trip (from/to; a trip also has a destination)."""
    not_dismissed(employee)
    if kind not in selectors.ABSENCES:
        raise ValueError(kind)
    event = LabourEvent(
        employee=employee,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        destination=destination if kind == K.BUSINESS_TRIP else "",
        **_order(order_number, order_date),
    )
    errors = _period_errors(event)
    if kind == K.BUSINESS_TRIP and not destination.strip():
        add(errors, "destination", _("Enter the destination of the business trip."))
    raise_if(errors)
    verb = "vacation" if kind == K.VACATION else "business_trip"
    return _save_event(event, actor, verb=verb)


@transaction.atomic
def dismiss(
    *, employee: Employee, actor, order_number: str, order_date: dt.date, date: dt.date, reason: str
) -> LabourEvent:
    """Dismiss on ``date``: ends every current appointment that day and disables the user account."""
    not_dismissed(employee)
    event = LabourEvent(
        employee=employee,
        kind=K.DISMISSAL,
        start_date=date,
        reason=reason,
        **_order(order_number, order_date),
    )
    open_appointments = list(employee.appointments.filter(end_date__isnull=True).select_related("org_unit"))
    errors: Errors = {}
    if not reason.strip():
        add(errors, "reason", _("Enter the reason for the dismissal."))
    if any(a.start_date > date for a in open_appointments):
        add(errors, "start_date", _("The dismissal date is before the start of a current appointment."))
    raise_if(errors)
    for appointment in open_appointments:
        appointment.end_date = date
        appointment.save(update_fields=["end_date", "updated_at"])
    account = employee.user
    if account is not None and account.is_active:
        account.is_active = False
        account.save(update_fields=["is_active"])
    ended = [a.pk for a in open_appointments]
    return _save_event(
        event,
        actor,
        verb="dismissal",
        data={"ended_appointments": ended, "account_disabled": account.get_username() if account else None},
    )


@transaction.atomic
def change_position(
    *,
    employee: Employee,
    actor,
    appointment: Appointment,
    order_number: str,
    order_date: dt.date,
    date: dt.date,
    org_unit: OrgUnit,
    position: str,
    employment_form: str,
    rate,
) -> LabourEvent:
    """Move to a new position from ``date``: the old appointment ends the day before, a new one opens."""
    not_dismissed(employee)
    if appointment.employee_id != employee.pk or appointment.end_date is not None:
        raise_if({"appointment": [_("Choose a current appointment of this employee.")]})
    if date <= appointment.start_date:
        raise_if({"start_date": [_("The change must come after the start of the current appointment.")]})
    before = appointment_values(appointment)
    appointment.end_date = date - dt.timedelta(days=1)
    appointment.save(update_fields=["end_date", "updated_at"])
    new = make_appointment(
        employee=employee,
        actor=actor,
        org_unit=org_unit,
        position=position,
        employment_form=employment_form,
        rate=rate,
        audit_it=False,
        start_date=date,
        **_order(order_number, order_date),
    )
    event = LabourEvent(
        employee=employee,
        kind=K.POSITION_CHANGE,
        start_date=date,
        ended_appointment=appointment,
        new_appointment=new,
        **_order(order_number, order_date),
    )
    return _save_event(
        event, actor, verb="position_change", data={"before": before, "new": appointment_values(new)}
    )
