"""The regulation compliance pages: who sees them, what they show, how many queries they cost.

The pages read the stored snapshot: each test prepares its data, computes the snapshot
(``refresh()``, as the nightly job would) and then reads the page."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.access.models import RoleGrant
from hemis.audit.models import AuditEvent
from hemis.compliance import protocol, services
from hemis.compliance.models import Snapshot
from hemis.compliance.protocol import TASHKENT, Obligation
from hemis.compliance.tests.test_engine import MEASURED
from hemis.core.models import GpaMethod, UniversitySettings
from hemis.jobs.models import Job, JobStatus
from hemis.org.models import OrgUnit
from hemis.testing import factories as f

D = dt.date
INDEX = reverse("web:compliance_index")
REFRESH = reverse("web:compliance_refresh")
# session, user, grants, student check (the principal); the latest snapshot, its per-process counts;
# the unit select; the enabled languages (the switcher). No evaluator runs (it was 34 with them).
QUERIES_INDEX = 8
# With a unit: the unit itself (the form), and the counts grouped from the unit's obligations.
QUERIES_INDEX_UNIT = 10
# the principal (4); the latest snapshot, the process's counts, its obligations with their people
# and units; the enabled languages.
QUERIES_DETAIL = 8


def refresh():
    """Compute the snapshot the pages read, as the nightly job does."""
    return services.refresh_snapshot()


def process_url(process_id):
    return reverse("web:compliance_process", kwargs={"process_id": process_id})


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=TASHKENT)


@pytest.fixture
def settings_row(db):
    return UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", study_week=5)


def launched(row):
    """Launch on Friday 26.12.2025: annex 1 items 2 and 3 fall due on 29.12.2025."""
    row.launch_date = D(2025, 12, 26)
    row.save()


def gpa_decided(row):
    row.gpa_method_decided_on = D(2026, 1, 5)
    row.gpa_method = GpaMethod.CREDIT_WEIGHTED
    row.gpa_method_set_on = D(2026, 1, 8)
    row.save()


def backdate(user, role, moment):
    RoleGrant.objects.filter(user=user, role=role).update(created_at=moment)


@pytest.fixture
def labour_events(uni):
    """An evaluator for annex 3 item 5 that reads units from the database: one obligation per unit
    whose code starts with "LE-" (as if each had a labour event order)."""

    def evaluate(context):
        for unit in OrgUnit.objects.filter(code__startswith="LE-").order_by("code"):
            done = D(2026, 1, 7) if unit.code.endswith("late") else None
            yield Obligation(
                process_id="annex5.p14",
                unit=unit,
                subject=f"Order for {unit.code}",
                due=D(2026, 1, 6),
                done_at=done,
            )

    protocol.register("annex5.p14", evaluate)
    yield
    protocol.unregister("annex5.p14")


def row_counts(page, process_id):
    html = page.content.decode()
    start = html.index(f'data-process="{process_id}"')
    row = html[start : html.index("</tr>", start)]
    if 'data-count="none"' in row:
        return None
    counts = {}
    for key in ("on_time", "late", "pending", "overdue"):
        cell = row.index(f'data-count="{key}">') + len(f'data-count="{key}">')
        counts[key] = int(row[cell : row.index("<", cell)])
    return counts


def test_rector_sees_counts_and_unmeasured_processes(client, rector, settings_row, superadmin):
    launched(settings_row)
    gpa_decided(settings_row)
    backdate(superadmin, "super_admin", at(2025, 12, 29))
    refresh()
    client.force_login(rector)
    page = client.get(INDEX)
    assert page.status_code == 200
    assert row_counts(page, "annex1.p2") == {"on_time": 1, "late": 0, "pending": 0, "overdue": 0}
    assert row_counts(page, "annex1.p3") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 1}
    assert row_counts(page, "annex1.p7") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 0}
    assert row_counts(page, "annex9.p1") is None
    assert page.context["measured"] == len(MEASURED)
    assert page.content.decode().count("data-process=") == 82


def test_super_admin_sees_the_page(client, superadmin, settings_row):
    refresh()
    client.force_login(superadmin)
    page = client.get(INDEX)
    assert page.status_code == 200
    assert row_counts(page, "annex1.p2") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}


def test_page_shows_titles_rules_in_the_language(client, rector, settings_row):
    refresh()
    client.force_login(rector)
    client.cookies["hemis_language"] = "en"
    html = client.get(INDEX).content.decode()
    assert "Set the GPA calculation method by decision of the university council" in html
    assert "Within 1 working day after the council decision taking effect" in html
    assert "after(council_decision, 1)" in html


def test_page_says_when_the_figures_were_computed(client, rector, settings_row):
    snapshot = refresh()
    Snapshot.objects.filter(pk=snapshot.pk).update(computed_at=at(2026, 12, 4, 2) + dt.timedelta(minutes=7))
    client.force_login(rector)
    client.cookies["hemis_language"] = "en"
    page = client.get(INDEX)
    computed = page.content.decode().split('data-testid="compliance-computed"')[1]
    assert "Computed on 04.12.2026 02:07" in computed
    assert 'data-testid="compliance-refresh"' in computed


def test_page_without_a_snapshot_says_so_and_offers_the_refresh(client, rector, settings_row):
    client.force_login(rector)
    client.cookies["hemis_language"] = "en"
    page = client.get(INDEX)
    html = page.content.decode()
    assert page.context["results"] == []
    assert "The compliance figures have not been computed yet." in html
    assert 'data-testid="compliance-refresh"' in html
    assert "data-process=" not in html


def test_page_reads_the_latest_snapshot_not_a_fresh_evaluation(client, rector, settings_row, superadmin):
    refresh()
    launched(settings_row)  # after the snapshot: annex 1 items 2 and 3 now have obligations
    client.force_login(rector)
    before = client.get(INDEX)
    assert row_counts(before, "annex1.p3") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}
    refresh()
    after = client.get(INDEX)
    assert row_counts(after, "annex1.p3") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 1}


@pytest.mark.parametrize("view", ["index", "detail"])
def test_dean_is_refused(client, dean_chemistry, settings_row, view):
    refresh()
    client.force_login(dean_chemistry)
    response = client.get(INDEX if view == "index" else process_url("annex1.p2"))
    assert response.status_code == 403
    assert "annex1.p2" not in response.content.decode()


def test_nav_shows_the_page_only_to_those_allowed(client, rector, dean_chemistry, settings_row):
    client.force_login(rector)
    assert INDEX in client.get(reverse("web:home")).content.decode()
    client.force_login(dean_chemistry)
    assert INDEX not in client.get(reverse("web:home")).content.decode()


def test_role_filter(client, rector, settings_row):
    refresh()
    client.force_login(rector)
    page = client.get(INDEX, {"role": "ict"})
    assert [r.process.id for r in page.context["results"]] == ["annex2.p1", "annex2.p2"]


def test_unit_filter_counts_only_that_unit_and_below(client, rector, uni, labour_events, settings_row):
    f.make_unit(code="LE-chem-late", name="Kimyo laboratoriyasi", kind="13", parent=uni["chem"])
    f.make_unit(code="LE-econ", name="Iqtisodiyot laboratoriyasi", kind="13", parent=uni["econ"])
    refresh()
    client.force_login(rector)
    everything = client.get(INDEX)
    assert row_counts(everything, "annex5.p14") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 1}
    chem = client.get(INDEX, {"unit": uni["chem"].pk})
    assert row_counts(chem, "annex5.p14") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 0}
    assert row_counts(chem, "annex1.p2") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}


def test_unknown_unit_is_ignored_with_an_error(client, rector, settings_row):
    refresh()
    client.force_login(rector)
    page = client.get(INDEX, {"unit": 999999})
    assert page.context["unit"] is None
    assert "unit" in page.context["form"].errors


def test_detail_lists_obligations(client, rector, settings_row, superadmin):
    launched(settings_row)
    backdate(superadmin, "super_admin", at(2025, 12, 30))
    refresh()
    client.force_login(rector)
    page = client.get(process_url("annex1.p2"))
    (row,) = page.context["result"].rows
    assert (row.status, row.obligation.due, row.obligation.done_at) == (
        "late",
        D(2025, 12, 29),
        D(2025, 12, 30),
    )
    html = page.content.decode()
    assert 'data-status="late"' in html
    assert "29.12.2025" in html and "30.12.2025" in html
    assert superadmin.display_name in html


def test_detail_of_an_unmeasured_process_says_so(client, rector, settings_row):
    refresh()
    client.force_login(rector)
    page = client.get(process_url("annex9.p1"))
    assert page.context["result"].measured is False
    assert 'data-testid="not-measured"' in page.content.decode()


def test_detail_without_a_snapshot_says_so(client, rector, settings_row):
    client.force_login(rector)
    page = client.get(process_url("annex1.p2"))
    assert page.context["result"] is None
    html = page.content.decode()
    assert 'data-testid="no-snapshot"' in html
    assert 'data-testid="obligations"' not in html


def test_unknown_process_is_404(client, rector, settings_row):
    refresh()
    client.force_login(rector)
    assert client.get(process_url("annex99.p1")).status_code == 404


# --- the refresh on demand ---------------------------------------------------------------------


def test_rector_starts_a_refresh_and_lands_on_its_job(
    client, rector, settings_row, superadmin, django_capture_on_commit_callbacks
):
    gpa_decided(settings_row)
    client.force_login(rector)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REFRESH)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:job", kwargs={"pk": job.pk})
    snapshot = Snapshot.objects.get()
    assert (job.name, job.status, job.started_by, job.result) == (
        "compliance.refresh",
        JobStatus.SUCCEEDED,
        rector,
        {"snapshot": snapshot.pk},
    )
    assert (job.done, job.total, job.result_url) == (82, 82, INDEX)
    assert (snapshot.job, snapshot.started_by, snapshot.is_complete) == (job, rector, True)
    event = AuditEvent.objects.get(action="compliance.snapshot.refreshed")
    assert (event.actor_id, event.target_id) == (rector.pk, str(snapshot.pk))
    page = client.get(INDEX)
    assert page.context["snapshot"] == snapshot
    assert row_counts(page, "annex1.p7") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 0}


def test_the_job_page_of_a_refresh_shows_its_end(
    client, rector, settings_row, django_capture_on_commit_callbacks
):
    client.force_login(rector)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REFRESH)
    html = client.get(response["Location"]).content.decode()
    assert 'data-status="succeeded"' in html
    assert 'data-testid="job-percent">100%' in html
    assert f'href="{INDEX}"' in html


@pytest.mark.parametrize("persona", ["dean_chemistry", "outsider"])
def test_refresh_is_refused_to_those_who_may_not_see_compliance(
    client, request, settings_row, django_capture_on_commit_callbacks, persona
):
    client.force_login(request.getfixturevalue(persona))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(REFRESH)
    assert response.status_code == 403
    assert callbacks == []
    assert (Job.objects.count(), Snapshot.objects.count()) == (0, 0)


def test_refresh_wants_a_post(client, rector, settings_row, django_capture_on_commit_callbacks):
    client.force_login(rector)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(REFRESH)
    assert response.status_code == 405
    assert (Job.objects.count(), Snapshot.objects.count()) == (0, 0)


# --- query counts: the same number of queries for 1, 3 and many obligations --------------------


@pytest.mark.parametrize("obligations", [1, 3])
def test_index_queries_do_not_grow_with_obligations(
    client, rector, superadmin, settings_row, django_assert_num_queries, obligations
):
    gpa_decided(settings_row)  # annex 1 item 7: one obligation
    if obligations == 3:
        launched(settings_row)  # items 2 and 3 as well
    refresh()
    client.force_login(rector)
    with django_assert_num_queries(QUERIES_INDEX):
        page = client.get(INDEX)
    annex1 = [r for r in page.context["results"] if r.measured and r.process.id.startswith("annex1.")]
    assert sum(r.counts.total for r in annex1) == obligations


@pytest.fixture
def many_obligations(uni):
    """Annex 5 item 9 with 2,500 obligations, half of them of the chemistry faculty."""

    def evaluate(context):
        for n in range(2500):
            unit = uni["chem"] if n % 2 else uni["econ"]
            yield Obligation(process_id="annex5.p14", unit=unit, subject=f"Order {n}", due=D(2026, 1, 6))

    protocol.register("annex5.p14", evaluate)
    yield
    protocol.unregister("annex5.p14")


@pytest.mark.parametrize("unit", [False, True])
def test_index_queries_stay_the_same_with_many_obligations(
    client, rector, uni, settings_row, many_obligations, django_assert_num_queries, unit
):
    refresh()
    client.force_login(rector)
    with django_assert_num_queries(QUERIES_INDEX_UNIT if unit else QUERIES_INDEX):
        page = client.get(INDEX, {"unit": uni["chem"].pk} if unit else {})
    assert row_counts(page, "annex5.p14")["overdue"] == (1250 if unit else 2500)


@pytest.mark.parametrize("units", [1, 3])
def test_detail_queries_do_not_grow_with_obligations(
    client, rector, uni, labour_events, settings_row, django_assert_num_queries, units
):
    for n in range(units):
        f.make_unit(code=f"LE-{n}", name=f"Laboratoriya {n}", kind="13", parent=uni["chem"])
    refresh()
    client.force_login(rector)
    with django_assert_num_queries(QUERIES_DETAIL):
        page = client.get(process_url("annex5.p14"))
    assert len(page.context["result"].rows) == units
