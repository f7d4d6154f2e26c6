"""Annex 5 items 4, 6 and 8 (academic groups) measured on prepared data (5-day week)."""

import datetime as dt

import pytest

from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.students.models import Group, GroupSubject, Student
from hemis.students.tests import builders as b

D = dt.date
TODAY = D(2026, 11, 30)


def results(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return res.rows


def rows(process_id, today=TODAY):
    return [
        (r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status)
        for r in results(process_id, today)
    ]


def entered(model, created, **filters):
    model.objects.filter(**filters).update(created_at=created)


# --- item 4 -------------------------------------------------------------------------------------


def test_p4_one_obligation_per_group_with_a_known_intake_year(university, uni, dean_chemistry):
    b.year_with_semesters(2025)
    b.group(uni["chem"], "KT-31-25", intake_year=2025, course=1)
    entered(Group, at(2025, 8, 15), name="KT-31-25")
    # KT-11-24 and IQ-21-24 (intake 2024) have no academic year 2024-2025 entered: not measured.
    result = results("annex5.p4")
    assert rows("annex5.p4") == [("Academic group KT-31-25", D(2025, 8, 18), D(2025, 8, 15), Status.ON_TIME)]
    assert (result[0].obligation.user, result[0].obligation.unit) == (dean_chemistry, uni["chem"])


def test_p4_late_and_before_launch(university, uni):
    b.year_with_semesters(2024)
    entered(Group, at(2024, 9, 10), name="KT-11-24")
    entered(Group, at(2024, 8, 1), name="IQ-21-24")
    assert rows("annex5.p4") == [
        ("Academic group IQ-21-24", D(2024, 8, 19), D(2024, 8, 1), Status.ON_TIME),
        ("Academic group KT-11-24", D(2024, 8, 19), D(2024, 9, 10), Status.LATE),
    ]
    university.launch_date = D(2025, 1, 6)
    university.save()
    assert rows("annex5.p4") == []


# --- item 6 -------------------------------------------------------------------------------------


def admission(faculty, number: str, date: dt.date, students, status=OrderStatus.APPLIED) -> Order:
    order = Order.objects.create(
        kind=OrderKind.ADMISSION,
        number=number,
        date=date,
        faculty=faculty,
        status=status,
        applied_at=at(date.year, date.month, date.day) if status == OrderStatus.APPLIED else None,
    )
    for student in students:
        OrderItem.objects.create(order=order, student=student)
    return order


def test_p6_one_obligation_per_admission_order(university, uni, dean_chemistry):
    prog = uni["chem_group"].programme
    grouped = b.student_without_group(prog, "Aliyev")
    waiting = b.student_without_group(prog, "Boboyev")
    early, late = b.student_without_group(prog, "Valiyev"), b.student_without_group(prog, "Gʻaniyev")
    Student.objects.filter(pk=grouped.pk).update(group=uni["chem_group"], group_assigned_at=at(2025, 8, 14))
    Student.objects.filter(pk=early.pk).update(group=uni["chem_group"], group_assigned_at=at(2025, 8, 15))
    Student.objects.filter(pk=late.pk).update(group=uni["chem_group"], group_assigned_at=at(2025, 8, 21))
    admission(uni["chem"], "120-T", D(2025, 8, 12), [grouped, waiting])
    admission(uni["chem"], "122-T", D(2025, 8, 12), [early, late])
    admission(
        uni["chem"], "121-T", D(2025, 8, 13), [b.student_without_group(prog, "Qodirov")], OrderStatus.DRAFT
    )
    result = results("annex5.p6")
    # 120-T still has a student without a group; 122-T was done when its last student got one.
    assert rows("annex5.p6") == [
        ("Admission order № 120-T: 2 students into groups", D(2025, 8, 19), None, Status.OVERDUE),
        ("Admission order № 122-T: 2 students into groups", D(2025, 8, 19), D(2025, 8, 21), Status.LATE),
    ]
    assert {(r.obligation.user, r.obligation.unit) for r in result} == {(dean_chemistry, uni["chem"])}


# --- item 8 -------------------------------------------------------------------------------------


def test_p8_per_active_group_and_semester_of_its_study_years(university, uni, dean_chemistry):
    prog = b.programme(uni["chem"], "60720100", duration=1)
    cur = b.curriculum(prog, 2025)
    group = b.group(uni["chem"], "KT-31-25", prog, intake_year=2025, course=1, curriculum=cur)
    closed = b.group(uni["chem"], "KT-32-25", prog, intake_year=2025, course=1, is_active=False)
    b.year_with_semesters(2024)  # before the intake: not measured
    autumn, spring = b.year_with_semesters(2025)
    b.year_with_semesters(2026)  # after a one-year programme: not measured
    Group.objects.filter(pk__in=[uni["chem_group"].pk, uni["econ_group"].pk]).update(is_active=False)
    first = b.curriculum_subject(cur, 1, "KIM101", uni["inorganic"])
    second = b.curriculum_subject(cur, 1, "KIM102", uni["inorganic"])
    GroupSubject.objects.create(group=group, curriculum_subject=first, semester=autumn)
    GroupSubject.objects.create(group=group, curriculum_subject=second, semester=autumn)
    entered(GroupSubject, at(2025, 8, 10), curriculum_subject=first)
    entered(GroupSubject, at(2025, 8, 25), curriculum_subject=second)
    assert closed.is_active is False
    assert rows("annex5.p8") == [
        (f"Subjects of group KT-31-25, {autumn}", D(2025, 8, 18), D(2025, 8, 25), Status.LATE),
        (f"Subjects of group KT-31-25, {spring}", D(2026, 1, 19), None, Status.OVERDUE),
    ]


# --- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 2])
def test_query_counts_are_constant(university, uni, dean_chemistry, django_assert_num_queries, extra):
    autumn, _spring = b.year_with_semesters(2024)
    prog = uni["chem_group"].programme
    cur = b.curriculum(prog, 2024)
    for n in range(1 + extra):
        group = b.group(uni["chem"], f"KT-9{n}-24", prog, intake_year=2024, course=1)
        student = b.student_without_group(prog, f"Talaba{n}")
        admission(uni["chem"], f"12{n}-T", D(2024, 8, 12), [student])
        cs = b.curriculum_subject(cur, 1, f"KIM10{n}", uni["inorganic"])
        GroupSubject.objects.create(group=group, curriculum_subject=cs, semester=autumn)
    context = engine.build_context(today=TODAY)
    with django_assert_num_queries(6):
        out = engine.evaluate(context=context, process_ids=["annex5.p4", "annex5.p6", "annex5.p8"])
    assert [len(r.rows) for r in out] == [3 + extra, 1 + extra, 2 * (3 + extra)]  # one admission order each
