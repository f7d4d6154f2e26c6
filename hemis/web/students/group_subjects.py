"""Binding the subjects of a group's curriculum to the group for a calendar semester (annex 5 item 8)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.curricula.models import CurriculumSubject
from hemis.students import selectors
from hemis.students.models import GroupSubject
from hemis.students.services import group_subjects as services
from hemis.web.students.common import editable_group, visible_group


def _semester(request, value: str | None) -> Semester | None:
    semesters = Semester.objects.select_related("academic_year")
    if value:
        if not value.isdigit():
            raise Http404
        return get_object_or_404(semesters, pk=value)
    return selectors.current_semester() or semesters.order_by("-start_date").first()


def _chosen(request, group, semester) -> list[CurriculumSubject]:
    if request.POST.get("all"):
        return list(selectors.curriculum_subjects_for(group, semester))
    try:
        ids = {int(v) for v in request.POST.getlist("subjects")}
    except ValueError:
        raise Http404 from None
    # Any curriculum subject of the group's programme faculty may be named; the service refuses the wrong ones.
    found = list(CurriculumSubject.objects.filter(pk__in=ids).select_related("subject"))
    if len(found) != len(ids):
        raise Http404
    return found


def _url(group, semester) -> str:
    return reverse("web:students_group_subjects", args=[group.pk]) + f"?semester={semester.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def group_subjects(request, pk: int):
    group = visible_group(request, pk)
    semester = _semester(request, request.GET.get("semester") or request.POST.get("semester"))
    errors: list[str] = []
    if request.method == "POST":
        group = editable_group(request, pk, "students.group_subjects.edit")
        if semester is None:
            raise Http404
        try:
            created = services.bind_subjects(
                group=group, semester=semester, subjects=_chosen(request, group, semester), actor=request.user
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("%(count)d subject(s) bound to the group.") % {"count": len(created)})
            return redirect(_url(group, semester))
    return render(
        request,
        "web/students/group_subjects.html",
        _context(request, group, semester, errors),
        status=400 if errors else 200,
    )


def _context(request, group, semester, errors) -> dict:
    bindings = list(selectors.group_bindings(group, semester)) if semester else []
    bound = {b.curriculum_subject_id for b in bindings}
    options = list(selectors.curriculum_subjects_for(group, semester)) if semester else []
    return {
        "group": group,
        "semester": semester,
        "semesters": Semester.objects.select_related("academic_year").order_by("-start_date"),
        "number": selectors.curriculum_semester_number(group, semester) if semester else None,
        "options": [(cs, cs.pk in bound) for cs in options],
        "bindings": bindings,
        "errors": errors,
        "can_bind": policy.can(request.principal, "students.group_subjects.edit", group) and group.is_active,
    }


@login_required
@require_POST
def group_subject_unbind(request, pk: int, binding_pk: int):
    group = editable_group(request, pk, "students.group_subjects.edit")
    binding = get_object_or_404(
        GroupSubject.objects.select_related("curriculum_subject__subject", "semester", "group"),
        pk=binding_pk,
        group=group,
    )
    semester = binding.semester
    services.unbind_subject(binding=binding, actor=request.user)
    messages.success(request, _("Subject unbound from the group."))
    return redirect(_url(group, semester))
