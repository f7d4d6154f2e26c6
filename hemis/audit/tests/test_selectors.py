import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from hemis.audit import services as audit
from hemis.audit.context import RequestContext, current
from hemis.audit.models import AuditEvent
from hemis.audit.selectors import JournalFilter, journal

TASHKENT = ZoneInfo("Asia/Tashkent")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TASHKENT)


def event(actor, action, when, *, role="", target=None):
    token = current.set(
        RequestContext(ip="10.1.2.3", user_agent="pytest", principal=SimpleNamespace(role=role))
    )
    try:
        ev = audit.record(actor=actor, action=action, target=target)
    finally:
        current.reset(token)
    AuditEvent.objects.filter(pk=ev.pk).update(at=when)
    return ev.pk


@pytest.fixture
def events(superadmin, dean_chemistry, outsider):
    return {
        "login": event(dean_chemistry, "auth.login", at(1, 9), role="dean"),
        "late": event(superadmin, "access.grant.created", at(1, 23, 30), role="super_admin", target=outsider),
        "early": event(superadmin, "access.grant.revoked", at(2, 0, 10), role="super_admin", target=outsider),
        "failed": event(None, "auth.login_failed", at(3, 8)),
        "reset": event(dean_chemistry, "auth.password_reset", at(4, 12), role="dean", target=superadmin),
    }


def keys(events, **filters):
    names = {pk: name for name, pk in events.items()}
    return [names[pk] for pk in journal(JournalFilter(**filters)).values_list("pk", flat=True)]


def test_unfiltered_journal_is_newest_first(events):
    assert keys(events) == ["reset", "failed", "early", "late", "login"]


def test_filter_by_user_contains_any_case(events):
    assert keys(events, user="DEAN") == ["reset", "login"]


def test_filter_by_role(events):
    assert keys(events, role="super_admin") == ["early", "late"]


def test_filter_by_action_prefix(events):
    assert keys(events, action="access.grant") == ["early", "late"]
    assert keys(events, action="auth.login") == ["failed", "login"]


def test_filter_by_object(events, outsider, superadmin):
    assert keys(events, target_type="access.user") == ["reset", "early", "late"]
    assert keys(events, target_type="access.user", target_id=str(outsider.pk)) == ["early", "late"]
    assert keys(events, target_id=str(superadmin.pk)) == ["reset"]


def test_period_is_inclusive_local_days(events):
    assert keys(events, date_to=dt.date(2026, 3, 1)) == ["late", "login"]
    assert keys(events, date_from=dt.date(2026, 3, 2)) == ["reset", "failed", "early"]
    assert keys(events, date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 3)) == ["failed", "early"]


def test_filters_combine(events):
    assert keys(events, user="admin", action="access", date_from=dt.date(2026, 3, 2)) == ["early"]


def test_filter_as_data_keeps_only_what_was_set():
    f = JournalFilter(user="admin", date_from=dt.date(2026, 3, 2))
    assert f.as_data() == {"user": "admin", "date_from": dt.date(2026, 3, 2)}
