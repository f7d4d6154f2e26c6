"""The job page in a real browser: htmx (served by the instance, under the strict CSP) polls the
progress while the job runs and stops once it has finished."""

import pytest

from hemis.jobs.models import Job, JobStatus
from tests.browser.conftest import login
from tests.browser.test_self_contained import Recorder, assert_self_contained

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_progress_bar_follows_the_job_without_a_reload(page, live_server, rector):
    job = Job.objects.create(
        name="compliance.refresh",
        title="Regulation compliance",
        view_action="compliance.view",
        status=JobStatus.RUNNING,
        done=1,
        total=4,
        result_url="/compliance/processes/",
    )
    recorder = Recorder(page)
    login(page, live_server, "rector")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    bar = page.locator("[data-testid=job-progress] progress")
    assert bar.get_attribute("value") == "25"
    page.evaluate("document.body.dataset.marker = 'same page'")  # gone if the page were reloaded

    Job.objects.filter(pk=job.pk).update(done=3, note="Annex 5")
    page.wait_for_selector("[data-testid=job-note]:has-text('Annex 5')")
    assert bar.get_attribute("value") == "75"

    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, done=4)
    page.wait_for_selector("[data-testid=job-progress][data-status=succeeded]")
    assert page.locator("[data-testid=job-result]").get_attribute("href") == "/compliance/processes/"
    assert page.locator("[data-testid=job-progress]").get_attribute("hx-trigger") is None
    assert page.evaluate("document.body.dataset.marker") == "same page"

    polls = len([url for url in recorder.requests if url.endswith("/progress/")])
    page.wait_for_timeout(2500)
    assert len([url for url in recorder.requests if url.endswith("/progress/")]) == polls  # polling stopped
    assert polls >= 2
    assert_self_contained(recorder, live_server)
