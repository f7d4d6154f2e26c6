"""Professional development (annex 4 item 9): records, who is due for training, export; a teacher's history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.careers import selectors, services
from hemis.careers.enums import TRAINING_PERIOD_YEARS
from hemis.web.careers.common import filters_of, scope_units, today
from hemis.web.careers.forms import TrainingDueForm, TrainingFilterForm, TrainingRecordForm
from hemis.web.forms import call_service
from hemis.web.pages import paginate, xlsx_export

EDIT = "careers.training.edit"
FIELDS = (
    "employee",
    "place",
    "institution",
    "programme",
    "date_from",
    "date_to",
    "hours",
    "certificate_number",
    "certificate_date",
    "order_number",
    "order_date",
)


def _visible(request):
    policy.require(request.principal, "careers.view")
    return policy.visible_training_records(request.principal)


def _filtered(request):
    form = TrainingFilterForm(request.GET, units=scope_units(request))
    rows = selectors.training_records(
        _visible(request), search=form.value("q", ""), unit=form.value("unit"), place=form.value("place", "")
    )
    return form, rows


@login_required
@require_GET
def training_list(request):
    form, rows = _filtered(request)
    context = {"form": form, "page": paginate(request, rows), "can_edit": policy.can(request.principal, EDIT)}
    return render(request, "web/careers/trainings.html", context)


@login_required
@require_GET
def training_export(request):
    form, rows = _filtered(request)
    headers = [
        _("Employee"),
        _("Type of training place"),
        _("Institution"),
        _("Programme or topic"),
        _("From"),
        _("To"),
        _("Hours"),
        _("Certificate number"),
        _("Certificate date"),
        _("Order number"),
        _("Order date"),
    ]
    data = (
        [
            r.employee.full_name,
            r.get_place_display(),
            r.institution,
            r.programme,
            r.date_from,
            r.date_to,
            r.hours,
            r.certificate_number,
            r.certificate_date,
            r.order_number,
            r.order_date,
        ]
        for r in rows
    )
    return xlsx_export(
        request,
        action="careers.training_record.exported",
        filename="professional-development.xlsx",
        title=_("Professional development"),
        headers=headers,
        rows=data,
        filters=filters_of(form),
    )


@login_required
@require_GET
def training_detail(request, pk: int):
    record = get_object_or_404(_visible(request).select_related("employee", "created_by"), pk=pk)
    context = {"record": record, "can_edit": policy.can(request.principal, EDIT)}
    return render(request, "web/careers/training.html", context)


def _form(request, data=None, initial=None):
    return TrainingRecordForm(
        data, initial=initial, employees=policy.visible_career_employees(request.principal)
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    policy.require(request.principal, EDIT)
    if request.method == "GET":
        form = _form(request, initial={"employee": request.GET.get("employee")})
        return render(request, "web/careers/training_form.html", {"form": form})
    form = _form(request, request.POST)
    record = (
        call_service(form, services.create_training_record, actor=request.user, **form.cleaned_data)
        if form.is_valid()
        else None
    )
    if record is None:
        return render(request, "web/careers/training_form.html", {"form": form}, status=400)
    messages.success(request, _("Professional-development record saved."))
    return redirect("web:careers_training", pk=record.pk)


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request, pk: int):
    record = get_object_or_404(_visible(request), pk=pk)
    policy.require(request.principal, EDIT, record.employee)
    initial = {name: getattr(record, name) for name in FIELDS}
    form = _form(request, request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "record": record}
    if request.method == "GET":
        return render(request, "web/careers/training_form.html", context)
    if form.is_valid() and call_service(
        form, services.update_training_record, record=record, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Professional-development record saved."))
        return redirect("web:careers_training", pk=record.pk)
    return render(request, "web/careers/training_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def training_delete(request, pk: int):
    """GET asks for confirmation; POST deletes (the journal keeps the deleted values)."""
    record = get_object_or_404(_visible(request).select_related("employee"), pk=pk)
    policy.require(request.principal, EDIT, record.employee)
    if request.method == "POST":
        services.delete_training_record(record=record, actor=request.user)
        messages.success(request, _("Professional-development record deleted."))
        return redirect("web:careers_trainings")
    return render(request, "web/careers/training_delete.html", {"record": record})


@login_required
@require_GET
def training_monitoring(request):
    """Teachers due for professional development (once every TRAINING_PERIOD_YEARS years)."""
    policy.require(request.principal, "careers.view")
    form = TrainingDueForm(request.GET, units=scope_units(request))
    horizon, unit = form.value("horizon", 0), form.value("unit")
    rows = selectors.training_due(
        policy.visible_career_employees(request.principal), today=today(), horizon_months=horizon, unit=unit
    )
    page = paginate(request, rows)
    for employee in page:
        employee.training_due_on = selectors.training_due_date(employee.last_training)
    context = {
        "form": form,
        "page": page,
        "period": TRAINING_PERIOD_YEARS,
        "today": today(),
        "can_edit": policy.can(request.principal, EDIT),
    }
    return render(request, "web/careers/training_monitoring.html", context)


@login_required
@require_GET
def teacher_history(request, employee_pk: int):
    """One teacher's competitive selections and professional development."""
    policy.require(request.principal, "careers.view")
    employee = get_object_or_404(policy.visible_career_employees(request.principal), pk=employee_pk)
    context = {
        "employee": employee,
        "competitions": selectors.history(policy.visible_competitions(request.principal), employee),
        "trainings": selectors.trainings_of(_visible(request), employee),
        "can_edit_competitions": policy.can(request.principal, "careers.competition.edit"),
        "can_edit_trainings": policy.can(request.principal, EDIT),
    }
    return render(request, "web/careers/teacher.html", context)
