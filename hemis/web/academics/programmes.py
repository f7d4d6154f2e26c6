"""Programmes (annex 5 item 1, annex 4 item 4): list with filters and export, page, create, edit, close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics import selectors
from hemis.academics.models import Programme
from hemis.academics.services import programmes as services
from hemis.access import policy
from hemis.web.academics.forms import ProgrammeFilterForm, ProgrammeForm, active_value
from hemis.web.forms import add_service_errors, status_of
from hemis.web.pages import paginate, stamped, xlsx_export

EDIT_FIELDS = [name for name in services.FIELDS if name != "is_active"]


def _filtered(request):
    principal = request.principal
    policy.require(principal, "programmes.view")
    visible = policy.visible_programmes(principal)
    faculties = selectors.faculties().filter(pk__in=visible.values("faculty_id"))
    form = ProgrammeFilterForm(request.GET, faculties=faculties)
    flt = selectors.ProgrammeFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.ProgrammeFilter(
            search=data["q"].strip(),
            faculty=data["faculty"],
            education_type=data["education_type"],
            active=active_value(data["active"]),
        )
    return form, selectors.programme_list(selectors.programme_with_counts(visible), flt)


@login_required
@require_GET
def programme_list(request):
    form, programmes = _filtered(request)
    context = {"form": form, "page": paginate(request, programmes), "can_edit": _can_edit(request)}
    return render(request, "web/academics/programme_list.html", context)


def _can_edit(request) -> bool:
    return policy.can(request.principal, "programmes.edit")


@login_required
@require_GET
def programme_export(request):
    _form, programmes = _filtered(request)
    headers = [_("HEMIS code"), _("Name (Uzbek)"), _("Name (Russian)"), _("Name (English)"), _("Faculty")]
    headers += [_("Education type"), _("Education form"), _("Language of instruction"), _("Duration, years")]
    headers += [_("Qualification (Uzbek)"), _("Qualification (English)"), _("Opened on")]
    headers += [_("Opening order number"), _("Curricula"), _("Groups"), _("Active")]
    rows = (
        (
            p.code,
            p.name_uz,
            p.name_ru,
            p.name_en,
            p.faculty.name,
            p.get_education_type_display(),
            p.get_education_form_display(),
            p.get_language_display(),
            p.duration_years,
            p.qualification_uz,
            p.qualification_en,
            p.opened_on,
            p.opening_order,
            p.curricula_count,
            p.groups_count,
            p.is_active,
        )
        for p in programmes
    )
    return xlsx_export(
        request,
        action="academics.programme.exported",
        filename=stamped("programmes"),
        title=_("Programmes"),
        headers=headers,
        rows=rows,
    )


def _visible(request, pk: int) -> Programme:
    policy.require(request.principal, "programmes.view")
    visible = policy.visible_programmes(request.principal)
    return get_object_or_404(selectors.programme_with_counts(visible), pk=pk)


def _editable(request, pk: int) -> Programme:
    programme = _visible(request, pk)
    if not policy.can(request.principal, "programmes.edit", programme):
        raise Http404
    return programme


@login_required
@require_GET
def programme_detail(request, pk: int):
    programme = _visible(request, pk)
    can_edit = policy.can(request.principal, "programmes.edit", programme)
    return render(
        request, "web/academics/programme_detail.html", {"programme": programme, "can_edit": can_edit}
    )


def _save(request, form: ProgrammeForm, programme: Programme | None) -> Programme | None:
    """Ask the policy about the chosen faculty, then the service; errors land on the form."""
    values = form.cleaned_data
    if not policy.may_manage_programmes_in(request.principal, values["faculty"]):
        form.add_error("faculty", _("You cannot manage programmes of this faculty."))
        return None
    try:
        return services.save_programme(programme=programme, values=values, actor=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    policy.require(request.principal, "programmes.edit")
    faculties = policy.programme_faculties(request.principal).order_by("code")
    form = ProgrammeForm(request.POST or None, faculties=faculties, initial={"duration_years": 4})
    if request.method == "POST" and form.is_valid():
        programme = _save(request, form, None)
        if programme is not None:
            messages.success(request, _("Programme %(code)s added.") % {"code": programme.code})
            return redirect("web:programmes_detail", pk=programme.pk)
    return render(
        request, "web/academics/programme_form.html", {"form": form}, status=status_of(request, form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    programme = _editable(request, pk)
    faculties = policy.programme_faculties(request.principal).order_by("code")
    initial = {name: getattr(programme, name) for name in EDIT_FIELDS}
    form = ProgrammeForm(request.POST or None, faculties=faculties, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, programme) is not None:
            messages.success(request, _("Changes saved."))
            return redirect("web:programmes_detail", pk=programme.pk)
        programme.refresh_from_db()
    context = {"form": form, "programme": programme}
    return render(request, "web/academics/programme_form.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def programme_close(request, pk: int):
    programme = _editable(request, pk)
    if request.method != "POST":
        return render(request, "web/academics/programme_close.html", {"programme": programme})
    try:
        services.close_programme(programme=programme, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Programme %(code)s closed.") % {"code": programme.code})
    return redirect("web:programmes_detail", pk=programme.pk)
