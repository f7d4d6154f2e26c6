"""Putting studying students who have no group into a group (annex 5 item 6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.academics.models import Programme
from hemis.access import policy
from hemis.students import selectors
from hemis.students.services import students as services


def _ids(values: list[str]) -> set[int]:
    try:
        return {int(v) for v in values}
    except ValueError:
        raise Http404 from None


def _posted(request):
    """The chosen students and group; any of them outside the active scope (or missing) is a 404."""
    principal = request.principal
    ids = _ids(request.POST.getlist("students"))
    students = list(policy.visible_students(principal).filter(pk__in=ids).order_by("last_name", "first_name"))
    if len(students) != len(ids):
        raise Http404
    group_ids = _ids([request.POST.get("group") or "0"])
    group = get_object_or_404(policy.visible_groups(principal).select_related("programme"), pk__in=group_ids)
    policy.require(principal, "students.assign_group", group)
    for student in students:
        policy.require(principal, "students.assign_group", student)
    return students, group


def _page(request, *, errors=(), chosen=(), group_pk=None):
    principal = request.principal
    waiting = selectors.students_without_group(policy.visible_students(principal))
    groups = policy.assignable_groups(principal).filter(is_active=True).select_related("programme")
    programme = request.GET.get("programme") or ""
    if programme.isdigit():
        waiting = waiting.filter(programme=programme)
        groups = groups.filter(programme=programme)
    programmes = Programme.objects.filter(pk__in=policy.visible_groups(principal).values("programme"))
    context = {
        "waiting": waiting,
        "groups": groups.order_by("name"),
        "programmes": programmes.order_by("code"),
        "programme": programme,
        "errors": list(errors),
        "chosen": set(chosen),
        "group_pk": group_pk,
    }
    return render(request, "web/students/assign.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assign(request):
    policy.require(request.principal, "students.assign_group")
    if request.method != "POST":
        return _page(request)
    students, group = _posted(request)
    try:
        services.assign_to_group(students=students, group=group, actor=request.user)
    except ValidationError as exc:
        return _page(request, errors=exc.messages, chosen=[s.pk for s in students], group_pk=group.pk)
    message = _("%(count)d student(s) put into group %(group)s.") % {
        "count": len(students),
        "group": group.name,
    }
    messages.success(request, message)
    return redirect("web:students_group", pk=group.pk)
