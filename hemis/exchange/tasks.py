"""Background task of the exchange (started hourly by the scheduler, see ``settings.PERIODIC_JOBS``,
or by "Sync now" on the sync status page)."""

from django.tasks import task
from django.utils.translation import gettext_noop

from hemis.exchange import services
from hemis.jobs.services import running

# The title the scheduler gives the job (settings.PERIODIC_JOBS); the job page translates it.
TITLE = gettext_noop("Sync with the central registry")


@task()
def sync(job_id: str) -> None:
    """Collect the changed records, push the queue to the central registry, check the PINFL requests."""
    with running(job_id) as progress:
        progress.result = services.sync(report=progress.report)
