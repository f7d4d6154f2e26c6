"""Student orders: every kind of movement, the refused transitions, applying, editing and reversing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.movements import selectors, services
from hemis.movements.enums import ExpelReason, LeaveReason, OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.tests.conftest import apply, student
from hemis.students.models import Student, StudentStatus

D = dt.date
K = OrderKind
S = StudentStatus


def state(s: Student) -> tuple:
    s.refresh_from_db()
    return (s.status, s.group.name if s.group else None, s.course, s.is_graduate)


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    return info.value


def test_course_transfer_moves_to_the_next_course_and_group(chem, dean):
    s = student(chem["groups"][2])
    order = apply(dean, chem["faculty"], K.COURSE_TRANSFER, s, target_group=chem["groups"][3])
    assert state(s) == (S.STUDYING, "KT-11-23", 3, False)
    assert s.group_assigned_at == order.applied_at
    (item,) = order.items.all()
    assert (item.status_before, item.group_before.name, item.course_before) == (S.STUDYING, "KT-11-24", 2)
    assert (item.status_after, item.group_after.name, item.course_after) == (S.STUDYING, "KT-11-23", 3)
    assert (order.status, order.applied_by) == (OrderStatus.APPLIED, dean)


def test_course_transfer_without_a_group_keeps_the_group(chem, dean):
    s = student(chem["groups"][2])
    apply(dean, chem["faculty"], K.COURSE_TRANSFER, s)
    assert state(s) == (S.STUDYING, "KT-11-24", 3, False)
    assert s.group_assigned_at is None


def test_course_transfer_is_refused_in_the_final_course_and_to_a_wrong_group(chem, dean):
    final = student(chem["groups"][4], last_name="Aliyev")
    error = refused(apply, actor=dean, faculty=chem["faculty"], kind=K.COURSE_TRANSFER, who=final)
    assert error.message_dict == {
        "student": ["Aliyev Gulnoza is in the final course (4): there is no next course."]
    }
    s = student(chem["groups"][2], last_name="Boboyev")
    error = refused(
        apply,
        actor=dean,
        faculty=chem["faculty"],
        kind=K.COURSE_TRANSFER,
        who=s,
        number="2-T",
        target_group=chem["groups"][4],
    )
    assert error.message_dict == {"target_group": ["Boboyev Gulnoza: the group KT-11-22 is not of course 3."]}
    assert (state(final), state(s)) == (
        (S.STUDYING, "KT-11-22", 4, False),
        (S.STUDYING, "KT-11-24", 2, False),
    )
    assert not OrderItem.objects.exists()


def test_repeat_course_needs_another_group_of_the_same_course(chem, dean):
    s = student(chem["groups"][2])
    same = refused(
        apply,
        actor=dean,
        faculty=chem["faculty"],
        kind=K.REPEAT_COURSE,
        who=s,
        target_group=chem["groups"][2],
    )
    assert same.message_dict == {
        "target_group": ["Karimova Gulnoza: the group KT-11-24 is the student's current group."]
    }
    missing = refused(apply, actor=dean, faculty=chem["faculty"], kind=K.REPEAT_COURSE, who=s, number="2-T")
    assert missing.message_dict == {
        "target_group": ["Karimova Gulnoza: this field is required for this order."]
    }
    apply(dean, chem["faculty"], K.REPEAT_COURSE, s, number="3-T", target_group=chem["groups"]["2b"])
    assert state(s) == (S.STUDYING, "KT-12-24", 2, False)


def test_expulsion_needs_a_reason_and_takes_the_student_out_of_the_group(chem, dean):
    s = student(chem["groups"][2])
    error = refused(apply, actor=dean, faculty=chem["faculty"], kind=K.EXPULSION, who=s)
    assert error.message_dict == {
        "expel_reason": ["Karimova Gulnoza: this field is required for this order."]
    }
    order = apply(dean, chem["faculty"], K.EXPULSION, s, number="2-T", expel_reason=ExpelReason.OWN_WISH)
    assert state(s) == (S.EXPELLED, None, 2, False)
    assert order.items.get().group_before == chem["groups"][2]
    again = refused(
        apply, actor=dean, faculty=chem["faculty"], kind=K.EXPULSION, who=s, number="3-T", expel_reason="11"
    )
    assert again.messages == [
        "Karimova Gulnoza is “Expelled”: an order of this kind cannot be applied to them."
    ]


def test_academic_mobility_records_the_host_and_keeps_the_state(chem, dean):
    s = student(chem["groups"][2])
    error = refused(apply, actor=dean, faculty=chem["faculty"], kind=K.ACADEMIC_MOBILITY, who=s)
    assert list(error.message_dict) == ["host_institution"]
    order = apply(
        dean,
        chem["faculty"],
        K.ACADEMIC_MOBILITY,
        s,
        number="2-T",
        host_institution="Warsaw University of Technology",
    )
    assert state(s) == (S.STUDYING, "KT-11-24", 2, False)
    assert order.items.get().host_institution == "Warsaw University of Technology"


def test_academic_leave_and_return(chem, dean):
    s = student(chem["groups"][2])
    early = refused(
        apply,
        actor=dean,
        faculty=chem["faculty"],
        kind=K.ACADEMIC_LEAVE,
        who=s,
        leave_reason=LeaveReason.HEALTH,
        leave_until=D(2025, 9, 1),
    )
    assert early.message_dict == {
        "leave_until": ["Karimova Gulnoza: the leave must end after the order date."]
    }
    apply(
        dean, chem["faculty"], K.ACADEMIC_LEAVE, s, number="2-T", leave_reason="12", leave_until=D(2026, 9, 1)
    )
    assert state(s) == (S.ACADEMIC_LEAVE, "KT-11-24", 2, False)
    apply(dean, chem["faculty"], K.RETURN_FROM_LEAVE, s, number="3-T", target_group=chem["groups"]["2b"])
    assert state(s) == (S.STUDYING, "KT-12-24", 2, False)
    not_on_leave = refused(
        apply, actor=dean, faculty=chem["faculty"], kind=K.RETURN_FROM_LEAVE, who=s, number="4-T"
    )
    assert not_on_leave.messages == [
        "Karimova Gulnoza is “Studying”: an order of this kind cannot be applied to them."
    ]


def test_reinstatement_needs_a_group_and_takes_its_course(chem, dean):
    s = student(chem["groups"][2])
    studying = refused(
        apply,
        actor=dean,
        faculty=chem["faculty"],
        kind=K.REINSTATEMENT,
        who=s,
        target_group=chem["groups"][1],
    )
    assert studying.messages == [
        "Karimova Gulnoza is “Studying”: an order of this kind cannot be applied to them."
    ]
    apply(dean, chem["faculty"], K.EXPULSION, s, number="2-T", expel_reason="15")
    apply(dean, chem["faculty"], K.REINSTATEMENT, s, number="3-T", target_group=chem["groups"][1])
    assert state(s) == (S.STUDYING, "KT-11-25", 1, False)


def test_transfer_to_another_programme_of_the_faculty_and_not_to_another_faculty(chem, dean, uni):
    from hemis.testing import factories as f

    other = f.GroupFactory(faculty=chem["faculty"], name="BT-11-24", course=2)
    s = student(chem["groups"][2])
    across = refused(
        apply, actor=dean, faculty=chem["faculty"], kind=K.TRANSFER, who=s, target_group=uni["econ_group"]
    )
    assert across.message_dict == {
        "target_group": [
            "Karimova Gulnoza: the group IQ-21-24 is of another faculty. A transfer between faculties is two "
            "orders: expulsion by transfer here and reinstatement there."
        ]
    }
    apply(dean, chem["faculty"], K.TRANSFER, s, number="2-T", target_group=other)
    assert state(s) == (S.STUDYING, "BT-11-24", 2, False)
    assert s.programme == other.programme != chem["programme"]


def test_graduate_status_graduation_and_completion(chem, dean):
    s = student(chem["groups"][4], last_name="Aliyev")
    early = refused(apply, actor=dean, faculty=chem["faculty"], kind=K.GRADUATION, who=s)
    assert early.messages == ["Aliyev Gulnoza has no graduate status: apply a graduate-status order first."]
    apply(dean, chem["faculty"], K.GRADUATE_STATUS, s, number="2-T")
    assert state(s) == (S.STUDYING, "KT-11-22", 4, True)
    apply(dean, chem["faculty"], K.GRADUATION, s, number="3-T")
    assert state(s) == (S.GRADUATED, "KT-11-22", 4, True)
    second_year = student(chem["groups"][2], last_name="Boboyev")
    not_final = refused(
        apply, actor=dean, faculty=chem["faculty"], kind=K.COMPLETION, who=second_year, number="4-T"
    )
    assert not_final.messages == ["Boboyev Gulnoza is in course 2, not in the final course."]
    other = student(chem["groups"][4], last_name="Valiyev")
    apply(dean, chem["faculty"], K.COMPLETION, other, number="5-T")
    assert state(other) == (S.OTHER, "KT-11-22", 4, False)


def test_status_follows_the_last_applied_order(chem, dean):
    s = student(chem["groups"][2])
    steps = [
        (K.ACADEMIC_LEAVE, {"leave_reason": "11"}, S.ACADEMIC_LEAVE),
        (K.RETURN_FROM_LEAVE, {}, S.STUDYING),
        (K.EXPULSION, {"expel_reason": "16"}, S.EXPELLED),
        (K.REINSTATEMENT, {"target_group": chem["groups"][2]}, S.STUDYING),
    ]
    for n, (kind, fields, expected) in enumerate(steps):
        apply(dean, chem["faculty"], kind, s, number=f"{n}-T", date=D(2025, 9, 1 + n), **fields)
        s.refresh_from_db()
        assert s.status == expected
    history = selectors.student_history(s)
    assert [(i.order.kind, i.status_before, i.status_after) for i in history] == [
        (K.ACADEMIC_LEAVE, S.STUDYING, S.ACADEMIC_LEAVE),
        (K.RETURN_FROM_LEAVE, S.ACADEMIC_LEAVE, S.STUDYING),
        (K.EXPULSION, S.STUDYING, S.EXPELLED),
        (K.REINSTATEMENT, S.EXPELLED, S.STUDYING),
    ]


def test_student_history_is_one_query(chem, dean, django_assert_num_queries):
    s = student(chem["groups"][2])
    apply(dean, chem["faculty"], K.ACADEMIC_LEAVE, s, leave_reason="11")
    apply(dean, chem["faculty"], K.RETURN_FROM_LEAVE, s, number="2-T")
    with django_assert_num_queries(1):
        history = selectors.student_history(s)
        assert [(i.order.number, i.group_after.name) for i in history] == [
            ("1-T", "KT-11-24"),
            ("2-T", "KT-11-24"),
        ]


def test_applying_twice_and_editing_after_applying_are_refused(chem, dean):
    s = student(chem["groups"][2])
    order = apply(dean, chem["faculty"], K.ACADEMIC_LEAVE, s, leave_reason="11")
    events = AuditEvent.objects.count()
    twice = refused(services.apply_order, actor=dean, order=order)
    assert twice.messages == ["Order № 1-T is already applied."]
    applied = "Order № 1-T is already applied: an applied order is never changed, only reversed."
    assert refused(
        services.update_order, actor=dean, order=order, number="9", date=D(2025, 9, 2)
    ).messages == [applied]
    assert refused(services.delete_order, actor=dean, order=order).messages == [applied]
    other = student(chem["groups"][2], last_name="Boboyev")
    assert refused(services.add_item, actor=dean, order=order, student=other, leave_reason="11").messages == [
        applied
    ]
    assert refused(services.remove_item, actor=dean, item=order.items.get()).messages == [applied]
    order.refresh_from_db()
    assert (order.number, order.items.count(), AuditEvent.objects.count()) == ("1-T", 1, events)


def test_an_order_without_students_and_a_student_twice_are_refused(chem, dean):
    s = student(chem["groups"][2])
    order = services.prepare_order(
        actor=dean, kind=K.ACADEMIC_LEAVE, number="1", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    empty = refused(services.apply_order, actor=dean, order=order)
    assert empty.messages == ["The order has no students: add at least one before applying it."]
    services.add_item(actor=dean, order=order, student=s, leave_reason="11")
    twice = refused(services.add_item, actor=dean, order=order, student=s, leave_reason="12")
    assert twice.message_dict == {
        "student": ["Karimova Gulnoza is already in this order: a student appears in an order once."]
    }


def test_an_item_valid_when_added_is_checked_again_when_applied(chem, dean):
    """Two prepared leave orders for one student: the second is refused once the first is applied."""
    s = student(chem["groups"][2], last_name="Aliyev")
    ok = student(chem["groups"][2], last_name="Boboyev")
    first = services.prepare_order(
        actor=dean, kind=K.ACADEMIC_LEAVE, number="1", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    second = services.prepare_order(
        actor=dean, kind=K.ACADEMIC_LEAVE, number="2", date=D(2025, 9, 2), faculty=chem["faculty"]
    )
    services.add_item(actor=dean, order=first, student=s, leave_reason="11")
    services.add_item(actor=dean, order=second, student=ok, leave_reason="11")
    services.add_item(actor=dean, order=second, student=s, leave_reason="12")
    services.apply_order(actor=dean, order=first)
    error = refused(services.apply_order, actor=dean, order=second)
    assert error.messages == [
        "Aliyev Gulnoza is “Academic leave”: an order of this kind cannot be applied to them."
    ]
    second.refresh_from_db()
    assert (second.status, state(ok)) == (OrderStatus.DRAFT, (S.STUDYING, "KT-11-24", 2, False))


def test_one_audit_event_lists_the_students(chem, dean):
    a, b = student(chem["groups"][2], last_name="Aliyev"), student(chem["groups"][2], last_name="Boboyev")
    order = services.prepare_order(
        actor=dean, kind=K.COURSE_TRANSFER, number="7", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    services.add_item(actor=dean, order=order, student=a, target_group=chem["groups"][3])
    services.add_item(actor=dean, order=order, student=b)
    services.apply_order(actor=dean, order=order)
    (event,) = AuditEvent.objects.filter(action="movements.order.applied")
    assert event.data["students"] == [
        {
            "student": a.student_id_number,
            "status": ["11", "11"],
            "group": ["KT-11-24", "KT-11-23"],
            "course": [2, 3],
        },
        {
            "student": b.student_id_number,
            "status": ["11", "11"],
            "group": ["KT-11-24", "KT-11-24"],
            "course": [2, 3],
        },
    ]


def test_bad_order_details_are_refused_on_their_fields(chem, dean):
    services.prepare_order(
        actor=dean, kind=K.EXPULSION, number="5", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    error = refused(
        services.prepare_order,
        actor=dean,
        kind=K.EXPULSION,
        number="5",
        date=D(2025, 9, 1),
        faculty=chem["faculty"],
    )
    assert error.message_dict == {"number": ["The faculty already has an order with this number and date."]}
    error = refused(
        services.prepare_order,
        actor=dean,
        kind=K.REVERSAL,
        number="6",
        date=D(2099, 1, 1),
        faculty=chem["faculty"],
    )
    assert set(error.message_dict) == {"kind", "date"}
    assert Order.objects.count() == 1


def test_a_student_of_another_faculty_cannot_be_added(chem, dean, uni):
    econ_student = student(uni["econ_group"])
    order = services.prepare_order(
        actor=dean, kind=K.EXPULSION, number="1", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    error = refused(services.add_item, actor=dean, order=order, student=econ_student, expel_reason="11")
    assert error.message_dict == {
        "student": ["Karimova Gulnoza is not a student of the faculty of this order."]
    }
    assert not order.items.exists()


def test_reversal_restores_the_state_before_the_order(chem, dean):
    s = student(chem["groups"][2])
    order = apply(dean, chem["faculty"], K.TRANSFER, s, target_group=chem["groups"]["2b"])
    reversal = services.prepare_reversal(actor=dean, order=order, number="1-R", date=D(2025, 9, 5))
    assert [i.student for i in reversal.items.all()] == [s]
    services.apply_order(actor=dean, order=reversal)
    assert state(s) == (S.STUDYING, "KT-11-24", 2, False)
    assert selectors.student_history(s)[-1].status_after == S.STUDYING
    again = refused(services.prepare_reversal, actor=dean, order=order, number="2-R", date=D(2025, 9, 6))
    assert again.messages == ["Order № 1-T already has a reversal: order № 1-R."]
    of_reversal = refused(
        services.prepare_reversal, actor=dean, order=reversal, number="3-R", date=D(2025, 9, 6)
    )
    assert of_reversal.messages == ["A reversal is not itself reversed: prepare a new order instead."]


def test_reversal_is_refused_when_a_later_order_changed_the_student(chem, dean):
    s = student(chem["groups"][2])
    leave = apply(dean, chem["faculty"], K.ACADEMIC_LEAVE, s, leave_reason="11")
    apply(dean, chem["faculty"], K.EXPULSION, s, number="2-T", expel_reason="11")
    reversal = services.prepare_reversal(actor=dean, order=leave, number="1-R", date=D(2025, 9, 5))
    error = refused(services.apply_order, actor=dean, order=reversal)
    assert error.messages == [
        "Karimova Gulnoza was changed by a later order: that order must be reversed first."
    ]
    assert state(s) == (S.EXPELLED, None, 2, False)
    reversal.refresh_from_db()
    assert reversal.status == OrderStatus.DRAFT
    draft = services.prepare_order(
        actor=dean, kind=K.EXPULSION, number="3", date=D(2025, 9, 1), faculty=chem["faculty"]
    )
    not_applied = refused(
        services.prepare_reversal, actor=dean, order=draft, number="4-R", date=D(2025, 9, 6)
    )
    assert not_applied.messages == ["Only an applied order can be reversed."]


def test_reversal_items_cannot_be_changed_and_its_date_follows_the_order(chem, dean):
    s = student(chem["groups"][2])
    order = apply(dean, chem["faculty"], K.ACADEMIC_LEAVE, s, date=D(2025, 9, 10), leave_reason="11")
    early = refused(services.prepare_reversal, actor=dean, order=order, number="1-R", date=D(2025, 9, 9))
    assert early.message_dict == {"date": ["A reversal cannot be dated before the order it reverses."]}
    reversal = services.prepare_reversal(actor=dean, order=order, number="1-R", date=D(2025, 9, 10))
    message = ["The students of a reversal are those of the order it reverses."]
    assert refused(services.remove_item, actor=dean, item=reversal.items.get()).messages == message
    assert refused(services.add_item, actor=dean, order=reversal, student=s).messages == message
