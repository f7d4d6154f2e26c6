"""Competitive selection of teachers (annex 3 item 4): list, detail, forms, monitoring, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.careers import selectors, services
from hemis.web.careers.common import filters_of, scope_units, today
from hemis.web.careers.forms import CompetitionFilterForm, CompetitionForm, SelectionMonitoringForm
from hemis.web.forms import call_service
from hemis.web.pages import paginate, xlsx_export

EDIT = "careers.competition.edit"


def _visible(request):
    policy.require(request.principal, "careers.view")
    return policy.visible_competitions(request.principal)


def _filtered(request):
    form = CompetitionFilterForm(request.GET, units=scope_units(request))
    rows = selectors.competitions(
        _visible(request),
        search=form.value("q", ""),
        unit=form.value("unit"),
        result=form.value("result", ""),
        position=form.value("position", ""),
    )
    return form, rows


@login_required
@require_GET
def competition_list(request):
    form, rows = _filtered(request)
    context = {"form": form, "page": paginate(request, rows), "can_edit": policy.can(request.principal, EDIT)}
    return render(request, "web/careers/competitions.html", context)


@login_required
@require_GET
def competition_export(request):
    form, rows = _filtered(request)
    headers = [
        _("Teacher"),
        _("Position"),
        _("Department"),
        _("Order number"),
        _("Order date"),
        _("Selection date"),
        _("Term (years)"),
        _("Valid until"),
        _("Result"),
    ]
    data = (
        [
            c.employee.full_name,
            c.get_position_display(),
            c.org_unit.name,
            c.order_number,
            c.order_date,
            c.selection_date,
            c.term_years,
            c.valid_until,
            c.get_result_display(),
        ]
        for c in rows
    )
    return xlsx_export(
        request,
        action="careers.competition.exported",
        filename="competitive-selections.xlsx",
        title=_("Competitive selections"),
        headers=headers,
        rows=data,
        filters=filters_of(form),
    )


@login_required
@require_GET
def competition_detail(request, pk: int):
    visible = _visible(request)
    competition = get_object_or_404(visible.select_related("employee", "org_unit", "created_by"), pk=pk)
    context = {
        "competition": competition,
        "history": selectors.history(visible, competition.employee),
        "can_edit": policy.can(request.principal, EDIT),
    }
    return render(request, "web/careers/competition.html", context)


def _form(request, data=None, initial=None):
    return CompetitionForm(
        data,
        initial=initial,
        employees=policy.visible_career_employees(request.principal),
        units=policy.competition_units(request.principal),
    )


@login_required
@require_http_methods(["GET", "POST"])
def competition_create(request):
    policy.require(request.principal, EDIT)
    if request.method == "GET":
        form = _form(request, initial={"employee": request.GET.get("employee")})
        return render(request, "web/careers/competition_form.html", {"form": form})
    form = _form(request, request.POST)
    competition = (
        call_service(form, services.create_competition, actor=request.user, **form.cleaned_data)
        if form.is_valid()
        else None
    )
    if competition is None:
        return render(request, "web/careers/competition_form.html", {"form": form}, status=400)
    messages.success(request, _("Competitive selection recorded."))
    return redirect("web:careers_competition", pk=competition.pk)


@login_required
@require_http_methods(["GET", "POST"])
def competition_edit(request, pk: int):
    competition = get_object_or_404(_visible(request), pk=pk)
    policy.require(request.principal, EDIT, competition.employee)
    fields = ("employee", "position", "org_unit", "order_number", "order_date", "selection_date")
    initial = {name: getattr(competition, name) for name in (*fields, "term_years", "result", "notes")}
    form = _form(request, request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "competition": competition}
    if request.method == "GET":
        return render(request, "web/careers/competition_form.html", context)
    if form.is_valid() and call_service(
        form, services.update_competition, competition=competition, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Competitive selection saved."))
        return redirect("web:careers_competition", pk=competition.pk)
    return render(request, "web/careers/competition_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def competition_delete(request, pk: int):
    """GET asks for confirmation; POST deletes (the journal keeps the deleted values)."""
    competition = get_object_or_404(_visible(request).select_related("employee"), pk=pk)
    policy.require(request.principal, EDIT, competition.employee)
    if request.method == "POST":
        services.delete_competition(competition=competition, actor=request.user)
        messages.success(request, _("Competitive selection deleted."))
        return redirect("web:careers_competitions")
    return render(request, "web/careers/competition_delete.html", {"competition": competition})


@login_required
@require_GET
def selection_monitoring(request):
    """Teachers whose selection lapses soon, and those whose selection lapsed with no newer one."""
    visible = _visible(request)
    form = SelectionMonitoringForm(request.GET, units=scope_units(request))
    months, unit, state = form.value("months", 6), form.value("unit"), request.GET.get("state")
    state = selectors.EXPIRED if state == selectors.EXPIRED else selectors.EXPIRING
    rows = selectors.selection_monitoring(visible, today=today(), months=months, state=state, unit=unit)
    context = {
        "form": form,
        "months": months,
        "state": state,
        "page": paginate(request, rows),
        "departments": selectors.selection_counts_by_department(
            visible, today=today(), months=months, unit=unit
        ),
        "today": today(),
    }
    return render(request, "web/careers/selection_monitoring.html", context)
