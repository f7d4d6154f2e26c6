"""Appointments, labour events by order and the employee's account (annex 3, items 3 and 5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hemis.access import policy
from hemis.staff import services
from hemis.staff.enums import LabourEventKind as K
from hemis.web.forms import add_service_errors
from hemis.web.staff import forms
from hemis.web.staff.common import editable_employee


def _form_page(request, employee, form, *, title: str, status: int = 200):
    context = {"employee": employee, "form": form, "title": title}
    return render(request, "web/staff/labour_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def appointment_add(request, pk: int):
    employee = editable_employee(request, pk)
    form = forms.AppointmentForm(request.POST or None, units=policy.appointment_units(request.principal))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_appointment(employee=employee, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Appointment added."))
            return redirect("web:staff_employee", pk=employee.pk)
    return _form_page(request, employee, form, title=_("Add an appointment"), status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def appointment_end(request, pk: int, appointment_pk: int):
    employee = editable_employee(request, pk)
    appointment = get_object_or_404(employee.appointments.select_related("org_unit"), pk=appointment_pk)
    form = forms.EndAppointmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_appointment(appointment=appointment, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Appointment ended."))
            return redirect("web:staff_employee", pk=employee.pk)
    title = _("End the appointment: %(appointment)s, %(unit)s") % {
        "appointment": appointment,
        "unit": appointment.org_unit.name,
    }
    return _form_page(request, employee, form, title=title, status=_status(request))


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


_EVENT_FORMS = {
    K.VACATION: (forms.VacationForm, _("Vacation by order")),
    K.BUSINESS_TRIP: (forms.BusinessTripForm, _("Business trip by order")),
    K.DISMISSAL: (forms.DismissalForm, _("Dismissal by order")),
    K.POSITION_CHANGE: (forms.PositionChangeForm, _("Position change by order")),
}


def _record(kind: str, employee, actor, data: dict):
    if kind in (K.VACATION, K.BUSINESS_TRIP):
        return services.record_absence(employee=employee, actor=actor, kind=kind, **data)
    data = dict(data)
    date = data.pop("start_date")
    if kind == K.DISMISSAL:
        return services.dismiss(employee=employee, actor=actor, date=date, **data)
    return services.change_position(employee=employee, actor=actor, date=date, **data)


@login_required
@require_http_methods(["GET", "POST"])
def event_add(request, pk: int, kind: str):
    if kind not in _EVENT_FORMS:
        raise Http404
    employee = editable_employee(request, pk)
    form_class, title = _EVENT_FORMS[kind]
    units = policy.appointment_units(request.principal)
    extra = {"employee": employee, "units": units} if kind == K.POSITION_CHANGE else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            _record(kind, employee, request.user, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(event)s recorded.") % {"event": K(kind).label})
            return redirect("web:staff_employee", pk=employee.pk)
    return _form_page(request, employee, form, title=str(title), status=_status(request))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_create(request, pk: int):
    """GET asks for confirmation; POST creates the login and shows the temporary password once."""
    employee = editable_employee(request, pk)
    policy.require(request.principal, "staff.create_account", employee)
    context = {"employee": employee, "username": services.propose_username(employee)}
    if request.method == "POST":
        try:
            user, password = services.create_account(employee=employee, actor=request.user)
        except ValidationError as exc:
            context["error"] = exc.messages[0]
            return render(request, "web/staff/account_create.html", context, status=400)
        context.update(account=user, password=password)
        return render(request, "web/staff/account_done.html", context)
    return render(request, "web/staff/account_create.html", context)
