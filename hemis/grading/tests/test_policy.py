"""Who reads and writes grading (hemis/access/policy/grading.py): an examiner their own statements; a
dean's office its faculty's statements, students, plans and re-study groups; the academic department
and management everything; a student themselves. Each case first creates what could leak: an economics
statement, student and re-study group beside the chemistry ones."""

import datetime as dt

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.grading.models import RestudyGroup, RestudyPeriod, Statement
from hemis.schedule.enums import ControlKind
from hemis.students.models import GroupSubject
from hemis.testing import factories as f
from hemis.testing.grading import make_statement
from hemis.testing.schedule import economics, with_login

D = dt.date


@pytest.fixture
def leaks(grading, uni):
    """An economics statement (Ergashev examining), student and re-study group, beside chemistry's."""
    world = grading.world
    other = economics(world, uni)
    ergashev, econ_student, accounting = other.teacher, other.student, other.subject
    binding = GroupSubject.objects.get(group=uni["econ_group"], curriculum_subject__subject=accounting)
    econ_statement = Statement.objects.create(
        faculty=uni["econ"],
        semester=world.semester,
        subject=accounting,
        group_subject=binding,
        control_kind=ControlKind.FINAL,
        control_date=D(2027, 6, 1),
        examiner=ergashev,
        max_points=50,
    )
    period = RestudyPeriod.objects.create(
        name="Yozgi qayta oʻqish", semester=world.semester, start_date=D(2027, 7, 1), end_date=D(2027, 7, 31)
    )
    restudy = {
        "chem": RestudyGroup.objects.create(
            period=period, faculty=uni["chem"], subject=world.math, name="QO-MAT", teacher=world.karimov
        ),
        "econ": RestudyGroup.objects.create(
            period=period, faculty=uni["econ"], subject=accounting, name="QO-BUX", teacher=ergashev
        ),
    }
    return {
        "econ_student": econ_student,
        "econ_statement": econ_statement,
        "math": make_statement(world),
        "physics": make_statement(world, subject="FIZ204", control_kind=ControlKind.MIDTERM),
        "restudy": restudy,
    }


def acting(user, role: str, unit=None):
    f.grant(user, role, unit)
    return build_principal(user, None)


def test_an_examiner_reaches_only_their_own_statements(grading, leaks):
    principal = acting(grading.karimov_user, "teacher", grading.world.department)
    assert list(policy.visible_statements(principal)) == [leaks["math"]]
    assert list(policy.gradable_statements(principal)) == [leaks["math"]]
    assert not policy.managed_statements(principal).exists()
    assert not policy.statement_group_subjects(principal).exists()
    assert list(policy.visible_restudy_groups(principal)) == [leaks["restudy"]["chem"]]
    assert not policy.managed_restudy_groups(principal).exists()
    assert not policy.grading_students(principal).exists()
    assert policy.can(principal, "grading.gpa.recompute") is False


def test_the_deans_office_manages_its_faculty_only(grading, leaks, uni, dean_chemistry):
    principal = acting(f.UserFactory(username="dean_grading"), "dean", uni["chem"])
    chemistry = {leaks["math"], leaks["physics"]}
    assert set(policy.visible_statements(principal)) == chemistry
    assert set(policy.managed_statements(principal)) == chemistry
    assert not policy.gradable_statements(principal).exists()  # the dean never grades
    assert set(policy.statement_group_subjects(principal)) == set(grading.world.bindings.values())
    assert list(policy.managed_restudy_groups(principal)) == [leaks["restudy"]["chem"]]
    assert leaks["econ_student"] not in policy.grading_students(principal)
    assert leaks["econ_student"] not in policy.plan_students(principal)
    assert set(policy.restudy_faculties(principal)) == {uni["chem"]}
    assert set(policy.grading_groups(principal)) == {
        uni["chem_group"],
        grading.world.kt21,
        grading.world.kt22,
    }


def test_the_academic_department_reads_everything_and_recomputes_the_gpa(grading, leaks, academic):
    principal = build_principal(academic, None)
    assert policy.visible_statements(principal).count() == 3
    assert not policy.managed_statements(principal).exists()
    assert leaks["econ_student"] in policy.grading_students(principal)
    assert policy.can(principal, "grading.gpa.recompute") is True
    assert not policy.plan_students(principal).exists()


def test_a_student_reaches_only_themselves(grading, leaks):
    first, second = grading.students()[:2]
    principal = acting(with_login(first, "student_first"), "student")
    assert list(policy.grading_students(principal)) == [first]
    assert second not in policy.grading_students(principal)
    assert not policy.visible_statements(principal).exists()
    assert not policy.visible_restudy_groups(principal).exists()
