"""The exchange with the ministry (annex 1 items 4 and 6).

The sync status page: per record kind the queue's pending, sent and failed items, the last success and
the last error, the transport in use, the latest failures; the super administrator starts a sync now (a
background job with its progress page) and puts failed items back in the queue. The ICT department and
management read it.

The PINFL correction requests (the super administrator only: they carry personal data): flag a student
or an employee whose PINFL was entered wrongly, generate the letter to the ministry centre (RTTRM) as a
PDF, record it sent; a request becomes corrected when every record in it carries its correct PINFL
(checked by the sync job, or now with "Check corrections"). Each write calls one exchange service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.access.policy.exchange import (
    flaggable_employees,
    flaggable_students,
    managed_pinfl_lines,
    managed_pinfl_requests,
    visible_sync_items,
)
from hemis.exchange import letter, selectors, services, transports
from hemis.exchange.enums import CorrectionStatus, PersonKind
from hemis.jobs import scheduler
from hemis.web.exchange.forms import FlagForm, SendForm
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.pages import pdf_response


@login_required
@require_GET
def status(request):
    principal = request.principal
    policy.require(principal, "exchange.view")
    try:
        transport = transports.current().describe()
    except Exception as exc:  # a wrong setting is shown, not a server error
        transport = _("not usable: %(error)s") % {"error": exc}
    context = {
        "kinds": selectors.status_by_kind(),
        "failures": selectors.failed_items(visible_sync_items(principal)),
        "transport": transport,
        "manages": policy.can(principal, "exchange.manage"),
    }
    return render(request, "web/exchange/status.html", context)


@login_required
@require_POST
def sync_now(request):
    """Collect and push now, as a background job; the job page shows its progress."""
    policy.require(request.principal, "exchange.manage")
    job = scheduler.start_now("exchange.sync", actor=request.user)  # the hourly job, now
    return redirect(reverse("web:job", kwargs={"pk": job.pk}))


@login_required
@require_POST
def retry(request):
    policy.require(request.principal, "exchange.manage")
    kind = request.POST.get("kind") or None
    try:
        count = services.retry_failed(kind=kind, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("%(count)s failed records are queued again.") % {"count": count})
    return redirect("web:exchange_status")


# --- PINFL correction requests ------------------------------------------------------------------


def _person(principal, form: FlagForm):
    """The student or employee carrying the PINFL the form names (None, with the error on the form)."""
    kind, pinfl = form.cleaned_data["person_kind"], form.cleaned_data["current_pinfl"].strip()
    people = flaggable_students(principal) if kind == PersonKind.STUDENT else flaggable_employees(principal)
    person = people.filter(pinfl=pinfl).first()
    if person is None:
        form.add_error("current_pinfl", _("No record of this kind carries this PINFL."))
    return kind, person


@login_required
@require_http_methods(["GET", "POST"])
def pinfl_requests(request):
    principal = request.principal
    policy.require(principal, "exchange.manage")
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, person = _person(principal, form)
        if person is not None:
            line = call_service(
                form,
                services.flag_pinfl,
                student=person if kind == PersonKind.STUDENT else None,
                employee=person if kind == PersonKind.EMPLOYEE else None,
                correct_value=form.cleaned_data["correct_value"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
            if line is not None:
                messages.success(request, _("“%(name)s” is flagged.") % {"name": person.full_name})
                return redirect("web:exchange_pinfl_request", pk=line.request_id)
    context = {"requests": list(selectors.correction_list(managed_pinfl_requests(principal))), "form": form}
    return render(request, "web/exchange/pinfl_requests.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def pinfl_request(request, pk: int):
    principal = request.principal
    correction = get_object_or_404(managed_pinfl_requests(principal), pk=pk)
    form = SendForm(request.POST or None)
    if request.method == "POST":
        if correction.status != CorrectionStatus.DRAFT:
            form.add_error(None, _("This request was already sent."))
        elif form.is_valid():
            done = call_service(
                form, services.send_request, request=correction, actor=request.user, **form.cleaned_data
            )
            if done is not None:
                messages.success(
                    request, _("The request No. %(number)s is recorded as sent.") % {"number": done.number}
                )
                return redirect("web:exchange_pinfl_request", pk=done.pk)
    context = {"correction": correction, "lines": selectors.correction_lines(correction), "form": form}
    return render(request, "web/exchange/pinfl_request.html", context, status=status_of(request, form))


@login_required
@require_GET
def pinfl_letter(request, pk: int):
    correction = get_object_or_404(managed_pinfl_requests(request.principal), pk=pk)
    content = letter.letter_pdf(correction, selectors.correction_lines(correction))
    return pdf_response(content, f"pinfl-{correction.number}.pdf")


@login_required
@require_POST
def pinfl_check(request, pk: int):
    correction = get_object_or_404(managed_pinfl_requests(request.principal), pk=pk)
    corrected = services.check_corrections(actor=request.user)
    correction.refresh_from_db()
    if correction.status == CorrectionStatus.CORRECTED:
        messages.success(
            request, _("Every record of this request carries its correct PINFL: it is corrected.")
        )
    elif corrected:
        messages.success(request, _("%(count)s requests are corrected.") % {"count": corrected})
    else:
        messages.info(request, _("Not every record of this request carries its correct PINFL yet."))
    return redirect("web:exchange_pinfl_request", pk=correction.pk)


@login_required
@require_POST
def pinfl_line_remove(request, pk: int):
    line = get_object_or_404(managed_pinfl_lines(request.principal), pk=pk)
    try:
        services.remove_line(line=line, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    return redirect("web:exchange_pinfl_request", pk=line.request_id)
