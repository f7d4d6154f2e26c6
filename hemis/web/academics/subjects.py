"""The subject catalogue (annex 4 item 8): list with filters and export, create, edit, deactivate, import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics import selectors
from hemis.academics.models import Subject
from hemis.academics.services import subjects as services
from hemis.access import policy
from hemis.core.excel import XLSX
from hemis.web.academics.forms import ImportForm, SubjectFilterForm, SubjectForm, active_value
from hemis.web.forms import add_service_errors, status_of
from hemis.web.pages import paginate, stamped, xlsx_export

MAX_BYTES = 10 * 1024 * 1024


def _filtered(request):
    policy.require(request.principal, "subjects.view")
    form = SubjectFilterForm(request.GET, departments=selectors.departments())
    flt = selectors.SubjectFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.SubjectFilter(
            search=data["q"].strip(),
            department=data["department"],
            incomplete_english=data["incomplete"],
            active=active_value(data["active"]),
        )
    return form, selectors.subject_list(policy.visible_subjects(request.principal), flt)


@login_required
@require_GET
def subject_list(request):
    form, subjects = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, subjects),
        "can_edit": policy.can(request.principal, "subjects.edit"),
    }
    return render(request, "web/academics/subject_list.html", context)


@login_required
@require_GET
def subject_export(request):
    _form, subjects = _filtered(request)
    headers = [str(label) for _key, label in services.COLUMNS] + [_("Active"), _("Catalogued at")]
    rows = (
        (
            s.code,
            s.name_uz,
            s.name_ru,
            s.name_en,
            s.department.code,
            s.description_uz,
            s.description_en,
            s.is_active,
            s.catalogued_at,
        )
        for s in subjects
    )
    return xlsx_export(
        request,
        action="academics.subject.exported",
        filename=stamped("subjects"),
        title=_("Subjects"),
        headers=headers,
        rows=rows,
    )


def _editable(request, pk: int) -> Subject:
    policy.require(request.principal, "subjects.edit")
    return get_object_or_404(policy.visible_subjects(request.principal).select_related("department"), pk=pk)


def _form(request, subject: Subject | None):
    initial = {"is_active": True}
    if subject is not None:
        initial = {name: getattr(subject, name) for name in services.FIELDS}
    form = SubjectForm(
        request.POST or None, departments=selectors.departments().filter(active=True), initial=initial
    )
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        saved = services.save_subject(subject=subject, values=form.cleaned_data, actor=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        if subject is not None:
            subject.refresh_from_db()
        return form, None
    return form, saved


@login_required
@require_http_methods(["GET", "POST"])
def subject_create(request):
    policy.require(request.principal, "subjects.edit")
    form, saved = _form(request, None)
    if saved is not None:
        messages.success(request, _("Subject %(code)s added to the catalogue.") % {"code": saved.code})
        return redirect("web:subjects_list")
    return render(request, "web/academics/subject_form.html", {"form": form}, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def subject_edit(request, pk: int):
    subject = _editable(request, pk)
    form, saved = _form(request, subject)
    if saved is not None:
        messages.success(request, _("Subject %(code)s saved.") % {"code": saved.code})
        return redirect("web:subjects_list")
    context = {"form": form, "subject": subject}
    return render(request, "web/academics/subject_form.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def subject_deactivate(request, pk: int):
    subject = _editable(request, pk)
    if request.method != "POST":
        return render(request, "web/academics/subject_deactivate.html", {"subject": subject})
    try:
        services.deactivate_subject(subject=subject, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Subject %(code)s is no longer active.") % {"code": subject.code})
    return redirect("web:subjects_list")


@login_required
@require_http_methods(["GET", "POST"])
def subject_import(request):
    policy.require(request.principal, "subjects.edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = services.ImportResult()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file must not be larger than 10 MB."))
        else:
            try:
                result = services.import_subjects(
                    content=upload.read(), actor=request.user, filename=upload.name
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if not result.errors:
                    messages.success(
                        request,
                        _("Catalogue imported: %(created)s added, %(updated)s updated.")
                        % {"created": result.created, "updated": result.updated},
                    )
                    return redirect("web:subjects_list")
    context = {
        "form": form,
        "errors": result.errors,
        "bad_rows": len({e.row for e in result.errors}),
        "columns": services.COLUMNS,
    }
    status = 400 if (form.errors or result.errors) else 200
    return render(request, "web/academics/subject_import.html", context, status=status)


@login_required
@require_GET
def subject_import_template(request):
    policy.require(request.principal, "subjects.edit")
    response = HttpResponse(services.template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="subjects-import-template.xlsx"'
    return response
