"""The individual plan: an open item per debt (re-sit, or paid re-study once the 2nd and 3rd statements
are used), its refusals with nothing changed, the group's plans at once, cancelling, and clearing the
items whose record passes — set-based."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from hemis.audit.models import AuditEvent
from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus
from hemis.grading.models import AcademicRecord, PlanItem
from hemis.grading.services import plans
from hemis.schedule.enums import Attempt
from hemis.students.models import Student, StudentStatus
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import record

D = dt.date
TODAY = D(2027, 6, 20)
DUE = D(2027, 9, 15)


def state():
    return (
        list(
            PlanItem.objects.order_by("pk").values(
                "student", "curriculum_subject", "way", "status", "cleared_on"
            )
        ),
        AuditEvent.objects.count(),
    )


def items_of(student):
    return list(
        PlanItem.objects.filter(student=student)
        .order_by("curriculum_subject__subject__code")
        .values_list("curriculum_subject__subject__code", "debt", "way", "due_date", "status")
    )


def test_plan_has_an_open_resit_item_per_debt(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    record(grading, s, RecordStatus.BARRED, cs=grading.physics_cs)
    created = plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    assert len(created) == 2
    assert items_of(s) == [
        ("FIZ204", "barred", "resit", DUE, "open"),
        ("MAT204", "failed", "resit", DUE, "open"),
    ]
    events = AuditEvent.objects.filter(action="grading.plan_item.created")
    assert events.count() == 2
    assert {e.data["after"]["debt"] for e in events} == {"barred", "failed"}


def test_a_subject_whose_resits_are_used_is_planned_for_restudy(grading, dean_chemistry):
    w = grading.world
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    record(grading, s, RecordStatus.FAILED, cs=grading.physics_cs)
    for attempt in (Attempt.FIRST, Attempt.SECOND, Attempt.THIRD):
        make_statement(w, attempt=attempt, students=[s], points={s: 10})
    make_statement(w, subject="FIZ204", attempt=Attempt.SECOND, students=[s], points={s: 10})
    plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    assert [(code, way) for code, _d, way, _due, _s in items_of(s)] == [
        ("FIZ204", "resit"),
        ("MAT204", "restudy"),
    ]


def test_a_resit_asked_for_a_subject_whose_resits_are_used_is_refused(grading, dean_chemistry):
    w = grading.world
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    for attempt in (Attempt.SECOND, Attempt.THIRD):
        make_statement(w, attempt=attempt, students=[s], points={s: 10})
    before = state()
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(
            student=s,
            actor=dean_chemistry,
            due_date=DUE,
            way_by_subject={grading.math_cs.pk: ClearingWay.RESIT},
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "way": [
            "The 2nd and 3rd statements of Oliy matematika are used: only paid re-study clears this debt."
        ]
    }
    assert state() == before


def test_the_way_chosen_for_a_subject_is_kept(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.MISSING)
    plans.create_plan(
        student=s,
        actor=dean_chemistry,
        due_date=DUE,
        way_by_subject={grading.math_cs: "restudy"},  # the curriculum subject or its pk
        today=TODAY,
    )
    assert items_of(s) == [("MAT204", "missing", "restudy", DUE, "open")]


@pytest.mark.parametrize(
    ("due", "debt", "message"),
    [
        (D(2027, 6, 19), True, {"due_date": ["The due date 19.06.2027 is in the past."]}),
        (DUE, False, {"student": ["Aliyev0 Gulnoza has no academic debts."]}),
    ],
)
def test_a_past_due_date_or_no_debts_is_refused(grading, dean_chemistry, due, debt, message):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED if debt else RecordStatus.PASSED)
    before = state()
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(student=s, actor=dean_chemistry, due_date=due, today=TODAY)
    assert refused.value.message_dict == message
    assert state() == before


def test_a_duplicate_open_item_is_refused(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    before = state()
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    assert refused.value.message_dict == {
        "student": ["Every debt of Aliyev0 Gulnoza already has an open item in the plan."]
    }
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(
            student=s,
            actor=dean_chemistry,
            due_date=DUE,
            way_by_subject={grading.math_cs.pk: "restudy"},
            today=TODAY,
        )
    assert refused.value.message_dict == {"way": ["Oliy matematika already has an open item in the plan."]}
    assert state() == before


def test_a_new_debt_is_added_beside_the_open_items(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    record(grading, s, RecordStatus.MISSING, cs=grading.physics_cs)
    added = plans.create_plan(student=s, actor=dean_chemistry, due_date=D(2027, 10, 1), today=TODAY)
    assert [i.curriculum_subject for i in added] == [grading.physics_cs]
    assert PlanItem.objects.filter(student=s, status="open").count() == 2


def test_group_plans_cover_every_uncovered_debt_at_once(
    grading, dean_chemistry, django_assert_max_num_queries
):
    w = grading.world
    s = grading.students()
    record(grading, s[0], RecordStatus.FAILED)
    record(grading, s[1], RecordStatus.MISSING)
    record(grading, s[1], RecordStatus.BARRED, cs=grading.physics_cs)
    record(grading, s[2], RecordStatus.PASSED)
    record(grading, grading.students("KT-22")[0], RecordStatus.FAILED)
    plans.create_plan(student=s[0], actor=dean_chemistry, due_date=D(2027, 7, 1), today=TODAY)
    with django_assert_max_num_queries(14):  # whatever the number of students: no loop per student
        created = plans.create_group_plans(group=w.kt21, actor=dean_chemistry, due_date=DUE, today=TODAY)
    assert sorted((i.student.last_name, i.curriculum_subject.subject.code, i.debt) for i in created) == [
        ("Aliyev1", "FIZ204", "barred"),
        ("Aliyev1", "MAT204", "missing"),
    ]
    assert PlanItem.objects.count() == 3  # Aliyev0's earlier item, and KT-22's student untouched


def test_group_plans_leave_out_a_student_who_is_not_studying(grading, dean_chemistry):
    s = grading.students()
    record(grading, s[0], RecordStatus.FAILED)
    record(grading, s[1], RecordStatus.FAILED)
    Student.objects.filter(pk=s[1].pk).update(status=StudentStatus.ACADEMIC_LEAVE)  # still in KT-21
    created = plans.create_group_plans(
        group=grading.world.kt21, actor=dean_chemistry, due_date=DUE, today=TODAY
    )
    assert [i.student for i in created] == [s[0]]


def test_group_plans_refused_when_nothing_is_uncovered(grading, dean_chemistry):
    before = state()
    with pytest.raises(ValidationError) as refused:
        plans.create_group_plans(group=grading.world.kt21, actor=dean_chemistry, due_date=DUE, today=TODAY)
    assert refused.value.message_dict == {"group": ["No student of KT-21 has a debt without a plan."]}
    assert state() == before


def test_cancel_an_open_item_once(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    [item] = plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    plans.cancel_item(item=item, actor=dean_chemistry, note="Transferred")
    item.refresh_from_db()
    assert (item.status, item.note) == (PlanItemStatus.CANCELLED, "Transferred")
    event = AuditEvent.objects.get(action="grading.plan_item.cancelled")
    assert event.data == {
        "before": {"status": "open"},
        "after": {"status": "cancelled", "note": "Transferred"},
    }
    before = state()
    with pytest.raises(ValidationError) as refused:
        plans.cancel_item(item=item, actor=dean_chemistry)
    assert refused.value.message_dict == {"status": ["Only an open item of the plan can be cancelled."]}
    assert state() == before
    # Cancelled, the debt may be planned again.
    assert len(plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)) == 1


def test_clear_items_clears_the_passed_ones_only(grading, dean_chemistry, django_assert_num_queries):
    s = grading.students()
    for student in s[:3]:
        record(grading, student, RecordStatus.FAILED)
        plans.create_plan(student=student, actor=dean_chemistry, due_date=DUE, today=TODAY)
    AcademicRecord.objects.filter(student__in=s[:2]).update(status=RecordStatus.PASSED, score=70)
    # the items, the update, the audit chain's last hash and the event (and the service's savepoint
    # and its release); PostgreSQL takes the audit chain's advisory lock too
    with django_assert_num_queries(6 + (connection.vendor == "postgresql")):
        assert plans.clear_items(today=D(2027, 9, 1)) == 2
    assert list(PlanItem.objects.order_by("student__last_name").values_list("status", "cleared_on")) == [
        ("cleared", D(2027, 9, 1)),
        ("cleared", D(2027, 9, 1)),
        ("open", None),
    ]
    assert plans.clear_items(today=D(2027, 9, 2)) == 0


def test_clear_items_of_the_students_given(grading, dean_chemistry):
    s = grading.students()
    for student in s[:2]:
        record(grading, student, RecordStatus.FAILED)
        plans.create_plan(student=student, actor=dean_chemistry, due_date=DUE, today=TODAY)
    AcademicRecord.objects.update(status=RecordStatus.PASSED)
    assert plans.clear_items(student_ids=[s[1].pk], today=TODAY) == 1
    assert PlanItem.objects.get(student=s[0]).status == "open"
    assert PlanItem.objects.get(student=s[1]).status == "cleared"


def test_planning_clears_the_items_whose_record_passed_since(grading, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    [old] = plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=TODAY)
    AcademicRecord.objects.filter(student=s).update(status=RecordStatus.PASSED)
    record(grading, s, RecordStatus.FAILED, cs=grading.physics_cs)
    plans.create_plan(student=s, actor=dean_chemistry, due_date=DUE, today=D(2027, 6, 25))
    old.refresh_from_db()
    assert (old.status, old.cleared_on) == (PlanItemStatus.CLEARED, D(2027, 6, 25))
    assert items_of(s)[0][0::4] == ("FIZ204", "open")
