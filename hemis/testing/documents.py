"""The documents tests' world: the grading world (``hemis.testing.grading``) where two students of KT-21
have logins and grades — ``a`` Oʻrinboyeva Gulnoza Gʻayratovna (Mathematics 86, Physics 71), ``b``
Петрова Анна (Mathematics 75, Physics 40 failed, planned for a re-sit) — an applied transfer order moving
``a`` from KT-21 to KT-22, and the dean of the chemistry faculty (the fixture ``dean_chemistry``)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from hemis.grading.enums import ClearingWay, RecordStatus
from hemis.grading.models import PlanItem
from hemis.grading.services.gpa import recompute_gpa
from hemis.grading.services.records import refresh_records
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.students.models import Student, StudentStatus
from hemis.testing import factories as f
from hemis.testing.grading_records import grade
from hemis.testing.schedule import with_login

LATER = dt.date(2028, 3, 1)


@dataclass
class Docs:
    grading: object
    a: Student
    b: Student
    order: Order


def build_docs(grading) -> Docs:
    w = grading.world
    a, b = grading.students()[:2]
    # Their contacts are in, so the first log-in asks nothing of them.
    Student.objects.filter(pk=a.pk).update(
        last_name="Oʻrinboyeva",
        first_name="Gulnoza",
        patronymic="Gʻayratovna",
        email="gulnoza@example.uz",
        phone="+998901112233",
    )
    Student.objects.filter(pk=b.pk).update(
        last_name="Петрова", first_name="Анна", patronymic="", email="anna@example.uz", phone="+998901112244"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    grade(w, "MAT204", {a: 86, b: 75})
    grade(w, "FIZ204", {a: 71, b: 40})
    refresh_records(today=LATER)
    recompute_gpa()
    PlanItem.objects.create(
        student=b,
        curriculum_subject=grading.physics_cs,
        debt=RecordStatus.FAILED,
        way=ClearingWay.RESIT,
        due_date=dt.date(2028, 3, 20),
    )
    for student, username in ((a, "student_a"), (b, "student_b")):
        f.grant(with_login(student, username), "student")
    order = Order.objects.create(
        kind=OrderKind.TRANSFER,
        number="45-T",
        date=dt.date(2026, 10, 1),
        faculty=w.faculty,
        title="Guruhdan guruhga oʻtkazish",
        status=OrderStatus.APPLIED,
        applied_at=timezone.now(),
    )
    OrderItem.objects.create(
        order=order,
        student=a,
        target_group=w.kt22,
        group_before=w.kt21,
        group_after=w.kt22,
        status_before=StudentStatus.STUDYING,
        status_after=StudentStatus.STUDYING,
        course_before=2,
        course_after=2,
    )
    return Docs(grading=grading, a=a, b=b, order=order)


@pytest.fixture
def docs(grading) -> Docs:
    return build_docs(grading)
