"""Every export of a list is journaled by one service, with its filters and row count."""

import pytest

from hemis.audit import services as audit
from hemis.audit.models import AuditEvent


def test_record_export_keeps_filters_rows_and_details(superadmin):
    event = audit.record_export(
        actor=superadmin,
        action="students.student.exported",
        filters={"faculty": "F-CHEM"},
        rows=3,
        personal_data=False,
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.action, stored.data) == (
        superadmin,
        "students.student.exported",
        {"filters": {"faculty": "F-CHEM"}, "rows": 3, "personal_data": False},
    )


def test_record_export_refuses_an_action_that_is_not_an_export(superadmin):
    with pytest.raises(ValueError, match="exported"):
        audit.record_export(actor=superadmin, action="students.student.created", filters={}, rows=0)
    assert not AuditEvent.objects.exists()
