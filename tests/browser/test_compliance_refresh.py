"""Management recomputes the compliance figures on demand: the refresh button starts a background job,
the job page's bar follows it to the end (a real database queue and worker, not the immediate backend
of the other tests), and the compliance page then says when the new figures were computed."""

import datetime as dt
import threading

import pytest
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.management.commands.db_worker import Worker

from hemis.compliance import protocol, registry, selectors, services
from hemis.compliance.models import Snapshot
from hemis.jobs.models import Job, JobStatus
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Records every value the bar shows (htmx replaces the bar's element on each poll).
WATCH_BAR = """() => {
  window.barValues = [];
  const record = () => {
    const bar = document.querySelector("[data-testid=job-progress] progress");
    if (bar) window.barValues.push(Number(bar.getAttribute("value")));
  };
  record();
  new MutationObserver(record).observe(document.body, {childList: true, subtree: true});
}"""


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


@pytest.fixture
def database_queue(settings):
    """The database queue of production: a task waits in the database until a worker takes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerThread(threading.Thread):
    """django-tasks-db's worker in a thread of the test: it runs the first task it finds, then ends."""

    def __init__(self):
        super().__init__(daemon=True)
        self.worker = Worker(
            queue_names=["default"],
            interval=0.05,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id="browser-test-worker",
            excluded_queue_names=[],
        )

    def run(self):
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def stop(self):
        self.worker.running = False
        self.join(timeout=30)


@pytest.fixture
def previous():
    """Yesterday's snapshot, the one the page shows before the refresh."""
    snapshot = services.refresh_snapshot()
    Snapshot.objects.filter(pk=snapshot.pk).update(computed_at=timezone.now() - dt.timedelta(days=1))
    snapshot.refresh_from_db()
    return snapshot


@pytest.fixture
def gate(previous):
    """Holds the refresh at the registry's last process not yet measured (through an evaluator
    registered for it, as the compliance tests do) until the test has seen the bar part-way; the page
    cannot miss it."""
    opened = threading.Event()
    last = [p.id for p in registry.PROCESSES if p.id not in protocol.EVALUATORS][-1]

    def evaluate(context):
        opened.wait(timeout=30)
        return iter(())

    protocol.register(last, evaluate)
    yield opened
    opened.set()
    protocol.unregister(last)


@pytest.fixture
def worker():
    thread = WorkerThread()
    yield thread
    if thread.is_alive():
        thread.stop()


def test_management_refreshes_the_figures_and_watches_the_job(
    page, live_server, rector, database_queue, previous, gate, worker
):
    computed = uz("Computed on %(when)s")
    login(page, live_server, "rector")
    page.goto(f"{live_server.url}/compliance/processes/")
    shown = page.locator("[data-testid=compliance-computed] p").first.inner_text()
    assert shown == computed % {"when": f"{timezone.localtime(previous.computed_at):%d.%m.%Y %H:%M}"}

    with page.expect_navigation():
        page.click("[data-testid=compliance-refresh] button[type=submit]")
    job = Job.objects.get()
    assert page.url == f"{live_server.url}/jobs/{job.pk}/"
    assert (job.name, job.status, job.started_by) == ("compliance.refresh", JobStatus.QUEUED, rector)
    assert page.locator("[data-testid=job-progress]").get_attribute("data-status") == "queued"
    page.evaluate(WATCH_BAR)

    worker.start()  # the worker takes the queued task now, while the page polls
    page.wait_for_selector("[data-testid=job-progress][data-status=running] progress:not([value='0'])")
    part_way = int(page.locator("[data-testid=job-progress] progress").get_attribute("value"))
    assert 0 < part_way < 100
    assert page.locator("[data-testid=job-percent]").inner_text() == f"{part_way}%"
    assert page.locator("[data-testid=job-note]").inner_text().startswith("annex")
    gate.set()
    page.wait_for_selector("[data-testid=job-progress][data-status=succeeded]", timeout=30_000)
    assert page.locator("[data-testid=job-percent]").inner_text() == "100%"
    values = page.evaluate("window.barValues")
    assert (values[0], values[-1]) == (0, 100)
    assert part_way in values and values == sorted(values)
    worker.join(timeout=30)

    snapshot = selectors.latest_snapshot()
    job.refresh_from_db()
    assert snapshot != previous
    assert (snapshot.job, snapshot.started_by, job.result) == (job, rector, {"snapshot": snapshot.pk})

    with page.expect_navigation():
        page.click("[data-testid=job-result]")
    assert page.url == f"{live_server.url}/compliance/processes/"
    shown = page.locator("[data-testid=compliance-computed] p").first.inner_text()
    assert shown == computed % {"when": f"{timezone.localtime(snapshot.computed_at):%d.%m.%Y %H:%M}"}
    assert page.locator("tr[data-process='annex1.p2']").count() == 1
    page.wait_for_load_state("networkidle")  # no request still in the live server when the test ends
