"""Subgroups of an academic group for laboratory work: create, rename, members, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.students import selectors
from hemis.students.services import groups as services
from hemis.web.forms import add_service_errors
from hemis.web.students.common import editable_group, editable_subgroup
from hemis.web.students.forms import SubgroupForm


def _render_name_form(request, form, group, subgroup=None):
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "group": group, "subgroup": subgroup}
    return render(request, "web/students/subgroup_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def subgroup_create(request, pk: int):
    group = editable_group(request, pk)
    form = SubgroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_subgroup(group=group, name=form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Subgroup added."))
            return redirect("web:students_group", pk=group.pk)
    return _render_name_form(request, form, group)


@login_required
@require_http_methods(["GET", "POST"])
def subgroup_rename(request, pk: int):
    subgroup = editable_subgroup(request, pk)
    form = SubgroupForm(request.POST or None, initial={"name": subgroup.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_subgroup(subgroup=subgroup, name=form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            subgroup.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:students_group", pk=subgroup.group_id)
    return _render_name_form(request, form, subgroup.group, subgroup)


def _posted_members(request, group) -> list:
    try:
        ids = {int(v) for v in request.POST.getlist("students")}
    except ValueError:
        raise Http404 from None
    members = list(selectors.group_students(group).filter(pk__in=ids))
    if len(members) != len(ids):
        raise Http404  # a student outside the group: not found here
    return members


@login_required
@require_http_methods(["GET", "POST"])
def subgroup_members(request, pk: int):
    subgroup = editable_subgroup(request, pk)
    group = subgroup.group
    errors: list[str] = []
    chosen = set(subgroup.students.values_list("pk", flat=True))
    if request.method == "POST":
        members = _posted_members(request, group)
        try:
            services.set_subgroup_students(subgroup=subgroup, students=members, actor=request.user)
        except ValidationError as exc:
            errors = exc.messages
            chosen = {s.pk for s in members}
        else:
            messages.success(request, _("Subgroup members saved."))
            return redirect("web:students_group", pk=group.pk)
    context = {
        "subgroup": subgroup,
        "group": group,
        "students": selectors.group_students(group),
        "chosen": chosen,
        "errors": errors,
    }
    return render(request, "web/students/subgroup_members.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def subgroup_delete(request, pk: int):
    subgroup = editable_subgroup(request, pk)
    if request.method == "POST":
        group_pk = subgroup.group_id
        services.delete_subgroup(subgroup=subgroup, actor=request.user)
        messages.success(request, _("Subgroup deleted."))
        return redirect("web:students_group", pk=group_pk)
    return render(
        request, "web/students/subgroup_delete.html", {"subgroup": subgroup, "group": subgroup.group}
    )
