"""Background work of the compliance app: the snapshot refresh, nightly (the scheduler's
``PERIODIC_JOBS`` entry "compliance.refresh") and on demand by management (the job page)."""

from django.tasks import task
from django.utils.translation import gettext_noop

from hemis.compliance import services
from hemis.jobs.models import Job
from hemis.jobs.services import running

# The job's title in settings.PERIODIC_JOBS: a msgid, translated when the job page shows it.
TITLE = gettext_noop("Compliance refresh")


@task()
def refresh_compliance(job_id: str) -> None:
    with running(job_id) as progress:
        job = Job.objects.select_related("started_by").get(pk=job_id)
        snapshot = services.refresh_snapshot(actor=job.started_by, progress=progress, job=job)
        progress.result = {"snapshot": snapshot.pk}
