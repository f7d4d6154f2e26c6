"""The regulation compliance pages: who sees them, what they show, how many queries they cost."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.access.models import RoleGrant
from hemis.compliance import protocol
from hemis.compliance.protocol import TASHKENT, Obligation
from hemis.compliance.tests.test_engine import MEASURED
from hemis.core.models import GpaMethod, UniversitySettings
from hemis.org.models import OrgUnit
from hemis.testing import factories as f

D = dt.date
INDEX = reverse("web:compliance_index")
# session, user, grants, student check (the principal); settings row, calendar overrides (the run);
# the evaluators' reads; the unit select (index only); the enabled languages (the switcher).
QUERIES_INDEX = 34
QUERIES_DETAIL = 8


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
                process_id="annex5.p9",
                unit=unit,
                subject=f"Order for {unit.code}",
                due=D(2026, 1, 6),
                done_at=done,
            )

    protocol.register("annex5.p9", evaluate)
    yield
    protocol.unregister("annex5.p9")


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
    client.force_login(superadmin)
    page = client.get(INDEX)
    assert page.status_code == 200
    assert row_counts(page, "annex1.p2") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}


def test_page_shows_titles_rules_in_the_language(client, rector, settings_row):
    client.force_login(rector)
    client.cookies["hemis_language"] = "en"
    html = client.get(INDEX).content.decode()
    assert "Set the GPA calculation method by decision of the university council" in html
    assert "Within 1 working day after the council decision taking effect" in html
    assert "after(council_decision, 1)" in html


@pytest.mark.parametrize("view", ["index", "detail"])
def test_dean_is_refused(client, dean_chemistry, settings_row, view):
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
    client.force_login(rector)
    page = client.get(INDEX, {"role": "ict"})
    assert [r.process.id for r in page.context["results"]] == ["annex2.p1", "annex2.p2"]


def test_unit_filter_counts_only_that_unit_and_below(client, rector, uni, labour_events, settings_row):
    f.make_unit(code="LE-chem-late", name="Kimyo laboratoriyasi", kind="13", parent=uni["chem"])
    f.make_unit(code="LE-econ", name="Iqtisodiyot laboratoriyasi", kind="13", parent=uni["econ"])
    client.force_login(rector)
    everything = client.get(INDEX)
    assert row_counts(everything, "annex5.p9") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 1}
    chem = client.get(INDEX, {"unit": uni["chem"].pk})
    assert row_counts(chem, "annex5.p9") == {"on_time": 0, "late": 1, "pending": 0, "overdue": 0}
    assert row_counts(chem, "annex1.p2") == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}


def test_unknown_unit_is_ignored_with_an_error(client, rector, settings_row):
    client.force_login(rector)
    page = client.get(INDEX, {"unit": 999999})
    assert page.context["unit"] is None
    assert "unit" in page.context["form"].errors


def test_detail_lists_obligations(client, rector, settings_row, superadmin):
    launched(settings_row)
    backdate(superadmin, "super_admin", at(2025, 12, 30))
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
    client.force_login(rector)
    page = client.get(process_url("annex9.p1"))
    assert page.context["result"].measured is False
    assert 'data-testid="not-measured"' in page.content.decode()


def test_unknown_process_is_404(client, rector, settings_row):
    client.force_login(rector)
    assert client.get(process_url("annex99.p1")).status_code == 404


# --- query counts: the same number of queries for 1 and 3 obligations -------------------------


@pytest.mark.parametrize("obligations", [1, 3])
def test_index_queries_do_not_grow_with_obligations(
    client, rector, superadmin, settings_row, django_assert_num_queries, obligations
):
    gpa_decided(settings_row)  # annex 1 item 7: one obligation
    if obligations == 3:
        launched(settings_row)  # items 2 and 3 as well
    client.force_login(rector)
    with django_assert_num_queries(QUERIES_INDEX):
        page = client.get(INDEX)
    annex1 = [r for r in page.context["results"] if r.measured and r.process.id.startswith("annex1.")]
    assert sum(r.counts.total for r in annex1) == obligations


@pytest.mark.parametrize("units", [1, 3])
def test_detail_queries_do_not_grow_with_obligations(
    client, rector, uni, labour_events, settings_row, django_assert_num_queries, units
):
    for n in range(units):
        f.make_unit(code=f"LE-{n}", name=f"Laboratoriya {n}", kind="13", parent=uni["chem"])
    client.force_login(rector)
    with django_assert_num_queries(QUERIES_DETAIL):
        page = client.get(process_url("annex5.p9"))
    assert len(page.context["result"].rows) == units
