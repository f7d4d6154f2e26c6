"""The staff table (shtat): a page per unit and a summary of planned, filled and vacant rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.staff import selectors, services
from hemis.web.forms import add_service_errors
from hemis.web.pages import stamped, xlsx_export
from hemis.web.staff.forms import StaffUnitEditForm, StaffUnitForm


def _units(request):
    policy.require(request.principal, "staff.view")
    return policy.visible_staff_org_units(request.principal)


@login_required
@require_GET
def summary(request):
    lines = selectors.staff_table(_units(request))
    context = {"lines": lines, "totals": selectors.staff_totals(lines), "today": timezone.localdate()}
    return render(request, "web/staff/staff_units.html", context)


@login_required
@require_GET
def summary_export(request):
    lines = selectors.staff_table(_units(request))
    rows = [
        [line.unit.code, line.unit.name, line.position_label, line.planned, line.filled, line.vacant]
        for line in lines
    ]
    headers = [_("Unit code"), _("Unit"), _("Position"), _("Planned"), _("Filled"), _("Vacant")]
    return xlsx_export(
        request,
        action="staff.staff_unit.exported",
        filename=stamped("staff-table"),
        title=_("Staff table"),
        headers=headers,
        rows=rows,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_page(request, unit_pk: int):
    """One unit's staff table, with the form that adds a position to it (HR)."""
    unit = get_object_or_404(_units(request), pk=unit_pk)
    can_edit = policy.can(request.principal, "staff.edit", unit)
    form = StaffUnitForm(request.POST or None)
    if request.method == "POST":
        policy.require(request.principal, "staff.edit", unit)
        if form.is_valid():
            try:
                services.create_staff_unit(actor=request.user, org_unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Staff line added."))
                return redirect("web:staff_unit", unit_pk=unit.pk)
    lines = selectors.staff_table(_units(request).filter(pk=unit.pk))
    context = {
        "unit": unit,
        "lines": lines,
        "totals": selectors.staff_totals(lines),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "web/staff/staff_unit.html", context, status=400 if form.errors else 200)


def _staff_unit(request, pk: int):
    staff_unit = get_object_or_404(
        policy.visible_staff_units(request.principal).select_related("org_unit"), pk=pk
    )
    policy.require(request.principal, "staff.edit", staff_unit.org_unit)
    return staff_unit


@login_required
@require_http_methods(["GET", "POST"])
def staff_unit_edit(request, pk: int):
    staff_unit = _staff_unit(request, pk)
    initial = {
        "planned_rate": staff_unit.planned_rate,
        "order_number": staff_unit.order_number,
        "order_date": staff_unit.order_date,
    }
    form = StaffUnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff_unit(staff_unit=staff_unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Staff line changed."))
            return redirect("web:staff_unit", unit_pk=staff_unit.org_unit_id)
    context = {"staff_unit": staff_unit, "form": form}
    return render(request, "web/staff/staff_unit_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def staff_unit_delete(request, pk: int):
    staff_unit = _staff_unit(request, pk)
    if request.method == "POST":
        unit_pk = staff_unit.org_unit_id
        services.delete_staff_unit(staff_unit=staff_unit, actor=request.user)
        messages.success(request, _("Staff line deleted."))
        return redirect("web:staff_unit", unit_pk=unit_pk)
    return render(request, "web/staff/staff_unit_delete.html", {"staff_unit": staff_unit})
