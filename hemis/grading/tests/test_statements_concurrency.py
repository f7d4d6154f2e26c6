"""Two examiners' sessions saving the same line of a statement from the same version at once: exactly
one save goes through, the other is told who graded it and when, and nothing of it is written.
Transactional (the threads commit); run on PostgreSQL with ``scripts/with-postgres.sh``, where the two
saves truly run at once (SQLite runs them one after the other: the second meets the first's version)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.audit.models import AuditEvent
from hemis.grading.models import StatementLine
from hemis.grading.services import statements as services
from hemis.schedule.enums import ControlKind
from hemis.testing.concurrency import run_twice
from hemis.testing.grading import build_grading, make_statement

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_saves_of_one_line_at_once_let_exactly_one_through(world):
    grading = build_grading(world)
    student = grading.students()[0]
    statement = make_statement(world, control_kind=ControlKind.MIDTERM)
    actors = [grading.karimov_user, grading.rahimova_user]

    def save(i: int) -> int:
        translation.activate("en")  # a thread starts in the default language (Uzbek)
        return services.enter_grades(
            statement=statement,
            grades={student.pk: 10 + i},
            versions={student.pk: 0},
            actor=actors[i],
            today=dt.date(2027, 6, 1),
        )

    results, errors = run_twice(save)

    assert results == [1]
    assert [type(e) for e in errors] == [ValidationError]
    line = StatementLine.objects.select_related("graded_by").get(statement=statement, student=student)
    assert line.version == 1
    winner = actors.index(line.graded_by)
    assert line.points == 10 + winner
    message = errors[0].message_dict["version"][0]
    assert message.startswith(f"{line.graded_by.get_full_name()} graded {student.full_name} at ")
    assert message.endswith("Open it again to see their grades.")
    assert AuditEvent.objects.filter(action="grading.grade.changed").count() == 1
