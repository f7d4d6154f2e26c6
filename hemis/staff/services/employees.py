"""Employees and their appointments: create, edit, appoint, end an appointment."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.people import journaled
from hemis.org.models import OrgUnit
from hemis.staff.models import Appointment, Employee
from hemis.staff.services.common import (
    Errors,
    add,
    appointment_errors,
    appointment_values,
    not_dismissed,
    raise_if,
)

PERSON_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "pinfl",
    "passport",
    "birth_date",
    "gender",
    "citizenship",
    "phone",
    "email",
    "address",
    "employee_type",
    "academic_degree",
    "academic_rank",
)


def employee_values(employee: Employee, fields=PERSON_FIELDS) -> dict:
    return {f: journaled(f, getattr(employee, f)) for f in fields}


def _pinfl_errors(employee: Employee) -> Errors:
    errors: Errors = {}
    taken = Employee.objects.filter(pinfl=employee.pinfl).exclude(pk=employee.pk).exists()
    if employee.pinfl and taken:
        add(errors, "pinfl", _("An employee with this PINFL already exists."))
    return errors


def _clean_employee(employee: Employee) -> None:
    raise_if(_pinfl_errors(employee))
    employee.full_clean(exclude=["user", "status"], validate_unique=False)


def _photo_name(employee: Employee) -> str | None:
    return employee.photo.name if employee.photo else None


def make_employee(*, actor, data: dict, photo=None, appointment: dict | None = None) -> Employee:
    """Create (no transaction of its own: the import creates many in one)."""
    employee = Employee(created_by=actor, **{k: v for k, v in data.items() if k in PERSON_FIELDS})
    if photo:
        employee.photo = photo
    _clean_employee(employee)
    employee.save()
    after = employee_values(employee)
    if appointment:
        appt = make_appointment(employee=employee, actor=actor, audit_it=False, **appointment)
        after["appointment"] = appointment_values(appt)
    audit.record(actor=actor, action="staff.employee.created", target=employee, after=after)
    return employee


@transaction.atomic
def create_employee(*, actor, data: dict, photo=None, appointment: dict | None = None) -> Employee:
    """Create an employee (person data, type, degree, rank) with a first appointment if given."""
    return make_employee(actor=actor, data=data, photo=photo, appointment=appointment)


@transaction.atomic
def update_employee(*, employee: Employee, actor, data: dict, photo=None) -> Employee:
    """Change person data; the status is not edited here (it follows the labour events)."""
    not_dismissed(employee)
    raw_before = {f: getattr(employee, f) for f in PERSON_FIELDS}
    before = employee_values(employee)
    old_photo = _photo_name(employee)
    for field in PERSON_FIELDS:
        if field in data:
            setattr(employee, field, data[field])
    if photo:
        employee.photo = photo
    _clean_employee(employee)
    employee.save()
    after = employee_values(employee)
    changed = [f for f in PERSON_FIELDS if getattr(employee, f) != raw_before[f]]
    photo_before = {"photo": old_photo} if photo else {}
    photo_after = {"photo": _photo_name(employee)} if photo else {}
    audit.record(
        actor=actor,
        action="staff.employee.updated",
        target=employee,
        before={f: before[f] for f in changed} | photo_before,
        after={f: after[f] for f in changed} | photo_after,
    )
    return employee


def make_appointment(
    *,
    employee: Employee,
    actor,
    org_unit: OrgUnit,
    position: str,
    employment_form: str,
    rate,
    order_number: str,
    order_date: dt.date,
    start_date: dt.date,
    end_date: dt.date | None = None,
    audit_it: bool = True,
) -> Appointment:
    appointment = Appointment(
        employee=employee,
        org_unit=org_unit,
        position=position,
        employment_form=employment_form,
        rate=rate,
        order_number=order_number,
        order_date=order_date,
        start_date=start_date,
        end_date=end_date,
        created_by=actor,
    )
    raise_if(appointment_errors(appointment))
    appointment.full_clean()
    appointment.save()
    if audit_it:
        audit.record(
            actor=actor,
            action="staff.appointment.created",
            target=appointment,
            data={"employee": employee.pk},
            after=appointment_values(appointment),
        )
    return appointment


@transaction.atomic
def add_appointment(*, employee: Employee, actor, **fields) -> Appointment:
    """Appoint an employee to a position in a unit by order (annex 3, item 3)."""
    not_dismissed(employee)
    return make_appointment(employee=employee, actor=actor, **fields)


@transaction.atomic
def end_appointment(*, appointment: Appointment, end_date: dt.date, actor) -> Appointment:
    """End an appointment on ``end_date`` (the last day worked)."""
    not_dismissed(appointment.employee)
    before = {"end_date": appointment.end_date}
    if appointment.end_date is not None:
        raise_if({"end_date": [_("This appointment has already ended.")]})
    appointment.end_date = end_date
    raise_if({"end_date": appointment_errors(appointment).get("end_date", [])})
    appointment.save(update_fields=["end_date", "updated_at"])
    audit.record(
        actor=actor,
        action="staff.appointment.ended",
        target=appointment,
        before=before,
        after={"end_date": end_date},
    )
    return appointment
