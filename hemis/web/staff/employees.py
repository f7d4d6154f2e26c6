"""Employees (annex 3, item 3): list with filters and Excel export, page, create and edit, photo."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.staff import selectors, services
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export
from hemis.web.staff.common import editable_employee, visible_employee
from hemis.web.staff.forms import AppointmentForm, EmployeeFilterForm, EmployeeForm
from hemis.web.templatetags.hemis_tags import masked


def _filtered(request):
    principal = request.principal
    policy.require(principal, "staff.view")
    form = EmployeeFilterForm(request.GET, units=policy.visible_staff_org_units(principal).order_by("path"))
    flt = selectors.EmployeeFilter()
    if form.is_valid():
        flt = selectors.EmployeeFilter(
            search=form.cleaned_data["q"],
            unit=form.cleaned_data["unit"],
            employee_type=form.cleaned_data["employee_type"],
            status=form.cleaned_data["status"],
        )
    return form, selectors.employee_list(policy.visible_employees(principal), flt)


@login_required
@require_GET
def employee_list(request):
    form, employees = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, employees),
        "can_edit": policy.can(request.principal, "staff.edit"),
        "can_see_personal": policy.sees_personal_data(request.principal),
    }
    return render(request, "web/staff/employees.html", context)


@login_required
@require_GET
def employee_export(request):
    _form, employees = _filtered(request)
    allowed = policy.sees_personal_data(request.principal)
    rows = [
        [
            e.full_name,
            masked(e.pinfl, allowed),
            e.birth_date if allowed else masked(e.birth_date and e.birth_date.strftime("%d.%m.%Y"), False),
            e.get_gender_display(),
            masked(e.phone, allowed),
            e.email,
            e.get_employee_type_display(),
            e.get_status_display(),
            "; ".join(
                f"{a.org_unit.name} — {a.get_position_display()} ({a.rate})" for a in e.current_appointments
            ),
        ]
        for e in employees
    ]
    headers = [_("Full name"), _("PINFL"), _("Birth date"), _("Gender"), _("Phone"), _("E-mail")]
    headers += [_("Employee type"), _("Status"), _("Current positions")]
    return xlsx_export(
        request,
        action="staff.employee.exported",
        filename=stamped("employees"),
        title=_("Employees"),
        headers=headers,
        rows=rows,
        personal_data=allowed,
    )


@login_required
@require_GET
def employee_detail(request, pk: int):
    employee = visible_employee(request, pk)
    principal = request.principal
    context = {
        "employee": employee,
        "can_see_personal": policy.sees_personal_data(principal, employee),
        "can_edit": policy.can(principal, "staff.edit", employee),
        "can_create_account": policy.can(principal, "staff.create_account", employee),
        **selectors.employee_page(employee),
    }
    return render(request, "web/staff/employee.html", context)


@login_required
@require_GET
def employee_photo(request, pk: int):
    employee = visible_employee(request, pk)
    if not employee.photo:
        raise Http404
    return FileResponse(employee.photo.open("rb"))


@login_required
@require_http_methods(["GET", "POST"])
def employee_create(request):
    policy.require(request.principal, "staff.edit")
    form = EmployeeForm(request.POST or None, request.FILES or None)
    units = policy.appointment_units(request.principal)
    appointment = AppointmentForm(request.POST or None, prefix="a", units=units)
    if request.method == "POST" and form.is_valid() & appointment.is_valid():
        try:
            employee = services.create_employee(
                actor=request.user,
                data=form.person_data(),
                photo=form.new_photo(),
                appointment=appointment.cleaned_data,
            )
        except ValidationError as exc:
            _split_errors(exc, form, appointment)
        else:
            messages.success(request, _("Employee “%(name)s” added.") % {"name": employee.full_name})
            return redirect("web:staff_employee", pk=employee.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "appointment": appointment}
    return render(request, "web/staff/employee_form.html", context, status=status)


def _split_errors(exc: ValidationError, form, appointment) -> None:
    """Appointment errors on the appointment form, every other one on the person form."""
    if hasattr(exc, "error_dict"):
        ours = {field: errors for field, errors in exc.error_dict.items() if field in appointment.fields}
        add_service_errors(appointment, ValidationError(ours))
        exc = ValidationError(
            {field: errors for field, errors in exc.error_dict.items() if field not in ours}
        )
    add_service_errors(form, exc)


@login_required
@require_http_methods(["GET", "POST"])
def employee_edit(request, pk: int):
    employee = editable_employee(request, pk)
    form = EmployeeForm(request.POST or None, request.FILES or None, employee=employee)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employee(
                employee=employee,
                actor=request.user,
                data=form.person_data(),
                photo=form.new_photo(),
            )
        except ValidationError as exc:
            employee.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:staff_employee", pk=employee.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "employee": employee}
    return render(request, "web/staff/employee_form.html", context, status=status)
