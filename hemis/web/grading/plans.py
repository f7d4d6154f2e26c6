"""The debts and individual-plan pages (annex 5 item 12): the scope's academic debts with filters and the
group's plans at once; a student's individual plan (made and cancelled by the dean's office, read by the
student) and its PDF.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404); each
write calls one plan service, whose refusal is shown with what was entered and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.core import pdf
from hemis.grading import debt_selectors as selectors
from hemis.grading.models import PlanItem
from hemis.grading.services import plans as services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.grading.plans_forms import CancelForm, DebtsFilter, GroupPlansForm, PlanForm
from hemis.web.pages import pdf_response

DEBTS_SHOWN = 500


# --- the debts list --------------------------------------------------------------------------------


def _group_plans_form(request, principal):
    if not policy.can(principal, "grading.plans.manage"):
        return None
    data = request.POST if request.method == "POST" else None
    return GroupPlansForm(data, groups=policy.plan_groups(principal))


@login_required
@require_http_methods(["GET", "POST"])
def debts(request):
    """The academic debts of the students the active role reads (dean's office, academic department,
    management), by group, course, kind and semester; the dean's office makes the plans of a group's
    students at once."""
    principal = request.principal
    policy.require(principal, "grading.view")
    form = DebtsFilter(request.GET or None, groups=policy.grading_groups(principal))
    chosen = selectors.DebtFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = selectors.DebtFilter(
            group=data["group"], course=data["course"], kind=data["kind"] or None, semester=data["semester"]
        )
    plans_form = _group_plans_form(request, principal)
    if request.method == "POST":
        if plans_form is None:
            raise PermissionDenied
        if plans_form.is_valid():
            created = call_service(
                plans_form, services.create_group_plans, actor=request.user, **plans_form.cleaned_data
            )
            if created is not None:
                students = len({item.student_id for item in created})
                messages.success(
                    request,
                    ngettext(
                        "%(items)s plan items made for %(students)s student of %(group)s.",
                        "%(items)s plan items made for %(students)s students of %(group)s.",
                        students,
                    )
                    % {
                        "items": len(created),
                        "students": students,
                        "group": plans_form.cleaned_data["group"].name,
                    },
                )
                return redirect(request.get_full_path())
    records = selectors.debt_records(policy.grading_students(principal), chosen)
    context = {
        "form": form,
        "plans_form": plans_form,
        "summary": selectors.debt_summary(records),
        "records": list(records[:DEBTS_SHOWN]),
        "shown": DEBTS_SHOWN,
    }
    status = status_of(request, plans_form) if plans_form else 200
    return render(request, "web/grading/plans/debts.html", context, status=status)


# --- a student's plan ---------------------------------------------------------------------------


def _student(principal, pk):
    students = policy.grading_students(principal).select_related("group", "faculty")
    return get_object_or_404(students, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk: int):
    """A student's debts and individual plan; the dean's office of the student's faculty plans the debts
    not yet planned."""
    principal = request.principal
    student = _student(principal, pk)
    managed = policy.plan_students(principal).filter(pk=student.pk).exists()
    debts = list(selectors.student_debts(student))
    form = PlanForm(request.POST if request.method == "POST" else None, debts=debts) if managed else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            created = call_service(
                form,
                services.create_plan,
                student=student,
                actor=request.user,
                due_date=form.cleaned_data["due_date"],
                way_by_subject=form.ways(),
            )
            if created is not None:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s debt is added to the plan.",
                        "%(count)s debts are added to the plan.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return redirect("web:grading_plan", pk=student.pk)
    context = {
        "student": student,
        "debts": debts,
        "items": list(selectors.plan_items(student)),
        "form": form,
        "cancel_form": CancelForm() if managed else None,
        "debts_link": policy.can(principal, "grading.view"),
    }
    status = status_of(request, form) if form else 200
    return render(request, "web/grading/plans/plan.html", context, status=status)


@login_required
@require_GET
def my_plan(request):
    """The logged-in student's own plan."""
    principal = request.principal
    policy.require(principal, "grading.own")
    student = get_object_or_404(policy.grading_students(principal))
    return redirect("web:grading_plan", pk=student.pk)


@login_required
@require_POST
def item_cancel(request, pk: int):
    principal = request.principal
    items = PlanItem.objects.filter(student__in=policy.plan_students(principal))
    item = get_object_or_404(items.select_related("curriculum_subject__subject"), pk=pk)
    form = CancelForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.cancel_item(item=item, actor=request.user, note=note)
    except ValidationError as error:  # cancelled or cleared since the page was read
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("The plan item of %(subject)s is cancelled.")
            % {"subject": item.curriculum_subject.subject.name},
        )
    return redirect("web:grading_plan", pk=item.student_id)


# --- the PDF ------------------------------------------------------------------------------------


def plan_pdf(student, items) -> bytes:
    """The student's individual plan on an A4 page: their open, cleared and cancelled items."""
    group = student.group.name if student.group else "—"
    rows = [
        [
            str(n),
            item.curriculum_subject.subject.name,
            str(item.curriculum_subject.semester.number),
            str(item.curriculum_subject.credits),
            item.get_debt_display(),
            item.get_way_display(),
            f"{item.due_date:%d.%m.%Y}",
            item.get_status_display() + (f" {item.cleared_on:%d.%m.%Y}" if item.cleared_on else ""),
        ]
        for n, item in enumerate(items, 1)
    ]
    headers = [
        "№",
        _("Subject"),
        _("Semester"),
        _("Credits"),
        _("Debt"),
        _("How it is cleared"),
        _("To be cleared by"),
        _("Status"),
    ]
    printed = timezone.localtime()
    return pdf.document(
        title=_("Individual plan of %(name)s") % {"name": student.full_name},
        subtitles=[
            _("Student ID %(number)s · group %(group)s · course %(course)s")
            % {"number": student.student_id_number, "group": group, "course": student.course},
            str(student.faculty.name if student.faculty else ""),
        ],
        tables=[pdf.Table(headers=headers, rows=rows, widths=[1, 6, 2, 2, 3, 4, 3, 3])],
        footer=f"OpenHEMIS · {printed:%d.%m.%Y %H:%M}",
    )


@login_required
@require_GET
def plan_download(request, pk: int):
    student = _student(request.principal, pk)
    data = plan_pdf(student, list(selectors.plan_items(student)))
    return pdf_response(data, f"plan-{student.student_id_number}.pdf")
