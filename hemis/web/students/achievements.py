"""Student achievements (annex 5 item 17): the university list with export, add/edit/delete per student.

Students are reached only through ``policy.visible_students`` and achievements through
``policy.visible_achievements``: another faculty's student or achievement is "not found".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics import selectors as academic_selectors
from hemis.access import policy
from hemis.students import selectors
from hemis.students.models import Achievement, Student
from hemis.students.services import achievements as services
from hemis.web.forms import add_service_errors, status_of
from hemis.web.pages import paginate, stamped, xlsx_export
from hemis.web.students.forms import AchievementFilterForm, AchievementForm


def _filtered(request):
    principal = request.principal
    policy.require(principal, "achievements.view")
    visible = policy.visible_achievements(principal)
    faculties = academic_selectors.faculties().filter(pk__in=visible.values("student__faculty_id"))
    form = AchievementFilterForm(request.GET, faculties=faculties, years=selectors.achievement_years())
    flt = selectors.AchievementFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.AchievementFilter(kind=data["kind"], faculty=data["faculty"], year=data["year"])
    return form, selectors.achievement_list(visible, flt)


@login_required
@require_GET
def achievement_list(request):
    form, achievements = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, achievements),
        "can_edit": policy.can(request.principal, "achievements.edit"),
    }
    return render(request, "web/students/achievement_list.html", context)


@login_required
@require_GET
def achievement_export(request):
    _form, achievements = _filtered(request)
    headers = [_("Student"), _("Student ID"), _("Group"), _("Faculty"), _("Kind"), _("Title")]
    headers += [_("Awarded on"), _("Issued by"), _("Document number"), _("Certificate language")]
    headers += [_("Level or score"), _("Valid until")]
    rows = (
        (
            a.student.full_name,
            a.student.student_id_number,
            a.student.group.name if a.student.group else "",
            a.student.faculty.name if a.student.faculty else "",
            a.get_kind_display(),
            a.title,
            a.awarded_on,
            a.issuer,
            a.document_number,
            a.get_certificate_language_display(),
            a.certificate_level,
            a.valid_until,
        )
        for a in achievements
    )
    return xlsx_export(
        request,
        action="students.achievement.exported",
        filename=stamped("achievements"),
        title=_("Student achievements"),
        headers=headers,
        rows=rows,
    )


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _editable_student(request, pk: int) -> Student:
    student = get_object_or_404(policy.visible_students(request.principal).select_related("faculty"), pk=pk)
    if not policy.can(request.principal, "achievements.edit", student):
        raise Http404
    return student


def _editable_achievement(request, pk: int) -> Achievement:
    visible = policy.visible_achievements(request.principal).select_related("student", "student__faculty")
    achievement = get_object_or_404(visible, pk=pk)
    if not policy.can(request.principal, "achievements.edit", achievement):
        raise Http404
    return achievement


@login_required
@require_http_methods(["GET", "POST"])
def achievement_create(request, student_pk: int):
    student = _editable_student(request, student_pk)
    form = AchievementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_achievement(student=student, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Achievement added for %(name)s.") % {"name": student.full_name})
            return redirect(_back(request, "web:achievements_list"))
    context = {"form": form, "student": student, "next": _back(request, "")}
    return render(request, "web/students/achievement_form.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def achievement_edit(request, pk: int):
    achievement = _editable_achievement(request, pk)
    initial = {name: getattr(achievement, name) for name in services.FIELDS}
    form = AchievementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_achievement(achievement=achievement, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            achievement.refresh_from_db()
        else:
            messages.success(request, _("Changes saved."))
            return redirect(_back(request, "web:achievements_list"))
    context = {
        "form": form,
        "student": achievement.student,
        "achievement": achievement,
        "next": _back(request, ""),
    }
    return render(request, "web/students/achievement_form.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def achievement_delete(request, pk: int):
    achievement = _editable_achievement(request, pk)
    if request.method != "POST":
        context = {"achievement": achievement, "next": _back(request, "")}
        return render(request, "web/students/achievement_delete.html", context)
    services.delete_achievement(achievement=achievement, actor=request.user)
    messages.success(request, _("Achievement deleted."))
    return redirect(_back(request, "web:achievements_list"))


def student_panel(request, student: Student) -> dict:
    """The context of ``web/students/_student_achievements.html`` on a student's page."""
    return {
        "achievements": selectors.achievements_of(student),
        "can_add_achievement": policy.can(request.principal, "achievements.edit", student),
    }
