"""The working-day calendar (every regulation deadline counts on it): a month of the national
calendar with this university's study week and overrides; the super administrator edits the overrides."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemis.access import policy
from hemis.core import selectors, services
from hemis.core.models import CalendarOverride
from hemis.web.core.forms import OverrideForm
from hemis.web.forms import add_service_errors

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _month_param(value: str | None, default: dt.date) -> dt.date:
    """``YYYY-MM`` → the first day of that month; anything else → the month of ``default``."""
    try:
        first = dt.datetime.strptime(value or "", "%Y-%m").date()  # noqa: DTZ007 - a month, no time
    except ValueError:
        return default.replace(day=1)
    return first if FIRST_YEAR <= first.year <= LAST_YEAR else default.replace(day=1)


def _month_url(day: dt.date) -> str:
    return f"{reverse('web:reference_calendar')}?month={day:%Y-%m}"


def _render(request, form: OverrideForm, first: dt.date, status: int = 200):
    context = {
        "month": selectors.month(first, timezone.localdate()),
        "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
        "overrides": selectors.overrides_of_year(first.year),
        "can_edit": policy.can(request.principal, "calendar.edit"),
        "form": form,
    }
    return render(request, "web/core/calendar.html", context, status=status)


@login_required
def calendar_page(request):
    policy.require(request.principal, "calendar.view")
    first = _month_param(request.GET.get("month"), timezone.localdate())
    return _render(request, OverrideForm(initial={"date": first}), first)


@login_required
@require_POST
def override_add(request):
    policy.require(request.principal, "calendar.edit")
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            override = services.add_override(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Override for %(date)s saved.") % {"date": f"{override.date:%d.%m.%Y}"}
            )
            return redirect(_month_url(override.date))
    shown = form.cleaned_data.get("date") or timezone.localdate()
    return _render(request, form, shown.replace(day=1), status=400)


@login_required
@require_POST
def override_delete(request, pk: int):
    policy.require(request.principal, "calendar.edit")
    override = get_object_or_404(CalendarOverride, pk=pk)
    services.remove_override(override=override, actor=request.user)
    messages.success(request, _("Override for %(date)s deleted.") % {"date": f"{override.date:%d.%m.%Y}"})
    return redirect(_month_url(override.date))
