"""Annex 3 items 1, 2, 6 and annex 4 item 5 measured on prepared data (5-day week, launch Friday 26.12.2025)."""

import datetime as dt

import pytest
from django.utils import translation

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.org.models import (
    Building,
    ChangeKind,
    OrgUnit,
    Room,
    RoomType,
    StructureChange,
    UniversityRequisites,
)
from hemis.org.tests.test_requisites_services import VALID
from hemis.testing import factories as f

D = dt.date
LAUNCH = D(2025, 12, 26)  # +2 wd: Tuesday 30.12.2025
TODAY = D(2026, 2, 10)


@pytest.fixture
def launched(university):
    university.launch_date = LAUNCH
    university.save()
    return university


def result(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    return res


def only_row(res):
    (row,) = res.rows
    return row


def requisites(completed):
    return UniversityRequisites.objects.create(**VALID, completed_at=completed)


def created(model_qs, when):
    model_qs.update(created_at=when)


def test_nothing_due_without_a_launch_date(university):
    requisites(at(2025, 12, 29))
    for process_id in ("annex3.p1", "annex3.p2", "annex4.p5"):
        res = result(process_id)
        assert (res.measured, res.rows) == (True, ())


@pytest.mark.parametrize(
    ("completed", "status"),
    [(at(2025, 12, 30, 17), Status.ON_TIME), (at(2025, 12, 31, 9), Status.LATE)],
)
def test_requisites_completed(launched, completed, status):
    requisites(completed)
    row = only_row(result("annex3.p1"))
    assert (row.obligation.due, row.obligation.done_at, row.status) == (
        D(2025, 12, 30),
        completed.date(),
        status,
    )


def test_requisites_missing_is_pending_then_overdue(launched):
    assert only_row(result("annex3.p1", D(2025, 12, 30))).status is Status.PENDING
    assert only_row(result("annex3.p1", D(2025, 12, 31))).status is Status.OVERDUE


def test_structure_is_done_when_both_a_faculty_and_a_department_exist(launched):
    chem = f.faculty("F-CHEM")
    created(OrgUnit.objects.filter(pk=chem.pk), at(2025, 12, 29))
    assert only_row(result("annex3.p2")).status is Status.OVERDUE
    dept = f.department(chem, "D-1")
    created(OrgUnit.objects.filter(pk=dept.pk), at(2026, 1, 5))
    later = f.department(chem, "D-2")
    created(OrgUnit.objects.filter(pk=later.pk), at(2026, 1, 20))
    row = only_row(result("annex3.p2"))
    assert (row.obligation.done_at, row.status) == (D(2026, 1, 5), Status.LATE)


def test_first_room_counts(launched):
    building = Building.objects.create(name="Bosh bino", address="Navoiy 32")
    for number, day in (("102", 30), ("101", 29)):
        room = Room.objects.create(building=building, number=number, capacity=30, room_type=RoomType.SEMINAR)
        created(Room.objects.filter(pk=room.pk), at(2025, 12, day))
    row = only_row(result("annex4.p5"))
    assert (row.obligation.due, row.obligation.done_at, row.status) == (
        D(2025, 12, 30),
        D(2025, 12, 29),
        Status.ON_TIME,
    )


def change(document_date, entered, kind=ChangeKind.UNIT_RENAMED):
    obj = StructureChange.objects.create(
        kind=kind,
        subject="D-1 Noorganik kimyo kafedrasi",
        document_number="17-son",
        document_date=document_date,
    )
    created(StructureChange.objects.filter(pk=obj.pk), entered)
    return obj


def test_each_change_is_due_two_working_days_after_its_document(launched):
    change(D(2026, 2, 2), at(2026, 2, 4))  # Monday → due Wednesday 04.02: on time
    change(D(2026, 2, 2), at(2026, 2, 5))  # late
    change(D(2025, 12, 1), at(2025, 12, 20))  # before the launch: initial entry, not measured here
    with translation.override("en"):
        rows = result("annex3.p6").rows
    assert [(r.obligation.due, r.obligation.done_at, r.status) for r in rows] == [
        (D(2026, 2, 4), D(2026, 2, 4), Status.ON_TIME),
        (D(2026, 2, 4), D(2026, 2, 5), Status.LATE),
    ]
    assert rows[0].obligation.subject == (
        "Unit renamed: D-1 Noorganik kimyo kafedrasi (document № 17-son of 02.02.2026)"
    )


def test_changes_are_measured_without_a_launch_date_too(university):
    change(D(2025, 12, 1), at(2025, 12, 2))
    assert only_row(result("annex3.p6")).status is Status.ON_TIME


@pytest.mark.parametrize("records", [1, 3])
def test_constant_queries(launched, records, django_assert_num_queries):
    building = Building.objects.create(name="Bosh bino", address="Navoiy 32")
    chem = f.faculty("F-CHEM")
    for i in range(records):
        change(D(2026, 2, 2), at(2026, 2, 3))
        f.department(chem, f"D-{i}")
        Room.objects.create(building=building, number=f"1{i}", capacity=30, room_type=RoomType.SEMINAR)
    requisites(at(2025, 12, 29))
    context = engine.build_context(today=D(2026, 2, 10))
    # the requisites row, the first faculty and department, the changes, the first room
    with django_assert_num_queries(4):
        results = engine.evaluate(
            context=context, process_ids=["annex3.p1", "annex3.p2", "annex3.p6", "annex4.p5"]
        )
    assert [len(r.rows) for r in results] == [1, 1, records, 1]
