"""The structure tree (annex 3, items 2 and 6): browse, create, rename, move and close units by order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.access import policy
from hemis.org import selectors, services
from hemis.org.models import OrgUnit
from hemis.staff import selectors as staff_selectors
from hemis.web.forms import call_service
from hemis.web.org import forms
from hemis.web.pages import paginate, xlsx_export

FORM_TEMPLATE = "web/org/form.html"


def _units(request):
    policy.require(request.principal, "org.view")
    return policy.visible_org_units(request.principal)


def _tree_rows(request):
    form = forms.TreeFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"q": "", "closed": False}
    rows = staff_selectors.unit_tree(_units(request), search=data["q"], include_closed=data["closed"])
    return form, rows


@login_required
def tree(request):
    form, rows = _tree_rows(request)
    context = {
        "form": form,
        "page": paginate(request, rows),
        "can_edit": policy.can(request.principal, "org.edit"),
    }
    return render(request, "web/org/tree.html", context)


@login_required
def tree_export(request):
    _form, rows = _tree_rows(request)
    return xlsx_export(
        request,
        action="org.orgunit.exported",
        filename="structure.xlsx",
        title=_("Structure"),
        headers=[
            _("Code"),
            _("Name"),
            _("Structure type"),
            _("Parent unit"),
            _("Sub-units"),
            _("Current appointments"),
            _("Active"),
            _("Closing order"),
            _("Closing date"),
        ],
        rows=(
            [
                u.code,
                u.name,
                u.get_structure_type_display(),
                u.parent.name if u.parent else "",
                u.child_count,
                u.appointment_count,
                _("Yes") if u.active else _("No"),
                u.closed_order_number,
                u.closed_on,
            ]
            for u in rows
        ),
    )


def _unit(request, pk: int) -> OrgUnit:
    return get_object_or_404(_units(request), pk=pk)


@login_required
def unit_detail(request, pk: int):
    unit = _unit(request, pk)
    children = staff_selectors.unit_tree(_units(request).filter(parent=unit))
    context = {
        "unit": unit,
        "ancestors": selectors.ancestors(unit),
        "children": children,
        "changes": selectors.unit_changes(unit)[:50],
        "can_edit": policy.can(request.principal, "org.edit", unit) and unit.active,
    }
    return render(request, "web/org/unit.html", context)


def _form_page(request, *, form, title, unit=None, submit=None, status=200, danger=""):
    context = {"form": form, "title": title, "unit": unit, "submit": submit or _("Save"), "danger": danger}
    return render(request, FORM_TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    policy.require(request.principal, "org.edit")
    units = policy.editable_org_units(request.principal)
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else None
    form = forms.UnitCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = call_service(form, services.create_unit, actor=request.user, **form.cleaned_data)
        if unit is not None:
            messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
            return redirect("web:org_unit", pk=unit.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form=form, title=_("New unit"), status=status)


def _editable_unit(request, pk: int) -> OrgUnit:
    unit = _unit(request, pk)
    policy.require(request.principal, "org.edit", unit)
    return unit


def _change_page(request, pk, *, form_class, service, title, success, submit=None, danger=""):
    """GET shows the form; POST calls ``service`` with the unit and the form's data."""
    unit = _editable_unit(request, pk)
    initial = {
        "name_uz": unit.name_uz,
        "name_ru": unit.name_ru,
        "name_en": unit.name_en,
        "parent": unit.parent_id,
    }
    units = policy.editable_org_units(request.principal)
    extra = {"unit": unit, "units": units} if form_class is forms.UnitMoveForm else {}
    form = form_class(request.POST or None, initial=initial, **extra)
    done = request.method == "POST" and form.is_valid()
    if done and call_service(form, service, unit=unit, actor=request.user, **form.cleaned_data) is not None:
        messages.success(request, success % {"name": unit.name})
        return redirect("web:org_unit", pk=unit.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(
        request,
        form=form,
        title=title % {"name": unit.name},
        unit=unit,
        submit=submit,
        status=status,
        danger=danger,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk: int):
    return _change_page(
        request,
        pk,
        form_class=forms.UnitRenameForm,
        service=services.rename_unit,
        title=_("Rename “%(name)s”"),
        success=_("Unit renamed to “%(name)s”."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk: int):
    return _change_page(
        request,
        pk,
        form_class=forms.UnitMoveForm,
        service=services.move_unit,
        title=_("Move “%(name)s”"),
        success=_("Unit “%(name)s” moved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request, pk: int):
    return _change_page(
        request,
        pk,
        form_class=forms.UnitCloseForm,
        service=services.close_unit,
        title=_("Close “%(name)s”"),
        success=_("Unit “%(name)s” closed."),
        submit=_("Close the unit"),
        danger=_("A closed unit stays in the structure with its history; it cannot be reopened here."),
    )
