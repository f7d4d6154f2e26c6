"""Annex 1 items 4 and 6 measured on the exchange, 5-day week, November 2026 (no holidays; Monday 9th).
Item 6: a sync failing for more than a working day is overdue (one obligation per kind and day its
failing began, done when its last item was sent). Item 4: each PINFL request from its first flagged
record to the letter sent (undated: measured within five working days)."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.core.models import UniversitySettings
from hemis.exchange import services, transports
from hemis.exchange.models import PinflCorrectionLine
from hemis.testing import factories as f

D = dt.date
TASHKENT = dt.timezone(dt.timedelta(hours=5))


def at(day, hour=10):
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=TASHKENT)


class FailingFor(transports.FileTransport):
    def __init__(self, *kinds):
        self.kinds = kinds

    def send(self, *, kind, batch, records):
        if kind in self.kinds:
            raise transports.TransportError("the registry answered HTTP 502")
        super().send(kind=kind, batch=batch, records=records)


def rows(process_id, today):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return sorted(
        (r.obligation.subject.split("“")[1].split("”")[0], r.obligation.due, r.obligation.done_at, r.status)
        for r in res.rows
    )


@pytest.fixture
def university(db):
    return UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", study_week=5)


def test_p6_a_sync_failing_for_more_than_a_working_day_is_overdue(
    university, uni, student_in_group, superadmin
):
    services.collect(now=at(9))
    services.push(now=at(9), transport=FailingFor("departments", "students"))
    services.push(now=at(10, 9), transport=FailingFor("students"))  # the departments go through on Tuesday
    assert rows("annex1.p6", today=D(2026, 11, 10)) == [
        ("Departments (org units)", D(2026, 11, 10), D(2026, 11, 10), Status.ON_TIME),
        ("Students", D(2026, 11, 10), None, Status.PENDING),
    ]
    assert rows("annex1.p6", today=D(2026, 11, 11))[1] == ("Students", D(2026, 11, 10), None, Status.OVERDUE)
    services.push(now=at(12), transport=FailingFor())
    assert rows("annex1.p6", today=D(2026, 11, 12))[1] == (
        "Students",
        D(2026, 11, 10),
        D(2026, 11, 12),
        Status.LATE,
    )
    (res,) = engine.evaluate(context=engine.build_context(today=D(2026, 11, 12)), process_ids=["annex1.p6"])
    assert {r.obligation.user for r in res.rows} == {superadmin}


def test_p4_each_request_from_flagged_to_sent(university, student_in_group, superadmin):
    first = services.flag_pinfl(
        student=student_in_group, correct_value="31234567890123", reason="Xato", actor=None
    )
    PinflCorrectionLine.objects.filter(pk=first.pk).update(flagged_at=at(9))
    services.send_request(
        request=first.request,
        signatory_name="A. Qodirov",
        signatory_position="Prorektor",
        sent_on=D(2026, 11, 10),
        actor=None,
    )
    teacher = f.EmployeeFactory()
    second = services.flag_pinfl(employee=teacher, correct_value="41234567890123", reason="Xato", actor=None)
    PinflCorrectionLine.objects.filter(pk=second.pk).update(flagged_at=at(9))
    (res,) = engine.evaluate(context=engine.build_context(today=D(2026, 11, 17)), process_ids=["annex1.p4"])
    assert res.measured is True
    result = sorted(
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in res.rows
    )
    year = first.request.number.split("-")[0]
    assert result == [
        (
            f"PINFL correction request No. {year}-001 to the ministry centre (flagged 09.11.2026)",
            D(2026, 11, 16),
            D(2026, 11, 10),
            Status.ON_TIME,
        ),
        (
            f"PINFL correction request No. {year}-002 to the ministry centre (flagged 09.11.2026)",
            D(2026, 11, 16),
            None,
            Status.OVERDUE,
        ),
    ]
    assert {r.obligation.user for r in res.rows} == {superadmin}
