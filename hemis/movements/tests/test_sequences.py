"""Random sequences of orders: a student's state is always that of their latest applied item, and a
refused order changes nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from hemis.movements import selectors, services
from hemis.movements.enums import OrderKind
from hemis.movements.models import OrderItem
from hemis.students.models import Group, Student
from hemis.testing import factories as f

KINDS = [k for k in OrderKind.values if k != OrderKind.ADMISSION]
FIELDS = {"expel_reason": "11", "leave_reason": "12", "host_institution": "Universität Wien"}


def _world():
    faculty = f.faculty("F-CHEM", "Kimyo texnologiyasi fakulteti")
    actor = f.UserFactory(username="dean_chem")
    f.grant(actor, "dean", faculty)
    programme = f.ProgrammeFactory(faculty=faculty, duration_years=3)
    groups = [
        Group.objects.create(
            name=f"KT-{c}{n}", programme=programme, faculty=faculty, intake_year=2025 - c, course=c
        )
        for c in (1, 2, 3)
        for n in (1, 2)
    ]
    student = f.StudentFactory(group=groups[0])
    return actor, faculty, groups, student


def _state(student: Student) -> tuple:
    student.refresh_from_db()
    return (student.status, student.group_id, student.course, student.is_graduate, student.programme_id)


def _run(actor, faculty, student, kind, group, n, last_applied):
    date = dt.date(2020, 1, 1) + dt.timedelta(days=n)
    if kind == OrderKind.REVERSAL:
        if last_applied is None:
            return None
        order = services.prepare_reversal(actor=actor, order=last_applied, number=f"R{n}", date=date)
    else:
        order = services.prepare_order(actor=actor, kind=kind, number=str(n), date=date, faculty=faculty)
        services.add_item(actor=actor, order=order, student=student, target_group=group, **FIELDS)
    return services.apply_order(actor=actor, order=order)


class OrderSequences(TestCase):
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(-1, 5)), min_size=1, max_size=8))
    def test_status_follows_the_latest_applied_item(self, steps):
        actor, faculty, groups, student = _world()
        last_applied = None
        for n, (kind, group_index) in enumerate(steps):
            group = groups[group_index] if group_index >= 0 else None
            before, applied_before = (
                _state(student),
                OrderItem.objects.filter(order__status="applied").count(),
            )
            try:
                order = _run(actor, faculty, student, kind, group, n, last_applied)
            except ValidationError:
                assert _state(student) == before
                assert OrderItem.objects.filter(order__status="applied").count() == applied_before
                continue
            if order is not None:
                last_applied = order
            history = selectors.student_history(student)
            if history:
                latest = history[-1]
                expected = (
                    latest.status_after,
                    latest.group_after_id,
                    latest.course_after,
                    latest.graduate_after,
                )
                assert _state(student)[:4] == expected
