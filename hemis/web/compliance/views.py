"""The regulation compliance pages (management, super administrator) and the university settings
page (super administrator, annex 1 item 1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.compliance import engine, registry, selectors
from hemis.core import services as core_services
from hemis.core.models import UniversitySettings
from hemis.jobs import scheduler
from hemis.web.compliance.forms import ComplianceFilterForm, UniversitySettingsForm
from hemis.web.forms import add_service_errors


@login_required
@require_GET
def index(request):
    policy.require(request.principal, "compliance.view")
    form = ComplianceFilterForm(request.GET or None, units=policy.visible_org_units(request.principal))
    role = unit = None
    if form.is_bound and form.is_valid():
        role = form.cleaned_data["role"] or None
        unit = form.cleaned_data["unit"]
    # The figures are computed ahead (nightly, or on demand below): the page reads the stored snapshot.
    snapshot = selectors.latest_snapshot()
    results = selectors.snapshot_results(snapshot, role=role, unit=unit) if snapshot else []
    return render(
        request,
        "web/compliance/index.html",
        {
            "form": form,
            "snapshot": snapshot,
            "results": results,
            "totals": engine.totals(results),
            "measured": sum(1 for result in results if result.measured),
            "unit": unit,
            "can_refresh": policy.can(request.principal, "compliance.refresh"),
        },
    )


@login_required
@require_GET
def process_detail(request, process_id: str):
    policy.require(request.principal, "compliance.view")
    process = registry.get(process_id)
    if process is None:
        raise Http404(process_id)
    snapshot = selectors.latest_snapshot()
    result = selectors.snapshot_process(snapshot, process) if snapshot else None
    return render(
        request,
        "web/compliance/process.html",
        {"process": result.process if result else process, "result": result, "snapshot": snapshot},
    )


@login_required
@require_POST
def refresh(request):
    """Recompute the snapshot now, as a background job; the job page shows its progress."""
    policy.require(request.principal, "compliance.refresh")
    job = scheduler.start_now("compliance.refresh", actor=request.user)  # the nightly job, now
    return redirect(reverse("web:job", kwargs={"pk": job.pk}))


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    policy.require(request.principal, "settings.edit")
    university = UniversitySettings.current()
    if request.method != "POST":
        form = UniversitySettingsForm(initial=UniversitySettingsForm.initial_from(university))
        return render(request, "web/settings/edit.html", {"form": form, "university": university})
    form = UniversitySettingsForm(request.POST)
    if form.is_valid():
        try:
            core_services.update_university_settings(actor=request.user, **form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The university settings have been saved."))
            return redirect("web:compliance_settings")
    return render(request, "web/settings/edit.html", {"form": form, "university": university})
