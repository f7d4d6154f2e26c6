import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from hemis.access.roles import RoleCode
from hemis.audit import services as audit
from hemis.audit.context import RequestContext, current
from hemis.audit.exports import export_journal
from hemis.audit.models import AuditEvent
from hemis.audit.selectors import JournalFilter

ROLE_NAMES = dict(RoleCode.choices)
HEADER = (
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
)


def event(actor, action, when, *, role="", target=None, data=None, user_agent="Firefox/140.0"):
    token = current.set(
        RequestContext(ip="192.168.5.20", user_agent=user_agent, principal=SimpleNamespace(role=role))
    )
    try:
        ev = audit.record(actor=actor, action=action, target=target, data=data)
    finally:
        current.reset(token)
    AuditEvent.objects.filter(pk=ev.pk).update(at=when)
    return ev


def rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def journal_events(superadmin, dean_chemistry):
    utc = dt.UTC
    event(dean_chemistry, "auth.login", dt.datetime(2026, 3, 1, 4, 5, 6, tzinfo=utc), role="dean")
    event(
        None,
        "auth.login_failed",
        dt.datetime(2026, 3, 1, 20, 0, 0, tzinfo=utc),
        data={"login": '=HYPERLINK("http://evil")'},
        user_agent="=cmd|' /C calc'!A0",
    )
    event(
        superadmin,
        "auth.password_reset",
        dt.datetime(2026, 3, 2, 7, 30, 0, tzinfo=utc),
        role="super_admin",
        target=dean_chemistry,
        data={"before": {"must_change_password": False}, "after": {"must_change_password": True}},
    )


def test_export_writes_the_filtered_journal_exactly(journal_events, superadmin, dean_chemistry):
    with translation.override("en"):
        content = export_journal(
            journal_filter=JournalFilter(action="auth.", date_from=dt.date(2026, 3, 2)),
            role_names=ROLE_NAMES,
            actor=superadmin,
        )
    assert rows(content) == [
        HEADER,
        (
            "02.03.2026 12:30:00",
            "admin",
            "Super administrator",
            "auth.password_reset",
            "access.user",
            str(dean_chemistry.pk),
            "dean_chem",
            "192.168.5.20",
            "Firefox/140.0",
            '{"after": {"must_change_password": true}, "before": {"must_change_password": false}}',
        ),
        (
            "02.03.2026 01:00:00",
            None,
            None,
            "auth.login_failed",
            None,
            None,
            None,
            "192.168.5.20",
            "=cmd|' /C calc'!A0",
            '{"login": "=HYPERLINK(\\"http://evil\\")"}',
        ),
    ]


def test_formula_like_text_is_stored_as_text(journal_events, superadmin):
    content = export_journal(journal_filter=JournalFilter(), role_names=ROLE_NAMES, actor=superadmin)
    sheet = load_workbook(io.BytesIO(content)).active
    user_agents = [(c.value, c.data_type) for c in sheet["I"][1:]]
    assert user_agents == [
        ("Firefox/140.0", "s"),
        ("=cmd|' /C calc'!A0", "s"),
        ("Firefox/140.0", "s"),
    ]


def test_times_are_tashkent_local(journal_events, superadmin):
    content = export_journal(journal_filter=JournalFilter(), role_names=ROLE_NAMES, actor=superadmin)
    assert [r[0] for r in rows(content)[1:]] == [
        "02.03.2026 12:30:00",
        "02.03.2026 01:00:00",
        "01.03.2026 09:05:06",
    ]


def test_export_is_itself_audited(journal_events, superadmin):
    export_journal(
        journal_filter=JournalFilter(role="dean", date_to=dt.date(2026, 3, 31)),
        role_names=ROLE_NAMES,
        actor=superadmin,
    )
    exported = AuditEvent.objects.get(action="audit.journal.exported")
    assert exported.actor == superadmin
    assert exported.data == {"filters": {"role": "dean", "date_to": "2026-03-31"}, "rows": 1}


def test_export_of_too_many_events_is_refused(journal_events, superadmin):
    before = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        export_journal(journal_filter=JournalFilter(), role_names=ROLE_NAMES, actor=superadmin, limit=2)
    assert exc.value.messages == ["More than 2 events match; narrow the period or the filters."]
    assert AuditEvent.objects.count() == before
