"""The controlling roles' clearance processes (``controlling.library``, ``controlling.dormitory``): each
round of a line is due 1 working day after it became ready, done when signed (or answered by a
refusal); on time, late, pending, overdue; the round after a reported settlement starts again; units of
other roles are not measured (5-day week, November 2026)."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.enums import Status
from hemis.compliance.tests.conftest import at
from hemis.graduation import services
from hemis.graduation.models import ClearanceDecision, ClearanceLine

D = dt.date
TODAY = D(2026, 11, 30)  # a Monday


@pytest.fixture
def university(db):
    from hemis.core.models import UniversitySettings

    return UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", study_week=5)


def rows(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return [(r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in res.rows]


def ready(line: ClearanceLine, moment: dt.datetime) -> None:
    ClearanceLine.objects.filter(pk=line.pk).update(ready_at=moment)
    line.refresh_from_db()


def decided(line: ClearanceLine, moment: dt.datetime) -> None:
    """Date the line's latest decision (and the line) at ``moment``."""
    last = ClearanceDecision.objects.filter(line=line).latest("at", "pk")
    ClearanceDecision.objects.filter(pk=last.pk).update(at=moment)
    if line.decided_at is not None:
        ClearanceLine.objects.filter(pk=line.pk).update(decided_at=moment)


def open_with(student, moment):
    sheet = services.open_sheet(student=student, actor=student.user)
    lines = {line.unit.code: line for line in sheet.lines.select_related("unit")}
    for line in lines.values():
        ready(line, moment)
    return lines


def test_on_time_late_pending_and_overdue(university, alice, bob, charlie, dilnoza, librarian, warden):
    charlie.is_graduate = True
    charlie.save(update_fields=["is_graduate"])
    on_time = open_with(alice, at(2026, 11, 16))  # Monday: due Tuesday 17.11
    services.sign_line(line=on_time["library"], actor=librarian, role="library")
    decided(on_time["library"], at(2026, 11, 17, 17))
    late = open_with(bob, at(2026, 11, 16))
    services.sign_line(line=late["library"], actor=librarian, role="library")
    decided(late["library"], at(2026, 11, 19))
    open_with(charlie, at(2026, 11, 20))  # Friday: due Monday 23.11, not signed by 30.11 — overdue
    open_with(dilnoza, at(2026, 11, 30, 9))  # today: due tomorrow — pending
    assert rows("controlling.library") == [
        (
            "Clearance sheet of Abdullayeva Alisa: Axborot-resurs markazi",
            D(2026, 11, 17),
            D(2026, 11, 17),
            Status.ON_TIME,
        ),
        (
            "Clearance sheet of Boboyev Bobur: Axborot-resurs markazi",
            D(2026, 11, 17),
            D(2026, 11, 19),
            Status.LATE,
        ),
        ("Clearance sheet of Choriyev Chori: Axborot-resurs markazi", D(2026, 11, 23), None, Status.OVERDUE),
        (
            "Clearance sheet of Doniyorova Dilnoza: Axborot-resurs markazi",
            D(2026, 12, 1),
            None,
            Status.PENDING,
        ),
    ]
    # the dormitory's lines are its own process: none decided yet
    assert [(due, done, status) for _, due, done, status in rows("controlling.dormitory")] == [
        (D(2026, 11, 17), None, Status.OVERDUE),
        (D(2026, 11, 17), None, Status.OVERDUE),
        (D(2026, 11, 23), None, Status.OVERDUE),
        (D(2026, 12, 1), None, Status.PENDING),
    ]


def test_a_refusal_answers_its_round_and_the_settled_report_starts_another(
    university, alice, librarian, warden
):
    lines = open_with(alice, at(2026, 11, 16))
    line = services.refuse_line(line=lines["library"], actor=librarian, role="library", reason="Kitob")
    decided(line, at(2026, 11, 17))
    line = services.report_settled(line=line, actor=alice.user)
    ready(line, at(2026, 11, 25))  # Wednesday: due Thursday 26.11
    ClearanceDecision.objects.filter(line=line, kind="settled").update(
        ready_at=line.ready_at, at=line.ready_at
    )
    assert rows("controlling.library") == [
        (
            "Clearance sheet of Abdullayeva Alisa: Axborot-resurs markazi, refused",
            D(2026, 11, 17),
            D(2026, 11, 17),
            Status.ON_TIME,
        ),
        (
            "Clearance sheet of Abdullayeva Alisa: Axborot-resurs markazi",
            D(2026, 11, 26),
            None,
            Status.OVERDUE,
        ),
    ]
    line = services.sign_line(line=line, actor=librarian, role="library")
    decided(line, at(2026, 11, 26, 16))
    assert [r[1:] for r in rows("controlling.library")] == [
        (D(2026, 11, 17), D(2026, 11, 17), Status.ON_TIME),
        (D(2026, 11, 26), D(2026, 11, 26), Status.ON_TIME),
    ]


def test_responsible_person_units_of_other_roles_and_the_launch(
    university, alice, librarian, superadmin, units
):
    services.update_unit(unit=units["accounting"], actor=superadmin, is_active=True)
    open_with(alice, at(2026, 11, 16))
    (res,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=["controlling.library"])
    assert [r.obligation.user for r in res.rows] == [librarian]
    # the accounting line is in neither process
    subjects = [s for p in ("controlling.library", "controlling.dormitory") for s, *_ in rows(p)]
    assert len(subjects) == 2 and all("Buxgalteriya" not in s for s in subjects)
    university.launch_date = D(2026, 11, 18)
    university.save()
    assert rows("controlling.library") == []


def test_a_second_library_unit_counts_under_the_library(university, alice, superadmin):
    services.create_unit(actor=superadmin, code="reading-room", name_uz="Oʻquv zali", role="library", order=5)
    open_with(alice, at(2026, 11, 16))
    assert [s for s, *_ in rows("controlling.library")] == [
        "Clearance sheet of Abdullayeva Alisa: Axborot-resurs markazi",
        "Clearance sheet of Abdullayeva Alisa: Oʻquv zali",
    ]
