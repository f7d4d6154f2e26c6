"""Who reads and edits teaching (hemis/access/policy/teaching.py): a teacher their own loads, lessons
and works; a head of department its department's; a dean's office its faculty's; a student submits only
to their own group's assignments. Each case first creates what could leak: an economics load, lesson,
work and assignment beside the chemistry ones."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.curricula.enums import TrainingType
from hemis.curricula.models import CurriculumSubject
from hemis.schedule.models import TeachingLoad
from hemis.schedule.services.placement import Attendee
from hemis.teaching.enums import WorkKind
from hemis.teaching.models import Assignment, Work
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, economics, with_login

D = dt.date


@pytest.fixture
def leaks(world, uni, dean_chemistry):
    """An economics teacher with a load, a lesson, an assignment and a work, beside chemistry's."""
    other = economics(world, uni)
    ergashev, econ_student, accounting, econ = other.teacher, other.student, other.subject, uni["econ_group"]
    CurriculumSubject.objects.filter(subject=accounting).update(department=uni["accounting_dept"])
    dean_econ = f.UserFactory(username="dean_econ_teaching")
    f.grant(dean_econ, "dean", uni["econ"])
    econ_entry = add_entry(
        world,
        dean_econ,
        subject=accounting,
        teacher=ergashev,
        room=world.room204,
        weekday=2,
        attendees=[Attendee(econ)],
    )
    math_entry = add_entry(world, dean_chemistry)
    econ_load = TeachingLoad.objects.get(teacher=ergashev)
    karimov_load = TeachingLoad.objects.filter(teacher=world.karimov).order_by("pk").first()
    deadline = dt.datetime(2027, 3, 1, 18, 0, tzinfo=ZoneInfo("Asia/Tashkent"))
    assignments = {
        "econ": Assignment.objects.create(
            load=econ_load, title="E", deadline=deadline, max_points=Decimal(10)
        ),
        "karimov": Assignment.objects.create(
            load=karimov_load, title="K", deadline=deadline, max_points=Decimal(10)
        ),
    }
    works = {
        "econ": Work.objects.create(
            teacher=ergashev,
            department=uni["accounting_dept"],
            kind=WorkKind.RESEARCH,
            title="E",
            completed_on=D(2026, 11, 2),
        ),
        "karimov": Work.objects.create(
            teacher=world.karimov,
            department=uni["inorganic"],
            kind=WorkKind.METHODOLOGICAL,
            title="K",
            completed_on=D(2026, 11, 3),
        ),
    }
    return {
        "econ_student": econ_student,
        "econ_lessons": set(econ_entry.lessons.values_list("pk", flat=True)),
        "math_lessons": set(math_entry.lessons.values_list("pk", flat=True)),
        "assignments": assignments,
        "works": works,
        "ergashev": ergashev,
    }


def acting(user, role: str, unit=None):
    f.grant(user, role, unit)
    return build_principal(user, None)


def teachers_of(loads) -> set[str]:
    return set(loads.values_list("teacher__last_name", flat=True))


def test_a_teacher_reaches_only_their_own_loads_lessons_and_works(world, leaks):
    user = with_login(world.karimov, "karimov")
    principal = acting(user, "teacher", world.department)
    assert teachers_of(policy.teaching_loads(principal)) == {"Karimov"}
    assert policy.own_loads(principal).count() == 4  # lecture and practical of KT-21 and KT-22
    math = world.bindings["KT-21", "MAT204"].curriculum_subject
    physics = world.bindings["KT-21", "FIZ204"].curriculum_subject
    assert policy.may_edit_content(principal, math, TrainingType.LECTURE) is True
    assert policy.may_edit_content(principal, math, TrainingType.LABORATORY) is False
    assert policy.may_edit_content(principal, physics, TrainingType.LECTURE) is False
    lessons = set(policy.journal_lessons(principal).values_list("pk", flat=True))
    assert lessons == leaks["math_lessons"]
    assert set(policy.editable_journal_lessons(principal).values_list("pk", flat=True)) == lessons
    assert list(policy.visible_works(principal)) == [leaks["works"]["karimov"]]
    assert not policy.reviewable_works(principal).exists()
    assert not policy.excusable_students(principal).exists()
    assert policy.can(principal, "teaching.journal.reopen") is False


def test_a_head_reads_its_departments_teaching_and_reviews_others_works(world, uni, leaks):
    head = f.UserFactory(username="head_inorganic")
    principal = acting(head, "head", uni["inorganic"])
    assert teachers_of(policy.teaching_loads(principal)) == {"Karimov", "Rahimova"}
    assert not policy.own_loads(principal).exists()
    lessons = set(policy.journal_lessons(principal).values_list("pk", flat=True))
    assert lessons == leaks["math_lessons"]
    assert not policy.editable_journal_lessons(principal).exists()
    assert list(policy.visible_works(principal)) == [leaks["works"]["karimov"]]
    assert list(policy.reviewable_works(principal)) == [leaks["works"]["karimov"]]
    # Maker–checker: a work the head entered is not theirs to approve.
    leaks["works"]["karimov"].created_by = head
    leaks["works"]["karimov"].save(update_fields=["created_by"])
    assert not policy.reviewable_works(principal).exists()


def test_another_departments_head_sees_none_of_it(world, uni, leaks):
    principal = acting(f.UserFactory(), "head", uni["accounting_dept"])
    assert teachers_of(policy.teaching_loads(principal)) == {"Ergashev"}
    assert set(policy.journal_lessons(principal).values_list("pk", flat=True)) == leaks["econ_lessons"]
    assert list(policy.visible_works(principal)) == [leaks["works"]["econ"]]


def test_the_dean_reads_its_faculty_excuses_its_students_and_reopens_its_journals(
    world, uni, leaks, dean_chemistry
):
    principal = build_principal(dean_chemistry, None)
    assert teachers_of(policy.teaching_loads(principal)) == {"Karimov", "Rahimova"}
    assert set(policy.journal_lessons(principal).values_list("pk", flat=True)) == leaks["math_lessons"]
    assert set(policy.reopenable_lessons(principal).values_list("pk", flat=True)) == leaks["math_lessons"]
    excusable = set(policy.excusable_students(principal).values_list("group__name", flat=True))
    assert excusable == {"KT-21", "KT-22"}
    assert leaks["econ_student"] not in policy.excusable_students(principal)
    assert list(policy.absence_list_faculties(principal)) == [uni["chem"]]
    assert not policy.own_loads(principal).exists()


def test_the_academic_department_reads_everything_and_excuses_nothing(world, leaks, academic):
    principal = build_principal(academic, None)
    assert teachers_of(policy.teaching_loads(principal)) == {"Karimov", "Rahimova", "Ergashev"}
    assert set(policy.visible_works(principal)) == set(leaks["works"].values())
    assert not policy.excusable_students(principal).exists()
    assert policy.can(principal, "teaching.rules.edit") is True
    assert not policy.reviewable_works(principal).exists()


def test_a_student_submits_only_to_their_own_groups_assignments(world, leaks):
    student = world.kt21.students.order_by("pk").first()
    user = with_login(student, "aliyev0")
    principal = build_principal(user, None)
    assert list(policy.submittable_assignments(principal)) == [leaks["assignments"]["karimov"]]
    assert not policy.teaching_loads(principal).exists()
    assert not policy.journal_lessons(principal).exists()
    assert not policy.visible_works(principal).exists()
    other = with_login(leaks["econ_student"], "qodirov")
    assert list(policy.submittable_assignments(build_principal(other, None))) == [
        leaks["assignments"]["econ"]
    ]
