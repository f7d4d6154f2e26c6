"""Annex 1 items 2, 3 and 7 measured on prepared data (5-day week, launch on Friday 26.12.2025)."""

import datetime as dt

import pytest
from django.utils import translation

from hemis.access.models import RoleGrant
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.protocol import local_today
from hemis.compliance.tests.conftest import at
from hemis.core import services as core_services
from hemis.core.models import GpaMethod
from hemis.testing import factories as f

D = dt.date
LAUNCH = D(2025, 12, 26)  # due +1 wd: Monday 29.12.2025


def launched(university, on=LAUNCH):
    university.launch_date = on
    university.save()


def granted(role, created, user=None, revoked=None):
    grant = f.grant(user or f.UserFactory(), role)
    RoleGrant.objects.filter(pk=grant.pk).update(created_at=created, revoked_at=revoked)
    grant.refresh_from_db()
    return grant


def result(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    return res


def only_row(res):
    (row,) = res.rows
    return row


def test_no_launch_date_no_obligation(university):
    granted("super_admin", at(2025, 12, 29))
    for process_id in ("annex1.p2", "annex1.p3"):
        res = result(process_id, D(2026, 1, 10))
        assert res.measured is True
        assert res.rows == ()
        assert res.counts.as_dict() == {"on_time": 0, "late": 0, "pending": 0, "overdue": 0}


def test_super_admin_assigned_the_next_working_day_is_on_time(university):
    launched(university)
    admin = granted("super_admin", at(2025, 12, 29, 9, 15)).user
    row = only_row(result("annex1.p2", D(2026, 1, 10)))
    assert row.status is Status.ON_TIME
    assert (row.obligation.due, row.obligation.done_at) == (D(2025, 12, 29), D(2025, 12, 29))
    assert row.obligation.user == admin
    assert row.obligation.unit is None


def test_hr_assigned_two_days_later_is_late(university):
    launched(university)
    granted("super_admin", at(2025, 12, 26))
    granted("hr", at(2025, 12, 30, 11))
    row = only_row(result("annex1.p3", D(2026, 1, 10)))
    assert row.status is Status.LATE
    assert (row.obligation.due, row.obligation.done_at) == (D(2025, 12, 29), D(2025, 12, 30))


def test_after_midnight_in_tashkent_is_the_next_day(university):
    launched(university)
    granted("hr", dt.datetime(2025, 12, 29, 19, 30, tzinfo=dt.UTC))  # 00:30 on 30.12 in Tashkent
    row = only_row(result("annex1.p3", D(2026, 1, 10)))
    assert row.obligation.done_at == D(2025, 12, 30)
    assert row.status is Status.LATE


def test_hr_not_assigned_is_pending_on_the_due_day_and_overdue_after(university):
    launched(university)
    assert only_row(result("annex1.p3", D(2025, 12, 29))).status is Status.PENDING
    row = only_row(result("annex1.p3", D(2025, 12, 30)))
    assert row.status is Status.OVERDUE
    assert row.obligation.done_at is None
    assert row.obligation.user is None  # no super administrator in office either


def test_a_revoked_first_grant_still_counts_at_its_creation(university):
    launched(university)
    granted("super_admin", at(2025, 12, 29), revoked=at(2026, 1, 5))
    successor = granted("super_admin", at(2026, 1, 5, 12)).user
    row = only_row(result("annex1.p2", D(2026, 1, 10)))
    assert row.status is Status.ON_TIME
    assert row.obligation.done_at == D(2025, 12, 29)
    assert row.obligation.user == successor


def test_only_the_first_grant_counts(university):
    launched(university)
    granted("hr", at(2026, 1, 5))
    granted("hr", at(2025, 12, 29))
    row = only_row(result("annex1.p3", D(2026, 1, 10)))
    assert row.obligation.done_at == D(2025, 12, 29)
    assert row.status is Status.ON_TIME


def test_gpa_method_without_council_decision_date_no_obligation(university):
    university.gpa_method = GpaMethod.CREDIT_WEIGHTED
    university.gpa_method_set_on = D(2026, 1, 6)
    university.save()
    assert result("annex1.p7", D(2026, 1, 10)).rows == ()


@pytest.mark.parametrize(
    ("set_on", "status"), [(D(2026, 1, 6), Status.ON_TIME), (D(2026, 1, 7), Status.LATE)]
)
def test_gpa_method_set_after_the_council_decision(university, set_on, status):
    university.gpa_method_decided_on = D(2026, 1, 5)  # Monday: due Tuesday 06.01
    university.gpa_method = GpaMethod.SIMPLE_AVERAGE
    university.gpa_method_set_on = set_on
    university.save()
    with translation.override("en"):
        row = only_row(result("annex1.p7", D(2026, 1, 10)))
    assert (row.obligation.due, row.obligation.done_at, row.status) == (D(2026, 1, 6), set_on, status)
    assert row.obligation.subject == "GPA calculation method by the council decision of 05.01.2026"


def test_gpa_method_not_set_is_pending_then_overdue(university):
    university.gpa_method_decided_on = D(2026, 1, 5)
    university.save()
    assert only_row(result("annex1.p7", D(2026, 1, 6))).status is Status.PENDING
    assert only_row(result("annex1.p7", D(2026, 1, 7))).status is Status.OVERDUE


def test_gpa_method_set_through_the_settings_service_is_measured(university, superadmin):
    core_services.update_university_settings(actor=superadmin, gpa_method_decided_on=D(2026, 1, 5))
    core_services.update_university_settings(actor=superadmin, gpa_method=GpaMethod.CREDIT_WEIGHTED)
    today = local_today()
    row = only_row(result("annex1.p7", today))
    assert row.obligation.done_at == today
    assert row.status is (Status.ON_TIME if today <= D(2026, 1, 6) else Status.LATE)
    assert row.obligation.user == superadmin
