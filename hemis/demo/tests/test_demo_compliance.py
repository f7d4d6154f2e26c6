"""The regulation processes on the demo university: every measured process has obligations to show, and
the cases built for annex 1 item 7, annex 4 item 4 and annex 5 item 1 come out as designed."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.protocol import EVALUATORS

D = dt.date
ON_TIME, LATE = "on_time", "late"  # the engine's status values


@pytest.fixture
def results(demo) -> dict:
    return {result.process.id: result for result in engine.evaluate()}


def rows_of(result) -> list[tuple]:
    return [
        (
            row.obligation.subject,
            row.obligation.due,
            row.obligation.done_at,
            row.status,
            row.obligation.user.username if row.obligation.user else None,
            row.obligation.unit.code if row.obligation.unit else None,
        )
        for row in result.rows
    ]


def test_every_measured_process_has_obligations_on_the_demo(results):
    assert {"annex1.p2", "annex1.p7", "annex4.p4", "annex5.p1", "annex5.p17"} <= set(EVALUATORS)
    assert [pid for pid in sorted(EVALUATORS) if not results[pid].rows] == []
    assert [pid for pid, result in results.items() if result.measured and not result.rows] == []


def test_the_gpa_method_was_set_late_after_the_council_decision(results):
    result = results["annex1.p7"]
    assert rows_of(result) == [
        (
            "GPA calculation method by the council decision of 28.10.2025",
            D(2025, 10, 29),
            D(2025, 10, 31),
            LATE,
            "admin",
            None,
        )
    ]


def test_programmes_opened_after_the_launch_one_entered_on_time_one_late(results):
    late, on_time = (  # names in English: the tests run with English messages
        "60720500 Deep gas processing technology",
        "60710100 Chemical engineering",
    )
    assert rows_of(results["annex5.p1"]) == [
        (f"Programme {late} opened on 22.09.2026", D(2026, 9, 23), D(2026, 10, 5), LATE, "dean_ng", "F-NG"),
        (
            f"Programme {on_time} opened on 13.10.2026",
            D(2026, 10, 14),
            D(2026, 10, 14),
            ON_TIME,
            "dean",
            "F-KT",
        ),
    ]
    assert rows_of(results["annex4.p4"]) == [
        (f"Newly opened programme {late}", D(2026, 9, 28), D(2026, 10, 5), LATE, "academic", None),
        (f"Newly opened programme {on_time}", D(2026, 10, 19), D(2026, 10, 14), ON_TIME, "academic", None),
    ]
    for pid in ("annex5.p1", "annex4.p4"):
        assert results[pid].counts.as_dict() == {"on_time": 1, "late": 1, "pending": 0, "overdue": 0}


def test_first_logins_on_the_demo_on_time_late_pending_and_overdue(results):
    # issue 14: a few demo students logged in already; the fresh ones have not
    counts = results["annex13.p1"].counts.as_dict()
    assert counts == {"on_time": 3, "late": 1, "pending": 1, "overdue": 1}
    assert {row.obligation.unit.code for row in results["annex13.p1"].rows} == {"F-KT"}


def test_demo_students_log_in_straight_home_except_the_fresh_ones(_seeded_once, db, client):
    # issue 14: the README's students go straight home; the fresh ones take the whole first log-in
    from django.conf import settings
    from django.urls import reverse

    from hemis.demo.cabinet import fresh_students
    from hemis.demo.management.commands.demo_logins import Command
    from hemis.students.models import Student

    fresh = fresh_students()
    assert len(fresh) == 3
    for student in Student.objects.filter(student_id_number__in=fresh).select_related("user"):
        assert (student.email, student.user.email, student.user.must_change_password) == ("", "", True)
    shown = [row[0] for row in Command().example_students()]
    assert shown and not set(shown) & set(fresh)
    password = settings.HEMIS_DEMO_PASSWORD
    client.post(reverse("web:login"), {"username": shown[0], "password": password})
    assert client.get(reverse("web:home")).status_code == 200
    client.post(reverse("web:logout"))
    client.post(reverse("web:login"), {"username": fresh[0], "password": password})
    assert client.get(reverse("web:home"))["Location"] == reverse("web:password_change")


def test_the_demo_integration_is_registered_on_time_and_its_published_key_reads_the_data_api(results, client):
    # issue 15: the LMS's instruction approved five working days before the integration started
    from io import StringIO

    from django.core.management import call_command

    from hemis.demo.integrations import DEMO_API_KEY, LMS
    from hemis.integrations.models import ApiCall, ApiToken

    for pid in ("annex2.p1", "annex2.p2"):
        ((subject, due, done, status, user, unit),) = rows_of(results[pid])
        assert (LMS in subject, status, user, unit) == (True, ON_TIME, "ict", None)
        assert due == done
    token = ApiToken.objects.select_related("holder", "integration").get()
    assert (token.holder.username, token.integration.system, token.prefix) == (
        "api_demo",
        LMS,
        DEMO_API_KEY[:8],
    )
    assert token.holder.grants.filter(role_id="api_user", revoked_at=None).count() == 1
    assert ApiCall.objects.filter(token=token).count() == 3
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert f"Authorization: Bearer {DEMO_API_KEY}" in printed and "/rest/v1/data/department-list" in printed
    assert printed.splitlines()[-1].startswith("Password for every demo login:")
    response = client.get(
        "/rest/v1/data/department-list", {"limit": "5"}, HTTP_AUTHORIZATION=f"Bearer {DEMO_API_KEY}"
    )
    body = response.json()
    assert response.status_code == 200 and body["success"] is True and len(body["data"]["items"]) == 5
