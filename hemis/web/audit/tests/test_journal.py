import datetime as dt
import html
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from hemis.audit import services as audit
from hemis.audit.context import RequestContext, current
from hemis.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def event(actor, action, when, *, role="", target=None, data=None):
    token = current.set(
        RequestContext(ip="10.0.0.5", user_agent="Chromium/140", principal=SimpleNamespace(role=role))
    )
    try:
        ev = audit.record(actor=actor, action=action, target=target, data=data)
    finally:
        current.reset(token)
    AuditEvent.objects.filter(pk=ev.pk).update(at=when)
    return ev


def utc(day, hour, minute=0):
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def admin_client(client, superadmin):
    client.force_login(superadmin)
    return client


@pytest.fixture
def events(superadmin, dean_chemistry, outsider):
    return [
        event(dean_chemistry, "auth.login", utc(1, 4), role="dean"),
        event(superadmin, "access.grant.created", utc(2, 5), role="super_admin", target=outsider),
        event(superadmin, "auth.password_reset", utc(3, 6), role="super_admin", target=dean_chemistry),
    ]


def rows(response):
    return [(e.actor_name, e.role_name, e.action) for e in response.context["page"]]


def test_journal_lists_newest_first(admin_client, events):
    response = admin_client.get(reverse("web:admin_journal"))
    assert rows(response) == [
        ("admin", "Super administrator", "auth.password_reset"),
        ("admin", "Super administrator", "access.grant.created"),
        ("dean_chem", "Dean's office", "auth.login"),
    ]
    assert "03.04.2026 11:00:00" in text(response)  # 06:00 UTC is 11:00 in Tashkent


def test_journal_filters(admin_client, events, outsider):
    url = reverse("web:admin_journal")
    assert rows(admin_client.get(url, {"user": "DEAN"})) == [("dean_chem", "Dean's office", "auth.login")]
    assert [r[2] for r in rows(admin_client.get(url, {"role": "super_admin", "action": "auth."}))] == [
        "auth.password_reset"
    ]
    by_object = admin_client.get(url, {"target_type": "access.user", "target_id": str(outsider.pk)})
    assert [r[2] for r in rows(by_object)] == ["access.grant.created"]
    period = admin_client.get(url, {"date_from": "02.04.2026", "date_to": "02.04.2026"})
    assert [r[2] for r in rows(period)] == ["access.grant.created"]


def test_invalid_filter_shows_errors_and_no_events(admin_client, events):
    response = admin_client.get(
        reverse("web:admin_journal"), {"date_from": "05.04.2026", "date_to": "01.04.2026"}
    )
    assert response.context["form"].errors == {
        "date_to": ["The end of the period must not be before its start."]
    }
    assert rows(response) == []
    assert 'data-testid="export"' not in text(response)
    response = admin_client.get(reverse("web:admin_journal"), {"date_from": "2026-04-05"})
    assert list(response.context["form"].errors) == ["date_from"]


def test_journal_pages_by_fifty_keeping_the_filter(admin_client, superadmin):
    first = [event(superadmin, "auth.login", utc(1, 0, minute)) for minute in range(51)][0]
    url = reverse("web:admin_journal")
    page1 = admin_client.get(url, {"action": "auth."})
    assert len(page1.context["page"]) == 50
    assert first.pk not in [e.pk for e in page1.context["page"]]
    assert 'href="?action=auth.&page=2"' in text(page1)
    page2 = admin_client.get(url, {"action": "auth.", "page": 2})
    assert [e.pk for e in page2.context["page"]] == [first.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_journal_query_count_is_constant(admin_client, superadmin, django_assert_num_queries, count):
    for n in range(count):
        event(superadmin, "auth.login", utc(1, n), role="super_admin", target=superadmin)
    with django_assert_num_queries(7):
        response = admin_client.get(reverse("web:admin_journal"))
    assert len(response.context["page"]) == count


def test_journal_is_for_the_super_admin_only(client, dean_chemistry, events):
    client.force_login(dean_chemistry)
    assert client.get(reverse("web:admin_journal")).status_code == 403
    assert client.get(reverse("web:admin_journal_export")).status_code == 403
    assert not AuditEvent.objects.filter(action="audit.journal.exported").exists()


def test_export_downloads_the_filtered_journal(admin_client, events, superadmin, dean_chemistry):
    response = admin_client.get(reverse("web:admin_journal_export"), {"action": "auth.", "page": "2"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="journal-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        (
            "Time",
            "User",
            "Role",
            "Action",
            "Object type",
            "Object ID",
            "Object",
            "IP address",
            "User agent",
            "Data",
        ),
        (
            "03.04.2026 11:00:00",
            "admin",
            "Super administrator",
            "auth.password_reset",
            "access.user",
            str(dean_chemistry.pk),
            "dean_chem",
            "10.0.0.5",
            "Chromium/140",
            "{}",
        ),
        (
            "01.04.2026 09:00:00",
            "dean_chem",
            "Dean's office",
            "auth.login",
            None,
            None,
            None,
            "10.0.0.5",
            "Chromium/140",
            "{}",
        ),
    ]
    exported = AuditEvent.objects.get(action="audit.journal.exported")
    assert (exported.actor, exported.role, exported.data) == (
        superadmin,
        "super_admin",
        {"filters": {"action": "auth."}, "rows": 2},
    )


def test_export_with_an_invalid_filter_goes_back_to_the_page(admin_client, events):
    response = admin_client.get(reverse("web:admin_journal_export"), {"date_from": "99.99.2026"})
    assert response["Location"] == reverse("web:admin_journal") + "?date_from=99.99.2026"
    assert not AuditEvent.objects.filter(action="audit.journal.exported").exists()


def test_log_ins_failures_log_outs_and_resets_are_journaled(client, superadmin, dean_chemistry):
    client.post(reverse("web:login"), {"username": "dean_chem", "password": "wrong"})
    client.post(reverse("web:login"), {"username": "admin", "password": "hemis-demo"})
    client.post(reverse("web:admin_password_reset", kwargs={"pk": dean_chemistry.pk}))
    client.post(reverse("web:logout"))
    client.force_login(superadmin)
    response = client.get(reverse("web:admin_journal"), {"action": "auth."})
    assert [(e.actor_name, e.action, e.target_repr) for e in response.context["page"]] == [
        ("admin", "auth.logout", "admin"),
        ("admin", "auth.password_reset", "dean_chem"),
        ("admin", "auth.login", "admin"),
        ("", "auth.login_failed", ""),
    ]
    assert AuditEvent.objects.get(action="auth.login_failed").data == {"login": "dean_chem"}
