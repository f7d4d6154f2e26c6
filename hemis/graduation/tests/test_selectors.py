"""The diploma gate (annex 13 item 9) and the lists: the gate opens only when the clearance sheet is fully
signed AND the diploma is marked issued, and says what is missing until then; the queue puts pending
lines first; the graduating students' list counts each sheet's lines."""

import datetime as dt

from hemis.graduation import selectors, services
from hemis.graduation.enums import LineState
from hemis.graduation.models import ClearanceLine
from hemis.students.models import Student


def gate_state(student):
    gate = selectors.diploma_gate(student)
    return gate.open, [(c.met, c.missing) for c in gate.conditions]


def test_the_gate_opens_only_when_both_conditions_hold(alice, librarian, warden, diploma_clerk):
    assert gate_state(alice) == (
        False,
        [
            (False, ["The clearance sheet is not opened."]),
            (False, ["The diploma department has not recorded the diploma yet."]),
        ],
    )
    sheet = services.open_sheet(student=alice, actor=alice.user)
    library, dormitory = sheet.lines.order_by("unit__order")
    services.refuse_line(line=library, actor=librarian, role="library", reason="Kitob qaytarilmagan")
    assert gate_state(alice)[1][0] == (
        False,
        ["Library: refused — Kitob qaytarilmagan", "Dormitory: not signed yet"],
    )
    services.record_diploma(
        student=alice, series="AB", number="7", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    assert gate_state(alice)[0] is False  # issued, but the sheet is not signed
    assert selectors.diploma_available(alice) is False
    services.report_settled(line=library, actor=alice.user)
    services.sign_line(line=library, actor=librarian, role="library")
    assert selectors.diploma_available(alice) is False  # the dormitory still pending
    services.sign_line(line=dormitory, actor=warden, role="dormitory")
    assert gate_state(alice) == (True, [(True, []), (True, [])])
    assert selectors.diploma_available(alice) is True


def test_the_gate_reads_the_sheet_its_lines_and_the_diploma_only(alice, django_assert_num_queries):
    services.open_sheet(student=alice, actor=alice.user)
    with django_assert_num_queries(3):  # not the lines' decisions: the gate does not show them
        selectors.diploma_gate(alice)


def test_a_signed_sheet_without_a_diploma_keeps_the_gate_closed(bob, librarian, warden):
    sheet = services.open_sheet(student=bob, actor=bob.user)
    library, dormitory = sheet.lines.order_by("unit__order")
    services.sign_line(line=library, actor=librarian, role="library")
    services.sign_line(line=dormitory, actor=warden, role="dormitory")
    assert gate_state(bob) == (
        False,
        [(True, []), (False, ["The diploma department has not recorded the diploma yet."])],
    )


def test_queue_pending_first(alice, bob, librarian):
    sheets = [services.open_sheet(student=s, actor=s.user) for s in (alice, bob)]
    first = sheets[0].lines.get(unit__code="library")
    services.sign_line(line=first, actor=librarian, role="library")
    rows = list(selectors.queue(ClearanceLine.objects.filter(unit__code="library")))
    assert [(r.sheet.student.last_name, r.state) for r in rows] == [
        ("Boboyev", LineState.PENDING),
        ("Abdullayeva", LineState.SIGNED),
    ]
    assert [
        r.sheet.student.last_name
        for r in selectors.queue(ClearanceLine.objects.all(), selectors.QueueFilter(state="signed"))
    ] == ["Abdullayeva"]
    assert [
        r.pk
        for r in selectors.queue(ClearanceLine.objects.all(), selectors.QueueFilter(search="400221100002"))
    ] == list(sheets[1].lines.order_by("unit__order").values_list("pk", flat=True))


def test_graduates_counts_and_states(alice, bob, charlie, librarian, warden, diploma_clerk):
    sheet = services.open_sheet(student=alice, actor=alice.user)
    for line, role, who in zip(
        sheet.lines.order_by("unit__order"), ("library", "dormitory"), (librarian, warden), strict=True
    ):
        services.sign_line(line=line, actor=who, role=role)
    services.open_sheet(student=bob, actor=bob.user)

    def listed(state=""):
        return [
            (s.last_name, s.line_count, s.signed_count)
            for s in selectors.graduates(Student.objects.all(), selectors.GraduatesFilter(state=state))
        ]

    assert listed() == [("Abdullayeva", 2, 2), ("Boboyev", 2, 0)]  # Charlie is not in the final course
    assert listed("signed") == [("Abdullayeva", 2, 2)]
    assert listed("open") == [("Boboyev", 2, 0)]
    assert listed("none") == []
    services.record_diploma(
        student=alice, series="AB", number="1", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    assert listed("issued") == [("Abdullayeva", 2, 2)]
    assert listed("signed") == []
