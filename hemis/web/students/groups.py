"""Academic groups (annex 5 item 4): list with filters and Excel export, page, open, edit, close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics.models import Programme
from hemis.access import policy
from hemis.students import selectors
from hemis.students.services import groups as services
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export
from hemis.web.students.common import editable_group, visible_group
from hemis.web.students.forms import GroupFilterForm, GroupForm


def _filtered(request):
    principal = request.principal
    policy.require(principal, "students.view")
    visible = policy.visible_groups(principal)
    programmes = Programme.objects.filter(pk__in=visible.values("programme")).order_by("code")
    form = GroupFilterForm(request.GET, programmes=programmes)
    flt = selectors.GroupFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.GroupFilter(
            search=data["q"],
            programme=data["programme"],
            intake_year=data["intake_year"],
            course=data["course"],
            language=data["language"],
            education_form=data["education_form"],
            active=data["active"],
        )
    return form, selectors.group_list(visible, flt)


@login_required
@require_GET
def group_list(request):
    form, groups = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, groups),
        "can_edit": policy.can(request.principal, "students.groups.edit"),
    }
    return render(request, "web/students/groups.html", context)


@login_required
@require_GET
def group_export(request):
    _form, groups = _filtered(request)
    rows = [
        [
            g.name,
            g.faculty.name,
            f"{g.programme.code} {g.programme.name}",
            g.intake_year,
            g.course,
            g.get_language_display(),
            g.get_education_form_display(),
            str(g.curriculum) if g.curriculum else "",
            g.studying_count,
            g.student_count,
            _("Active") if g.is_active else _("Closed"),
        ]
        for g in groups
    ]
    headers = [_("Group"), _("Faculty"), _("Programme"), _("Intake year"), _("Course"), _("Language")]
    headers += [_("Education form"), _("Curriculum"), _("Studying"), _("Students"), _("State")]
    return xlsx_export(
        request,
        action="students.group.exported",
        filename=stamped("groups"),
        title=_("Academic groups"),
        headers=headers,
        rows=rows,
    )


def _group_page(group) -> dict:
    subgroups = list(selectors.group_subgroups(group))
    subgroup_of = {s.pk: sub for sub in subgroups for s in sub.students.all()}
    students = [(s, subgroup_of.get(s.pk)) for s in selectors.group_students(group)]
    semester = selectors.current_semester()
    bindings = list(selectors.group_bindings(group, semester)) if semester else []
    return {"students": students, "subgroups": subgroups, "semester": semester, "bindings": bindings}


@login_required
@require_GET
def group_detail(request, pk: int):
    group = visible_group(request, pk)
    principal = request.principal
    context = {
        "group": group,
        "can_edit": policy.can(principal, "students.groups.edit", group),
        "can_bind": policy.can(principal, "students.group_subjects.edit", group),
        **_group_page(group),
    }
    return render(request, "web/students/group.html", context)


def _save(request, group=None):
    programmes = policy.group_programmes(request.principal).order_by("code")
    form = GroupForm(request.POST or None, group=group, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group = services.create_group(actor=request.user, data=form.cleaned_data)
                messages.success(request, _("Group “%(name)s” opened.") % {"name": group.name})
            else:
                services.update_group(group=group, actor=request.user, data=form.cleaned_data)
                messages.success(request, _("Changes saved."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("web:students_group", pk=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/students/group_form.html", {"form": form, "group": group}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    policy.require(request.principal, "students.groups.edit")
    return _save(request)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk: int):
    group = editable_group(request, pk)
    if not group.is_active:
        messages.error(request, _("The group is closed."))
        return redirect("web:students_group", pk=group.pk)
    return _save(request, group)


@login_required
@require_http_methods(["GET", "POST"])
def group_close(request, pk: int):
    group = editable_group(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.close_group(group=group, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Group “%(name)s” closed.") % {"name": group.name})
            return redirect("web:students_group", pk=group.pk)
    status = 400 if error else 200
    return render(request, "web/students/group_close.html", {"group": group, "error": error}, status=status)
