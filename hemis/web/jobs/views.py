"""The page of one background job: its progress while it runs (the bar polls itself through htmx; a
reload does the same without JavaScript), then its result or its error."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hemis.access import policy


def _visible_job(request, pk):
    """A job whose result the active role may see, or one the user started; else 404 (hidden and
    missing alike)."""
    return get_object_or_404(policy.visible_jobs(request.principal).select_related("started_by"), pk=pk)


@login_required
@require_GET
def job_page(request, pk):
    return render(request, "web/jobs/job.html", {"job": _visible_job(request, pk)})


@login_required
@require_GET
def job_progress(request, pk):
    return render(request, "web/jobs/job.html#progress", {"job": _visible_job(request, pk)})
