"""Electives pages (annex 13 item 3).

The student's page lists, per window of their curriculum and per block, the offers with their free
seats and the student's own choice (confirmed, or waitlisted with its place), with buttons to choose
and to cancel while the window is open. The dean's office lists its windows and opens one for a
semester; a window's page shows the fill levels (seats, taken, waitlist, %), changes a cap and closes
an under-filled offer, moving its students to another offer of the block.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404);
each write calls one electives service, whose refusal is shown and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.access.policy.electives import (
    electives_student,
    managed_offers,
    managed_windows,
    own_choices,
    student_offers,
    visible_windows,
    window_faculties,
)
from hemis.electives import selectors, services
from hemis.electives.enums import ChoiceStatus
from hemis.web.electives.forms import CloseOfferForm, SeatsForm, WindowForm
from hemis.web.forms import call_service, message_errors, message_form_errors, status_of

# --- the student --------------------------------------------------------------------------------


def _student(principal):
    student = electives_student(principal)
    if student is None:
        raise Http404
    return student


@login_required
@require_GET
def my(request):
    """The logged-in student's electives: per window and block the offers and their own choice."""
    principal = request.principal
    policy.require(principal, "electives.own")
    student = _student(principal)
    today = timezone.localdate()
    windows = selectors.student_windows(student)
    for view in windows:
        view.is_open = view.window.is_open_on(today)
        view.not_yet = view.window.closed_at is None and today < view.window.opens_on
    return render(request, "web/electives/my.html", {"student": student, "windows": windows})


@login_required
@require_POST
def choose(request, pk: int):
    principal = request.principal
    policy.require(principal, "electives.own")
    student = _student(principal)
    offer = get_object_or_404(student_offers(principal).select_related(*services.CHOOSE_RELATIONS), pk=pk)
    try:
        choice = services.choose(student=student, offer=offer, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        subject = offer.curriculum_subject.subject.name
        if choice.status == ChoiceStatus.CONFIRMED:
            messages.success(request, _("Your seat in %(subject)s is confirmed.") % {"subject": subject})
        else:
            # The place in the queue is on the page this redirects to (not counted here too).
            messages.warning(
                request, _("%(subject)s is full: you are on its waitlist.") % {"subject": subject}
            )
    return redirect("web:electives_my")


@login_required
@require_POST
def cancel(request, pk: int):
    principal = request.principal
    policy.require(principal, "electives.own")
    choice = get_object_or_404(
        own_choices(principal).select_related("offer__curriculum_subject__subject"), pk=pk
    )
    try:
        services.cancel(choice=choice, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("Your choice of %(subject)s is cancelled.")
            % {"subject": choice.offer.curriculum_subject.subject.name},
        )
    return redirect("web:electives_my")


# --- the dean's office --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def windows(request):
    """The windows the active role reads with their totals; the dean's office opens one."""
    principal = request.principal
    policy.require(principal, "electives.view")
    manages = policy.can(principal, "electives.manage")
    data = request.POST if request.method == "POST" else None
    form = WindowForm(data, faculties=window_faculties(principal)) if manages else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            window = call_service(form, services.open_window, actor=request.user, **form.cleaned_data)
            if window is not None:
                messages.success(
                    request,
                    _("The selection of electives is open from %(opens)s to %(closes)s.")
                    % {"opens": f"{window.opens_on:%d.%m.%Y}", "closes": f"{window.closes_on:%d.%m.%Y}"},
                )
                return redirect("web:electives_window", pk=window.pk)
    context = {"windows": list(selectors.window_list(visible_windows(principal))), "form": form}
    status = status_of(request, form) if form else 200
    return render(request, "web/electives/windows.html", context, status=status)


@login_required
@require_GET
def window(request, pk: int):
    """A window's fill levels; the dean's office changes caps, closes under-filled offers and the window."""
    principal = request.principal
    policy.require(principal, "electives.view")
    the_window = get_object_or_404(
        visible_windows(principal).select_related("semester__academic_year", "faculty"), pk=pk
    )
    manages = managed_windows(principal).filter(pk=the_window.pk).exists()
    offers = selectors.fill_levels(the_window)
    for offer in offers:
        offer.targets = [
            o
            for o in offers
            if o.pk != offer.pk
            and o.cancelled_at is None
            and o.curriculum_subject.block == offer.curriculum_subject.block
            and o.curriculum_subject.semester_id == offer.curriculum_subject.semester_id
        ]
    today = timezone.localdate()
    context = {
        "window": the_window,
        "offers": offers,
        "manages": manages,
        "is_open": the_window.is_open_on(today),
        "totals": {
            "seats": sum(o.seats for o in offers if o.cancelled_at is None),
            "taken": sum(o.taken for o in offers),
            "waiting": sum(o.waiting for o in offers),
        },
    }
    return render(request, "web/electives/window.html", context)


def _managed_offer(principal, pk):
    return get_object_or_404(
        managed_offers(principal).select_related("curriculum_subject__subject", "window"), pk=pk
    )


@login_required
@require_POST
def offer_seats(request, pk: int):
    principal = request.principal
    offer = _managed_offer(principal, pk)
    form = SeatsForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            services.set_seats(offer=offer, seats=form.cleaned_data["seats"], actor=request.user)
        except ValidationError as error:
            message_errors(request, error)
        else:
            messages.success(
                request,
                _("%(subject)s now has %(seats)d seats.")
                % {"subject": offer.curriculum_subject.subject.name, "seats": form.cleaned_data["seats"]},
            )
    return redirect("web:electives_window", pk=offer.window_id)


@login_required
@require_POST
def offer_close(request, pk: int):
    principal = request.principal
    offer = _managed_offer(principal, pk)
    targets = managed_offers(principal).filter(window_id=offer.window_id, cancelled_at__isnull=True)
    form = CloseOfferForm(request.POST, targets=targets)
    if not form.is_valid():
        messages.error(request, _("Choose an open elective of the same window."))
        return redirect("web:electives_window", pk=offer.window_id)
    move_to = form.cleaned_data["move_to"]
    try:
        moves = services.close_offer(offer=offer, move_to=move_to, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        subject = offer.curriculum_subject.subject.name
        if moves:
            who = ", ".join(f"{m.student.full_name} ({ChoiceStatus(m.status).label})" for m in moves)
            messages.success(
                request,
                _("%(subject)s is closed; its students moved to %(target)s: %(who)s.")
                % {"subject": subject, "target": move_to.curriculum_subject.subject.name, "who": who},
            )
        else:
            messages.success(request, _("%(subject)s is closed.") % {"subject": subject})
    return redirect("web:electives_window", pk=offer.window_id)


@login_required
@require_POST
def window_close(request, pk: int):
    principal = request.principal
    the_window = get_object_or_404(managed_windows(principal), pk=pk)
    try:
        services.close_window(window=the_window, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The selection is closed: students can no longer choose or cancel."))
    return redirect("web:electives_window", pk=the_window.pk)
