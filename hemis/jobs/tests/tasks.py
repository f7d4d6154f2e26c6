"""Tasks for the tests: one that counts and notes what the database showed at each step, one that fails."""

from django.tasks import task

from hemis.jobs.models import Job
from hemis.jobs.services import running


@task()
def count_to(job_id: str, n: int) -> None:
    with running(job_id) as progress:
        seen = []
        for i in range(n):
            progress.report(done=i + 1, total=n, note=f"step {i + 1}")
            job = Job.objects.get(pk=job_id)
            seen.append([job.status, job.done, job.total, job.note])
        progress.result = {"seen": seen}


@task()
def fail_after_one(job_id: str) -> None:
    with running(job_id) as progress:
        progress.report(done=1, total=4, note="asking the ministry")
        raise RuntimeError("the ministry server did not answer")


@task()
def tick_tock(job_id: str) -> None:
    with running(job_id) as progress:
        progress.report(done=1, total=1, note="tock")
