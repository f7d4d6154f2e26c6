"""The university's requisites, licences and accreditation (annex 3, items 1 and 6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.access import policy
from hemis.core.files import stored_file
from hemis.org import selectors
from hemis.org.models import Accreditation, ChangeKind, Licence, UniversityRequisites
from hemis.org.services import requisites as services
from hemis.web.forms import call_service, fresh, model_values
from hemis.web.org import forms

REQUISITE_KINDS = [ChangeKind.REQUISITES_UPDATED, ChangeKind.LICENCE_ADDED, ChangeKind.ACCREDITATION_ADDED]


@login_required
def overview(request):
    policy.require(request.principal, "org.view")
    context = {
        "requisites": selectors.requisites(),
        "licences": selectors.licences(),
        "accreditations": selectors.accreditations(),
        "changes": selectors.recent_changes(REQUISITE_KINDS)[:20],
        "can_edit": policy.can(request.principal, "org.edit"),
    }
    return render(request, "web/org/requisites.html", context)


def _form_page(request, *, form, title, status=200, multipart=False):
    context = {
        "form": form,
        "title": title,
        "multipart": multipart,
        "section": "requisites",
        "submit": _("Save"),
    }
    return render(request, "web/org/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def requisites_edit(request):
    policy.require(request.principal, "org.edit")
    current = selectors.requisites()
    instance = fresh(current) if current else UniversityRequisites()
    form = forms.RequisitesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = model_values(form, forms.RequisitesForm.Meta.fields)
        document = {k: form.cleaned_data[k] for k in ("document_number", "document_date")}
        if call_service(form, services.save_requisites, actor=request.user, **document, **values):
            messages.success(request, _("University requisites saved."))
            return redirect("web:org_requisites")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form=form, title=_("Edit university requisites"), status=status)


def _new_file(form):
    document = form.cleaned_data.get("document")
    return document if isinstance(document, UploadedFile) else None


def _record_page(request, *, form_class, obj, service, title, success, fields, target_kw=None):
    policy.require(request.principal, "org.edit")
    instance = fresh(obj) if obj is not None else form_class._meta.model()
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in model_values(form, fields).items() if k != "document"}
        target = {target_kw: obj} if obj is not None else {}
        saved = call_service(form, service, actor=request.user, document=_new_file(form), **target, **values)
        if saved is not None:
            messages.success(request, success % {"number": str(saved)})
            return redirect("web:org_requisites")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form=form, title=title, status=status, multipart=True)


@login_required
@require_http_methods(["GET", "POST"])
def licence_edit(request, pk: int | None = None):
    licence = get_object_or_404(Licence, pk=pk) if pk else None
    return _record_page(
        request,
        form_class=forms.LicenceForm,
        obj=licence,
        service=services.update_licence if licence else services.add_licence,
        title=_("Edit licence") if licence else _("New licence"),
        success=_("Licence %(number)s saved."),
        fields=forms.LicenceForm.Meta.fields,
        target_kw="licence",
    )


@login_required
@require_http_methods(["GET", "POST"])
def accreditation_edit(request, pk: int | None = None):
    accreditation = get_object_or_404(Accreditation, pk=pk) if pk else None
    return _record_page(
        request,
        form_class=forms.AccreditationForm,
        obj=accreditation,
        service=services.update_accreditation if accreditation else services.add_accreditation,
        title=_("Edit accreditation") if accreditation else _("New accreditation"),
        success=_("Accreditation %(number)s saved."),
        fields=forms.AccreditationForm.Meta.fields,
        target_kw="accreditation",
    )


@login_required
def document(request, kind: str, pk: int):
    """The scanned document of a licence or an accreditation, for those who may see the requisites."""
    policy.require(request.principal, "org.view")
    model = {"licence": Licence, "accreditation": Accreditation}.get(kind)
    if model is None:
        raise Http404
    return stored_file(get_object_or_404(model, pk=pk).document, as_attachment=False)
