"""The paid re-study pages (annex 5 item 11): the periods, a period's groups, and a group's page with its
students (paid or not), its timetable and control schedule and its statements. The dean's office opens
periods and groups, enrols students with a debt in the subject, confirms payments, schedules sessions
and generates the statements of the group's controls.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404); each
write calls one re-study service, whose refusal is shown with what was entered and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.access import policy
from hemis.grading import restudy_selectors as selectors
from hemis.grading.models import RestudyEnrolment, RestudyPeriod, RestudySession
from hemis.grading.services import restudy as services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.grading.restudy_forms import (
    EnrolForm,
    GroupForm,
    PaidForm,
    PeriodForm,
    SessionForm,
    StatementForm,
)

CANDIDATES_SHOWN = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


# --- periods ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def periods(request):
    """The re-study periods with the number of groups the active role reads; the dean's office opens a
    period."""
    principal = request.principal
    if not policy.reads_restudy(principal):
        raise PermissionDenied
    form = PeriodForm(_posted(request)) if policy.can(principal, "grading.restudy.manage") else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            period = call_service(form, services.create_period, actor=request.user, **form.cleaned_data)
            if period is not None:
                messages.success(request, _("Re-study period %(name)s is opened.") % {"name": period.name})
                return redirect("web:grading_restudy_period", pk=period.pk)
    context = {"form": form, "periods": list(selectors.periods(policy.visible_restudy_groups(principal)))}
    status = status_of(request, form) if form else 200
    return render(request, "web/grading/restudy/periods.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def period(request, pk: int):
    """A period's groups the active role reads, with their students enrolled and paid; the dean's office
    opens a group in its faculty."""
    principal = request.principal
    if not policy.reads_restudy(principal):
        raise PermissionDenied
    the_period = get_object_or_404(RestudyPeriod.objects.select_related("semester__academic_year"), pk=pk)
    faculties = policy.restudy_faculties(principal)
    manages = policy.can(principal, "grading.restudy.manage")
    form = GroupForm(_posted(request), faculties=faculties) if manages else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            group = call_service(
                form, services.create_group, period=the_period, actor=request.user, **form.cleaned_data
            )
            if group is not None:
                messages.success(request, _("Re-study group %(name)s is opened.") % {"name": group.name})
                return redirect("web:grading_restudy_group", pk=group.pk)
    groups = selectors.period_groups(policy.visible_restudy_groups(principal), the_period)
    context = {"period": the_period, "groups": list(groups), "form": form}
    status = status_of(request, form) if form else 200
    return render(request, "web/grading/restudy/period.html", context, status=status)


# --- a group ------------------------------------------------------------------------------------


def _group_page(request, group, forms: dict, status: int = 200):
    principal = request.principal
    managed = policy.managed_restudy_groups(principal).filter(pk=group.pk).exists()
    if managed:
        forms.setdefault("enrol_form", EnrolForm(students=policy.restudy_students(principal)))
        forms.setdefault("session_form", SessionForm(rooms=policy.visible_rooms(principal)))
        forms.setdefault("statement_form", StatementForm())
        forms.setdefault("paid_form", PaidForm(initial={"paid_on": timezone.localdate()}))
    page = selectors.group_page(group)
    candidates = []
    if managed:
        candidates = list(selectors.candidates(group, policy.restudy_students(principal))[:CANDIDATES_SHOWN])
    context = {
        "group": group,
        "page": page,
        "managed": managed,
        "candidates": candidates,
        **forms,
    }
    return render(request, "web/grading/restudy/group.html", context, status=status)


def _visible_group(principal, pk: int):
    groups = policy.visible_restudy_groups(principal).select_related(
        "period__semester__academic_year", "faculty", "subject", "teacher"
    )
    return get_object_or_404(groups, pk=pk)


def _managed_group(principal, pk: int):
    groups = policy.managed_restudy_groups(principal).select_related(
        "period__semester", "faculty", "subject", "teacher"
    )
    return get_object_or_404(groups, pk=pk)


@login_required
@require_http_methods(["GET"])
def group(request, pk: int):
    """A re-study group: its students with their fee and payment, its timetable, its control schedule and
    its statements; the dean's office keeps them."""
    return _group_page(request, _visible_group(request.principal, pk), {})


def _form_post(request, pk: int, form_class, name: str, service, message, **form_kwargs):
    """A POST of one of the group page's forms: ``service`` with the form's data; its refusal is shown on
    the group page (400) with what was entered."""
    the_group = _managed_group(request.principal, pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        done = call_service(form, service, group=the_group, actor=request.user, **form.cleaned_data)
        if done is not None:
            messages.success(request, message(done))
            return redirect("web:grading_restudy_group", pk=the_group.pk)
    return _group_page(request, the_group, {name: form}, status=400)


@login_required
@require_POST
def enrol(request, pk: int):
    return _form_post(
        request,
        pk,
        EnrolForm,
        "enrol_form",
        services.enrol_student,
        lambda e: (
            _("%(name)s is enrolled; the fee is %(fee)s UZS.")
            % {"name": e.student.full_name, "fee": number_format(e.fee)}
        ),
        students=policy.restudy_students(request.principal),
    )


@login_required
@require_POST
def session_add(request, pk: int):
    return _form_post(
        request,
        pk,
        SessionForm,
        "session_form",
        services.add_session,
        lambda s: _("The session of %(date)s is scheduled.") % {"date": f"{s.date:%d.%m.%Y}"},
        rooms=policy.visible_rooms(request.principal),
    )


@login_required
@require_POST
def statement_generate(request, pk: int):
    return _form_post(
        request,
        pk,
        StatementForm,
        "statement_form",
        services.generate_restudy_statement,
        lambda s: (
            _("The statement of the %(control)s is generated.") % {"control": s.get_control_kind_display()}
        ),
    )


def _managed_enrolment(principal, pk: int) -> RestudyEnrolment:
    enrolments = RestudyEnrolment.objects.filter(group__in=policy.managed_restudy_groups(principal))
    return get_object_or_404(enrolments.select_related("student"), pk=pk)


def _act(request, group_id: int, service, success: str, **kwargs):
    """An action of the group page without a form: ``service``, whose refusal is told as messages; back to
    the group either way."""
    try:
        service(actor=request.user, **kwargs)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("web:grading_restudy_group", pk=group_id)


@login_required
@require_POST
def enrolment_paid(request, pk: int):
    """The dean's office confirms an enrolment's payment."""
    enrolment = _managed_enrolment(request.principal, pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(form.errors["paid_on"]))
        return redirect("web:grading_restudy_group", pk=enrolment.group_id)
    success = _("The payment of %(name)s is confirmed.") % {"name": enrolment.student.full_name}
    return _act(
        request,
        enrolment.group_id,
        services.confirm_payment,
        success,
        enrolment=enrolment,
        paid_on=form.cleaned_data["paid_on"],
    )


@login_required
@require_POST
def enrolment_remove(request, pk: int):
    enrolment = _managed_enrolment(request.principal, pk)
    success = _("%(name)s is taken off the group.") % {"name": enrolment.student.full_name}
    return _act(request, enrolment.group_id, services.remove_enrolment, success, enrolment=enrolment)


@login_required
@require_POST
def session_delete(request, pk: int):
    sessions = RestudySession.objects.filter(group__in=policy.managed_restudy_groups(request.principal))
    session = get_object_or_404(sessions, pk=pk)
    success = _("The session of %(date)s is removed.") % {"date": f"{session.date:%d.%m.%Y}"}
    return _act(request, session.group_id, services.delete_session, success, session=session)
