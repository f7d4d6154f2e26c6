"""The regulation processes on the demo university: every measured process has obligations to show, and
the cases built for annex 1 item 7, annex 4 item 4 and annex 5 item 1 come out as designed."""

import datetime as dt

import pytest
from django.db import transaction

from hemis.compliance import engine
from hemis.compliance.protocol import EVALUATORS
from hemis.demo.tests.test_seed_demo import seed

D = dt.date
ON_TIME, LATE = "on_time", "late"  # the engine's status values


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """One demo university for the module (seeded once, rolled back when the module ends)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed(force=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def results(_seeded_once, db) -> dict:
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
