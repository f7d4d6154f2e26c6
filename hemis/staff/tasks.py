"""Background tasks of the staff app (started by the scheduler, see ``settings.PERIODIC_JOBS``)."""

from django.tasks import task
from django.utils.translation import gettext_noop

from hemis.jobs.services import running
from hemis.staff import services

# The title the scheduler gives the job (settings.PERIODIC_JOBS); the job page translates it.
TITLE = gettext_noop("Staff status refresh")


@task()
def refresh_staff_statuses(job_id: str) -> None:
    """What ``manage.py refresh_staff_statuses`` does, as a job with progress: vacations and business
    trips that start or end today move the employees' stored status."""
    with running(job_id) as progress:
        changed = services.refresh_statuses(report=progress.report)
        progress.result = {"changed": changed}
