"""The clearance services: opening a sheet, signing, refusing, reporting a debt settled, the units and the
diploma record; every refusal says why and changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.graduation import services
from hemis.graduation.enums import DecisionKind, LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet, ClearanceUnit, Diploma
from hemis.students.models import StudentStatus


def state():
    """Everything the services write, to show a refusal changed nothing."""
    return (
        list(ClearanceSheet.objects.values_list("pk", "student_id")),
        list(
            ClearanceLine.objects.order_by("pk").values_list(
                "pk", "state", "ready_at", "decided_at", "reason"
            )
        ),
        list(ClearanceDecision.objects.values_list("pk", "kind", "reason")),
        list(ClearanceUnit.objects.order_by("pk").values_list("code", "role", "is_active", "order")),
        list(Diploma.objects.values_list("student_id", "series", "number")),
        AuditEvent.objects.count(),
    )


def refused(call, field: str) -> list[str]:
    before = state()
    with pytest.raises(ValidationError) as error:
        call()
    assert state() == before
    return error.value.message_dict[field]


def line_of(sheet, code: str) -> ClearanceLine:
    return sheet.lines.select_related("unit").get(unit__code=code)


@pytest.fixture
def sheet(alice):
    return services.open_sheet(student=alice, actor=alice.user)


# --- opening ----------------------------------------------------------------------------------------


def test_open_sheet_makes_a_pending_line_per_active_unit(alice):
    sheet = services.open_sheet(student=alice, actor=alice.user)
    lines = list(sheet.lines.order_by("unit__order").values_list("unit__code", "state", "decided_at"))
    assert lines == [("library", LineState.PENDING, None), ("dormitory", LineState.PENDING, None)]
    assert sheet.created_by == alice.user
    assert list(
        AuditEvent.objects.filter(action="graduation.sheet.opened").values_list("data", flat=True)
    ) == [{"student": alice.pk, "units": ["library", "dormitory"]}]


def test_open_sheet_takes_the_units_active_now(alice, superadmin, units):
    services.update_unit(unit=units["accounting"], actor=superadmin, is_active=True)
    services.update_unit(unit=units["dormitory"], actor=superadmin, is_active=False)
    sheet = services.open_sheet(student=alice, actor=alice.user)
    assert sorted(sheet.lines.values_list("unit__code", flat=True)) == ["accounting", "library"]


def test_open_sheet_refused_for_a_student_not_in_the_final_course(charlie):
    assert refused(lambda: services.open_sheet(student=charlie, actor=charlie.user), "student") == [
        "Only a studying student of the programme's final course opens a clearance sheet "
        "(Choriyev Chori is in course 2)."
    ]


def test_open_sheet_allowed_for_a_graduate_before_the_last_course(charlie):
    charlie.is_graduate = True
    charlie.save(update_fields=["is_graduate"])
    assert services.open_sheet(student=charlie, actor=charlie.user).lines.count() == 2


def test_open_sheet_refused_for_a_student_not_studying(alice):
    alice.status = StudentStatus.ACADEMIC_LEAVE
    alice.save(update_fields=["status"])
    messages = refused(lambda: services.open_sheet(student=alice, actor=alice.user), "student")
    assert messages[0].startswith("Only a studying student")


def test_open_sheet_refused_twice(sheet, alice):
    assert refused(lambda: services.open_sheet(student=alice, actor=alice.user), "student") == [
        "The clearance sheet of Abdullayeva Alisa is already open."
    ]


def test_open_sheet_refused_without_an_active_unit(alice):
    ClearanceUnit.objects.update(is_active=False)
    assert refused(lambda: services.open_sheet(student=alice, actor=alice.user), "student") == [
        "No clearance unit is active: ask the administrator."
    ]


# --- deciding ---------------------------------------------------------------------------------------


def test_sign_line(sheet, librarian):
    line = services.sign_line(line=line_of(sheet, "library"), actor=librarian, role="library")
    assert (line.state, line.decided_by, line.reason) == (LineState.SIGNED, librarian, "")
    assert line.decided_at is not None
    assert list(line.decisions.values_list("kind", "by", "ready_at")) == [
        (DecisionKind.SIGNED, librarian.pk, line.ready_at)
    ]
    event = AuditEvent.objects.get(action="graduation.line.signed")
    assert (event.role, event.data["before"], event.data["after"]) == (
        "library",
        {"state": "pending"},
        {"state": "signed"},
    )


def test_sign_refused_when_already_signed(sheet, librarian, librarian2):
    line = services.sign_line(line=line_of(sheet, "library"), actor=librarian, role="library")
    day = f"{timezone.localtime(line.decided_at):%d.%m.%Y}"
    assert refused(lambda: services.sign_line(line=line, actor=librarian2, role="library"), "line") == [
        f"The line was already signed on {day}."
    ]
    assert refused(
        lambda: services.refuse_line(line=line, actor=librarian2, role="library", reason="Kitob"), "line"
    ) == [f"The line was already signed on {day}."]


def test_acting_on_another_units_line_is_refused(sheet, warden):
    line = line_of(sheet, "library")
    expected = ["This line belongs to Library: only its office decides it."]
    assert refused(lambda: services.sign_line(line=line, actor=warden, role="dormitory"), "line") == expected
    assert (
        refused(lambda: services.refuse_line(line=line, actor=warden, role="dormitory", reason="X"), "line")
        == expected
    )


def test_refuse_without_a_reason_is_refused(sheet, librarian):
    line = line_of(sheet, "library")
    for reason in ("", "   "):
        assert refused(
            lambda r=reason: services.refuse_line(line=line, actor=librarian, role="library", reason=r),
            "reason",
        ) == ["Say why the line is refused: the debt the student has to settle."]
    assert refused(
        lambda: services.refuse_line(line=line, actor=librarian, role="library", reason="x" * 1001), "reason"
    ) == ["Say the debt in 1000 characters at most."]


def test_refuse_then_settle_then_sign_keeps_the_history(sheet, alice, librarian):
    line = line_of(sheet, "library")
    first_ready = line.ready_at
    line = services.refuse_line(
        line=line, actor=librarian, role="library", reason="  «Oliy matematika» kitobi qaytarilmagan "
    )
    assert (line.state, line.reason) == (LineState.REFUSED, "«Oliy matematika» kitobi qaytarilmagan")
    # refused: neither signed nor refused again until the student reports the debt settled
    assert refused(lambda: services.sign_line(line=line, actor=librarian, role="library"), "line") == [
        "The line is refused («Oliy matematika» kitobi qaytarilmagan): it is checked again once the student "
        "reports the debt settled."
    ]
    line = services.report_settled(line=line, actor=alice.user)
    assert (line.state, line.reason, line.decided_at, line.decided_by) == (LineState.PENDING, "", None, None)
    assert line.ready_at > first_ready
    line = services.sign_line(line=line, actor=librarian, role="library")
    history = list(line.decisions.order_by("at", "pk").values_list("kind", "reason", "ready_at"))
    assert history == [
        (DecisionKind.REFUSED, "«Oliy matematika» kitobi qaytarilmagan", first_ready),
        (DecisionKind.SETTLED, "", line.ready_at),
        (DecisionKind.SIGNED, "", line.ready_at),
    ]
    assert list(
        AuditEvent.objects.filter(action__startswith="graduation.line.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["graduation.line.refused", "graduation.line.settled", "graduation.line.signed"]


def test_settled_refused_for_a_line_not_refused(sheet, alice, librarian):
    line = line_of(sheet, "library")
    message = ["Only a refused line can be reported settled."]
    assert refused(lambda: services.report_settled(line=line, actor=alice.user), "line") == message
    services.sign_line(line=line, actor=librarian, role="library")
    assert refused(lambda: services.report_settled(line=line, actor=alice.user), "line") == message


def test_a_stale_copy_cannot_decide_twice(sheet, librarian, librarian2):
    """Two librarians loaded the same pending line; the second decision, on its stale copy, loses."""
    mine, theirs = line_of(sheet, "library"), line_of(sheet, "library")
    services.sign_line(line=mine, actor=librarian, role="library")
    with pytest.raises(ValidationError):
        services.refuse_line(line=theirs, actor=librarian2, role="library", reason="Kitob")
    stored = ClearanceLine.objects.get(pk=mine.pk)
    assert (stored.state, stored.decided_by) == (LineState.SIGNED, librarian)
    assert ClearanceDecision.objects.filter(line=stored).count() == 1


# --- units ------------------------------------------------------------------------------------------


def test_units_created_by_the_migration(units):
    assert [(u.code, u.role, u.is_active) for u in ClearanceUnit.objects.order_by("order")] == [
        ("library", "library", True),
        ("dormitory", "dormitory", True),
        ("accounting", "accounting", False),
    ]


def test_create_and_update_unit(superadmin):
    unit = services.create_unit(
        actor=superadmin, code="sport", name_uz="Sport klubi", role="accounting", order=40, is_active=True
    )
    services.update_unit(unit=unit, actor=superadmin, is_active=False, name_en="Sports club")
    unit.refresh_from_db()
    assert (unit.is_active, unit.name_en) == (False, "Sports club")
    event = AuditEvent.objects.get(action="graduation.unit.updated")
    assert event.data == {
        "before": {"is_active": True, "name_en": ""},
        "after": {"is_active": False, "name_en": "Sports club"},
    }


def test_create_unit_refused_for_a_taken_code_or_unknown_role(superadmin):
    messages = refused(
        lambda: services.create_unit(actor=superadmin, code="library", name_uz="X", role="library", order=1),
        "code",
    )
    assert messages == ["Clearance unit with this Code already exists."]
    messages = refused(
        lambda: services.create_unit(actor=superadmin, code="x", name_uz="X", role="teacher", order=1), "role"
    )
    assert messages == ["Value 'teacher' is not a valid choice."]


# --- the diploma ------------------------------------------------------------------------------------


def test_record_diploma(alice, diploma_clerk):
    diploma = services.record_diploma(
        student=alice, series=" ab ", number="1234567", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    assert (diploma.series, diploma.number, diploma.registered_by) == ("AB", "1234567", diploma_clerk)
    assert AuditEvent.objects.get(action="graduation.diploma.recorded").data["after"] == {
        "series": "AB",
        "number": "1234567",
        "issued_on": "2026-06-30",
    }


def test_record_diploma_refusals(alice, bob, diploma_clerk):
    today = dt.date(2026, 7, 1)
    services.record_diploma(
        student=alice, series="AB", number="1", issued_on=today, actor=diploma_clerk, today=today
    )
    assert refused(
        lambda: services.record_diploma(
            student=bob,
            series="AB",
            number="2",
            issued_on=dt.date(2026, 7, 2),
            actor=diploma_clerk,
            today=today,
        ),
        "issued_on",
    ) == ["The date of issue cannot be in the future."]
    assert refused(
        lambda: services.record_diploma(
            student=alice, series="AB", number="2", issued_on=today, actor=diploma_clerk, today=today
        ),
        "student",
    ) == ["The diploma of Abdullayeva Alisa is already recorded."]
    assert refused(
        lambda: services.record_diploma(
            student=bob, series="ab", number="1", issued_on=today, actor=diploma_clerk, today=today
        ),
        "number",
    ) == ["Diploma AB 1 is already recorded."]
