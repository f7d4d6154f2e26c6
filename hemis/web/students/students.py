"""Students: list with filters and Excel export, page, editing the data no order governs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics.models import Programme
from hemis.access import policy
from hemis.movements import selectors as movement_selectors
from hemis.org.models import OrgUnit
from hemis.students import selectors
from hemis.students.services import students as services
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export
from hemis.web.students import achievements
from hemis.web.students.common import visible_student
from hemis.web.students.forms import StudentFilterForm, StudentForm
from hemis.web.templatetags.hemis_tags import masked

FILTERS = ("faculty", "programme", "group", "course", "status", "payment_form", "education_form")
FILTERS += ("citizenship", "social_category", "without_group")


def _filter_form(request, visible):
    principal = request.principal
    university = policy.university_wide(principal)
    faculties = (
        OrgUnit.objects.filter(pk__in=visible.values("faculty")).order_by("code") if university else None
    )
    form = StudentFilterForm(
        request.GET,
        faculties=faculties,
        programmes=Programme.objects.filter(pk__in=visible.values("programme")).order_by("code"),
        groups=_group_choices(request, university),
        personal=policy.sees_personal_data(principal),
    )
    if university and not request.GET.get("programme"):
        form.fields["group"].help_text = _("Choose a programme to pick one of its groups.")
    return form


def _group_choices(request, university: bool):
    """The groups the filter offers: those of the chosen programme; without one, a faculty's groups,
    but not the whole university's (a thousand options would make the page heavy to load and use)."""
    groups = policy.visible_groups(request.principal).order_by("name")
    programme = request.GET.get("programme", "")
    if programme.isdigit():
        return groups.filter(programme_id=int(programme))
    return groups.none() if university else groups


def _filtered(request):
    principal = request.principal
    policy.require(principal, "students.view")
    visible = policy.visible_students(principal)
    form = _filter_form(request, visible)
    flt = selectors.StudentFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.StudentFilter(
            search=data["q"],
            search_personal=policy.sees_personal_data(principal),
            **{name: data[name] for name in FILTERS if name in data},
        )
    return form, selectors.student_list(visible, flt)


@login_required
@require_GET
def student_list(request):
    form, students = _filtered(request)
    principal = request.principal
    context = {
        "form": form,
        "page": paginate(request, students),
        "can_see_personal": policy.sees_personal_data(principal),
        "can_assign": policy.can(principal, "students.assign_group"),
    }
    return render(request, "web/students/students.html", context)


def _row(s, allowed: bool) -> list:
    return [
        s.full_name,
        s.student_id_number,
        masked(s.pinfl, allowed),
        s.faculty.name if s.faculty else "",
        s.programme.code if s.programme else "",
        s.group.name if s.group else "",
        s.course,
        s.get_status_display(),
        s.get_payment_form_display(),
        s.get_education_form_display(),
        s.get_citizenship_display(),
        s.get_social_category_display(),
    ]


@login_required
@require_GET
def student_export(request):
    _form, students = _filtered(request)
    allowed = policy.sees_personal_data(request.principal)
    rows = [_row(s, allowed) for s in students]
    headers = [_("Full name"), _("Student ID"), _("PINFL"), _("Faculty"), _("Programme"), _("Group")]
    headers += [_("Course"), _("Status"), _("Payment form"), _("Education form"), _("Citizenship")]
    headers += [_("Social category")]
    return xlsx_export(
        request,
        action="students.student.exported",
        filename=stamped("students"),
        title=_("Students"),
        headers=headers,
        rows=rows,
        personal_data=allowed,
    )


@login_required
@require_GET
def student_detail(request, pk: int):
    student = visible_student(request, pk)
    principal = request.principal
    context = {
        "student": student,
        "can_see_personal": policy.sees_personal_data(principal, student),
        "can_edit": policy.can(principal, "students.edit", student),
        "show_history": policy.can(principal, "orders.view", student),
        "show_achievements": policy.can(principal, "achievements.view", student),
    }
    if context["show_history"]:
        context["history"] = movement_selectors.student_history(student)
    if context["show_achievements"]:
        context.update(achievements.student_panel(request, student))
    return render(request, "web/students/student.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def student_edit(request, pk: int):
    student = visible_student(request, pk)
    policy.require(request.principal, "students.edit", student)
    form = StudentForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_student(student=student, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:students_student", pk=student.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/students/student_form.html", {"form": form, "student": student}, status=status
    )
