"""The job page: progress while the job runs (polling itself), then the result or the error; seen only
by those who may see the job's result, or who started it."""

import datetime as dt
import html
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from hemis.jobs.models import Job, JobStatus
from hemis.jobs.services import start_job
from hemis.jobs.tests.tasks import count_to, fail_after_one
from hemis.testing import factories as f

POLLING = 'hx-trigger="every 1s"'


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"


def text(response) -> str:
    return html.unescape(response.content.decode())


def make_job(**fields) -> Job:
    values = {
        "name": "compliance.refresh",
        "title": "Regulation compliance",
        "view_action": "compliance.view",
    }
    return Job.objects.create(**{**values, **fields})


def page(client, job):
    return client.get(reverse("web:job", kwargs={"pk": job.pk}))


def progress(client, job):
    return client.get(reverse("web:job_progress", kwargs={"pk": job.pk}))


def test_a_running_job_shows_its_progress_and_polls(client, rector):
    started = dt.datetime(2026, 12, 4, 21, 3, tzinfo=dt.UTC)  # 05.12.2026 02:03 in Tashkent
    job = make_job(status=JobStatus.RUNNING, done=2, total=5, note="Annex 3", started_at=started)
    client.force_login(rector)
    body = text(page(client, job))
    assert "<h1>Regulation compliance</h1>" in body  # the title, translated on display
    assert "Соблюдение" not in body
    assert '<progress max="100" value="40"' in body
    assert re.search(r'data-testid="job-status">\s*Running\s*<', body)
    assert "2 of 5" in body and "Annex 3" in body
    assert "05.12.2026 02:03" in body
    assert "the scheduler" in body
    poll_url = reverse("web:job_progress", kwargs={"pk": job.pk})
    assert f'hx-get="{poll_url}" {POLLING} hx-swap="outerHTML"' in body
    assert "<noscript>" in body

    fragment = text(progress(client, job))
    assert fragment.lstrip().startswith('<div id="job-progress"')
    assert "<html" not in fragment and POLLING in fragment


def test_the_job_title_follows_the_reader_language(client, rector):
    job = make_job()
    client.force_login(rector)
    client.cookies["hemis_language"] = "ru"
    assert "<h1>Соблюдение требований положения</h1>" in text(page(client, job))


def test_a_finished_job_stops_polling_and_links_its_result(client, rector):
    job = make_job(
        status=JobStatus.SUCCEEDED,
        done=7,
        total=7,
        result_url="/compliance/processes/",
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    client.force_login(rector)
    for response in (page(client, job), progress(client, job)):
        body = text(response)
        assert POLLING not in body and "hx-get" not in body
        assert '<progress max="100" value="100"' in body
        assert 'href="/compliance/processes/" data-testid="job-result"' in body
        assert "<noscript>" not in body


def test_progress_reported_by_a_task_is_shown(client, hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            task=count_to, name="tests.count", title="Counting", view_action="staff.view", actor=hr, n=4
        )
    client.force_login(hr)
    body = text(page(client, job))
    assert re.search(r'data-testid="job-status">\s*Succeeded\s*<', body)
    assert "4 of 4" in body and "step 4" in body
    assert hr.display_name in body


def test_a_failed_job_shows_its_error(client, rector, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            task=fail_after_one, name="tests.fail", title="Failing", view_action="compliance.view", actor=None
        )
    client.force_login(rector)
    for response in (page(client, job), progress(client, job)):
        body = text(response)
        assert re.search(r'data-testid="job-status">\s*Failed\s*<', body)
        assert "RuntimeError: the ministry server did not answer" in body
        assert '<progress max="100" value="25"' in body
        assert POLLING not in body and 'data-testid="job-result"' not in body


def test_who_may_not_see_the_result_gets_404_for_page_and_progress(client, rector, dean_chemistry):
    job = make_job(status=JobStatus.RUNNING, done=1, total=3, note="Annex 5")  # could leak to the dean
    client.force_login(rector)
    assert page(client, job).status_code == 200
    client.force_login(dean_chemistry)  # a dean may not see compliance
    for response in (page(client, job), progress(client, job)):
        assert response.status_code == 404
        assert "Annex 5" not in text(response)
    missing = Job(pk=uuid.uuid4())
    assert page(client, missing).status_code == 404


def test_whoever_started_a_job_sees_it_even_without_the_action(client, dean_chemistry, outsider):
    job = make_job(started_by=dean_chemistry)
    client.force_login(dean_chemistry)
    response = page(client, job)
    assert response.status_code == 200
    assert response.context["job"] == job
    assert "Regulation compliance" in response.content.decode()
    client.force_login(outsider)
    assert page(client, job).status_code == 404


def test_the_job_page_needs_a_login(client, db):
    job = make_job()
    response = page(client, job)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_htmx_is_served_by_the_instance_with_a_csp_friendly_configuration(client, rector):
    client.force_login(rector)
    body = text(page(client, make_job(status=JobStatus.RUNNING)))
    assert '<script src="/static/htmx/htmx.min.js" defer></script>' in body
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>"""
        in body
    )
    assert " style=" not in body and "<style" not in body
    assert finders.find("htmx/htmx.min.js").endswith("js_lib_htmx/static/htmx/htmx.min.js")


@pytest.mark.parametrize("n", [1, 3])
def test_job_page_query_count_is_constant(client, rector, django_assert_num_queries, n):
    jobs = [make_job(started_by=f.UserFactory()) for _ in range(n)]
    client.force_login(rector)
    # session, user, grants, student check, the job with its starter, the university's languages
    with django_assert_num_queries(6):
        response = page(client, jobs[-1])
    assert response.context["job"] == jobs[-1]
