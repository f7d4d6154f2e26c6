"""Marking systems with their grade bands (annex 4, item 1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics import selectors
from hemis.academics.models import MarkingSystem
from hemis.academics.services import marking
from hemis.access import policy
from hemis.web.academics.forms import BandFormSet, MarkingSystemForm, SearchForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export

SYSTEM_FIELDS = ("code", "name_uz", "name_ru", "name_en", "pass_border", "max_value", "is_active")
BAND_FIELDS = ("grade", "name_uz", "name_ru", "name_en", "min_value", "max_value", "grade_point")


def _systems(request):
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    return form, selectors.marking_systems(q)


@login_required
@require_GET
def marking_list(request):
    policy.require(request.principal, "academics.setup.view")
    form, systems = _systems(request)
    context = {
        "form": form,
        "page": paginate(request, systems),
        "can_edit": policy.can(request.principal, "academics.setup.edit"),
    }
    return render(request, "web/academics/marking_list.html", context)


@login_required
@require_GET
def marking_export(request):
    policy.require(request.principal, "academics.setup.view")
    _form, systems = _systems(request)
    rows = (
        (
            s.code,
            s.name_uz,
            s.name_ru,
            s.name_en,
            s.pass_border,
            s.max_value,
            s.is_active,
            b.grade,
            b.name_uz,
            b.min_value,
            b.max_value,
            b.grade_point,
        )
        for s in systems
        for b in s.bands.all()
    )
    headers = [
        _("Code"),
        _("Name (Uzbek)"),
        _("Name (Russian)"),
        _("Name (English)"),
        _("Minimum pass border"),
        _("Maximum value"),
        _("Active"),
        _("Grade"),
        _("Grade name"),
        _("From"),
        _("To"),
        _("Grade point"),
    ]
    return xlsx_export(
        request,
        action="academics.markingsystem.exported",
        filename=stamped("marking-systems"),
        title=_("Marking systems"),
        headers=headers,
        rows=rows,
    )


def _bands_of(formset) -> list[dict]:
    return [
        {name: f.cleaned_data[name] for name in BAND_FIELDS}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _save(request, system: MarkingSystem | None, template: str):
    """Validate the system form and its bands, then save them together through the service."""
    form = MarkingSystemForm(request.POST)
    formset = BandFormSet(request.POST, prefix="bands")
    if form.is_valid() and formset.is_valid():
        try:
            saved = marking.save_marking_system(
                system=system, values=form.cleaned_data, bands=_bands_of(formset), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Marking system %(name)s saved.") % {"name": saved.name})
            return redirect("web:academics_marking_detail", pk=saved.pk)
    context = {"form": form, "formset": formset, "system": system, "can_edit": True}
    return render(request, template, context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def marking_create(request):
    policy.require(request.principal, "academics.setup.edit")
    if request.method == "POST":
        return _save(request, None, "web/academics/marking_form.html")
    context = {"form": MarkingSystemForm(), "formset": BandFormSet(prefix="bands"), "system": None}
    return render(request, "web/academics/marking_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def marking_detail(request, pk: int):
    policy.require(request.principal, "academics.setup.view")
    system = get_object_or_404(selectors.marking_systems(), pk=pk)
    can_edit = policy.can(request.principal, "academics.setup.edit")
    if request.method == "POST":
        policy.require(request.principal, "academics.setup.edit")
        return _save(request, system, "web/academics/marking_detail.html")
    context = {"system": system, "can_edit": can_edit}
    if can_edit:
        context["form"] = MarkingSystemForm(initial={n: getattr(system, n) for n in SYSTEM_FIELDS})
        bands = [{n: getattr(b, n) for n in BAND_FIELDS} for b in system.bands.all()]
        context["formset"] = BandFormSet(initial=bands, prefix="bands")
    return render(request, "web/academics/marking_detail.html", context)
