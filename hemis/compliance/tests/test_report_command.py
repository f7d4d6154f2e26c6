"""``manage.py compliance_report --json`` on a prepared situation."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hemis.access.models import RoleGrant
from hemis.compliance import services
from hemis.compliance.tests.conftest import at
from hemis.compliance.tests.test_engine import MEASURED
from hemis.compliance.tests.test_registry import EXPECTED_ROWS
from hemis.core.models import GpaMethod, UniversitySettings
from hemis.testing import factories as f


@pytest.fixture
def situation(db):
    """Launched Friday 26.12.2025 (5-day week): the super administrator was assigned on Monday 29.12
    (on time), nobody has the HR role yet, and the GPA method decided on 05.01.2026 was set on 08.01."""
    UniversitySettings.objects.create(
        name_uz="Toshkent kimyo-texnologiya instituti",
        study_week=5,
        launch_date=dt.date(2025, 12, 26),
        gpa_method=GpaMethod.CREDIT_WEIGHTED,
        gpa_method_decided_on=dt.date(2026, 1, 5),
        gpa_method_set_on=dt.date(2026, 1, 8),
    )
    grant = f.grant(f.UserFactory(), "super_admin")
    RoleGrant.objects.filter(pk=grant.pk).update(created_at=at(2025, 12, 29))


def report(*args) -> list[dict]:
    out = StringIO()
    call_command("compliance_report", "--json", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_json_report_lists_every_process_with_exact_counts(situation):
    rows = report("--today", "2026-01-10")
    assert [(r["id"], r["role"], r["rule"]) for r in rows] == [tuple(row) for row in EXPECTED_ROWS]
    by_id = {r["id"]: r for r in rows}
    assert by_id["annex1.p2"] == {
        "id": "annex1.p2",
        "role": "super_admin",
        "rule": "after(launch, 1)",
        "measured": True,
        "counts": {"on_time": 1, "late": 0, "pending": 0, "overdue": 0},
    }
    assert by_id["annex1.p3"]["counts"] == {"on_time": 0, "late": 0, "pending": 0, "overdue": 1}
    assert by_id["annex1.p7"]["counts"] == {"on_time": 0, "late": 1, "pending": 0, "overdue": 0}
    for row in rows:
        if row["id"] in MEASURED:
            assert row["measured"] is True, row["id"]
        else:
            assert (row["measured"], row["counts"]) == (False, None), row["id"]


def test_json_report_on_the_due_day_shows_pending(situation):
    by_id = {r["id"]: r for r in report("--today", "2025-12-29")}
    assert by_id["annex1.p3"]["counts"] == {"on_time": 0, "late": 0, "pending": 1, "overdue": 0}


def test_json_report_for_one_role(situation):
    rows = report("--today", "2026-01-10", "--role", "ict")
    assert rows == [
        {
            "id": "annex2.p1",
            "role": "ict",
            "rule": "before(integration, 5)",
            "measured": True,  # issue 15: read from the integration registry (empty here)
            "counts": {"on_time": 0, "late": 0, "pending": 0, "overdue": 0},
        },
        {
            "id": "annex2.p2",
            "role": "ict",
            "rule": "after(instruction_approved, 5)",
            "measured": True,  # issue 15: read from the integration registry (empty here)
            "counts": {"on_time": 0, "late": 0, "pending": 0, "overdue": 0},
        },
    ]


def test_text_report_has_a_line_per_process(situation):
    out = StringIO()
    call_command("compliance_report", "--today", "2026-01-10", stdout=out)
    lines = [" ".join(line.split()) for line in out.getvalue().splitlines()]
    assert len(lines) == 82
    assert lines[1] == "annex1.p2 super_admin after(launch, 1) on time 1, late 0, pending 0, overdue 0"
    assert lines[-1] == (
        "controlling.dormitory dormitory after(debt_cleared, 1) on time 0, late 0, pending 0, overdue 0"
    )


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("compliance_report", "--json", "--today", "10.01.2026", stdout=StringIO())


def test_the_stored_snapshot_is_reported_as_a_fresh_run_would_be(situation):
    services.refresh_snapshot(today=dt.date(2026, 1, 10))
    assert report("--snapshot") == report("--today", "2026-01-10")
    assert report("--snapshot", "--role", "ict") == report("--today", "2026-01-10", "--role", "ict")


def test_without_a_snapshot_the_stored_report_says_so(db):
    with pytest.raises(CommandError, match="no compliance snapshot yet"):
        call_command("compliance_report", "--snapshot", stdout=StringIO(), stderr=StringIO())


def test_a_snapshot_has_its_own_day(situation):
    with pytest.raises(CommandError, match="--today evaluates afresh"):
        call_command("compliance_report", "--snapshot", "--today", "2026-01-10", stdout=StringIO())
