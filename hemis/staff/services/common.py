"""Pieces shared by the staff services."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from hemis.staff import selectors
from hemis.staff.enums import ALLOWED_RATES, EmploymentForm
from hemis.staff.models import Appointment, Employee

Errors = dict[str, list[str]]


def raise_if(errors: Errors) -> None:
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def not_dismissed(employee: Employee) -> None:
    if employee.pk and selectors.is_dismissed(employee):
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("The employee is dismissed: nothing more can be entered.")]}
        )


def appointment_values(a: Appointment) -> dict:
    return {
        "unit": a.org_unit.code,
        "position": a.position,
        "employment_form": a.employment_form,
        "rate": a.rate,
        "order_number": a.order_number,
        "order_date": a.order_date,
        "start_date": a.start_date,
        "end_date": a.end_date,
    }


def _overlap_q(start: dt.date, end: dt.date | None) -> Q:
    q = Q(end_date__isnull=True) | Q(end_date__gte=start)
    if end is not None:
        q &= Q(start_date__lte=end)
    return q


def appointment_errors(appointment: Appointment, *, exclude_pk: int | None = None) -> Errors:
    """The rules of an appointment beyond its fields: dates, rate, open unit, one main place of work."""
    errors: Errors = {}
    a = appointment
    if a.end_date and a.start_date and a.end_date < a.start_date:
        add(errors, "end_date", _("The end date must not be before the start date."))
    if a.rate is not None and Decimal(a.rate) not in ALLOWED_RATES:
        add(errors, "rate", _("The staff rate must be one of 1.00, 0.75, 0.50 or 0.25."))
    if a.org_unit_id and not a.org_unit.active:
        add(errors, "org_unit", _("The unit “%(unit)s” is closed.") % {"unit": a.org_unit})
    if (
        a.employment_form == EmploymentForm.MAIN
        and a.employee_id
        and a.start_date
        and "end_date" not in errors
    ):
        others = Appointment.objects.filter(
            _overlap_q(a.start_date, a.end_date),
            employee_id=a.employee_id,
            employment_form=EmploymentForm.MAIN,
        ).exclude(pk=exclude_pk or a.pk)
        if others.exists():
            add(
                errors,
                "employment_form",
                _("The employee already has a main place of work in this period."),
            )
    return errors
