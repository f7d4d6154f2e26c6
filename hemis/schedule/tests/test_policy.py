"""Who reads and who edits timetables, lessons and controls (hemis/access/policy/schedule.py): deans
their faculty's, the academic department and management everything read-only, teachers and students
their own. Each case first creates what could leak: a chemistry lecture, a subgroup laboratory, an
unpublished and a published control, and an economics lesson."""

import datetime as dt

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.curricula.enums import TrainingType
from hemis.schedule.services import controls
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject
from hemis.testing import factories as f
from hemis.testing.schedule import add_control, add_entry, add_lab, bind, with_login

D = dt.date


def principal_of(user):
    return build_principal(user, None)


@pytest.fixture
def lessons(world, uni, dean_chemistry):
    """What could leak, by name: {label: set of lesson ids}."""
    lecture = add_entry(world, dean_chemistry)
    lab_a = add_lab(world, dean_chemistry, world.sub_a)
    draft_control = add_control(world, dean_chemistry)
    shown_control = add_control(world, dean_chemistry, group="KT-22", date=D(2027, 2, 11))
    controls.publish_controls(group=world.kt22, semester=world.semester, actor=dean_chemistry)
    # An economics group's lesson, taught by an economics teacher.
    econ_teacher = f.EmployeeFactory(last_name="Ergashev", first_name="Bobur", patronymic="")
    f.appoint(econ_teacher, uni["accounting_dept"])
    econ = uni["econ_group"]
    econ.curriculum = world.curriculum
    econ.save(update_fields=["curriculum"])
    bind(world, econ, world.math, world.semester, {TrainingType.LECTURE: econ_teacher}, number=4)
    dean_econ = f.UserFactory(username="dean_econ_policy")
    f.grant(dean_econ, "dean", uni["econ"])
    econ_lesson = add_entry(
        world, dean_econ, teacher=econ_teacher, room=world.room204, weekday=2, attendees=[Attendee(econ)]
    )
    assert GroupSubject.objects.filter(group=econ).count() == 1
    return {
        "lecture": set(lecture.lessons.values_list("pk", flat=True)),
        "lab_a": set(lab_a.lessons.values_list("pk", flat=True)),
        "draft_control": {draft_control.pk},
        "shown_control": {shown_control.pk},
        "econ": set(econ_lesson.lessons.values_list("pk", flat=True)),
    }


def seen(principal, lessons) -> set[str]:
    visible = set(policy.visible_lessons(principal).values_list("pk", flat=True))
    return {name for name, ids in lessons.items() if ids <= visible and ids}


def test_the_dean_reads_and_edits_the_faculty_only(lessons, dean_chemistry, world):
    principal = principal_of(dean_chemistry)
    assert seen(principal, lessons) == {"lecture", "lab_a", "draft_control", "shown_control"}
    editable = set(policy.editable_lessons(principal).values_list("pk", flat=True))
    assert lessons["lecture"] <= editable and not lessons["econ"] & editable
    assert set(policy.editable_groups(principal).values_list("name", flat=True)) == {
        "KT-21",
        "KT-22",
        "KT-11-24",
    }


def test_the_academic_department_reads_everything_and_edits_nothing(lessons, academic):
    principal = principal_of(academic)
    assert seen(principal, lessons) == set(lessons)
    assert not policy.editable_lessons(principal).exists()
    assert not policy.editable_entries(principal).exists()
    assert policy.can(principal, "schedule.monitoring") is True
    assert policy.can(principal, "schedule.edit") is False


def test_a_teacher_reads_their_own_lessons_and_controls(lessons, world):
    user = with_login(world.karimov, "karimov")
    f.grant(user, "teacher", world.department)
    principal = principal_of(user)
    # Karimov gives the lecture and examines both controls (published or not); no laboratory.
    assert seen(principal, lessons) == {"lecture", "draft_control", "shown_control"}
    assert not policy.editable_lessons(principal).exists()
    assert list(policy.visible_teachers(principal)) == [world.karimov]
    # Each group once, though Karimov holds two loads (lecture, practical) of each.
    assert list(policy.timetable_groups(principal).order_by("name").values_list("name", flat=True)) == [
        "KT-21",
        "KT-22",
    ]


def test_a_student_reads_their_group_their_subgroup_and_published_controls(lessons, world):
    in_a = world.sub_a.students.first()
    in_b = world.sub_b.students.first()
    in_kt22 = world.kt22.students.first()
    for student, login in ((in_a, "400251100101"), (in_b, "400251100102"), (in_kt22, "400251100103")):
        with_login(student, login)
    assert seen(principal_of(in_a.user), lessons) == {"lecture", "lab_a"}
    # Subgroup 2 does not see subgroup 1's laboratory; KT-21's control is not published yet.
    assert seen(principal_of(in_b.user), lessons) == {"lecture"}
    assert seen(principal_of(in_kt22.user), lessons) == {"lecture", "shown_control"}


def test_an_outsider_reads_nothing(lessons, outsider):
    principal = principal_of(outsider)
    assert seen(principal, lessons) == set()
    assert not policy.timetable_groups(principal).exists()
    assert not policy.visible_rooms(principal).exists()


def test_loads_are_edited_by_the_faculty_dean_and_the_subject_department_head(world, uni, dean_economics):
    binding = world.bindings[("KT-21", "MAT204")]
    head = f.UserFactory(username="head_inorg")
    f.grant(head, "head", world.department)
    other_head = f.UserFactory(username="head_acc")
    f.grant(other_head, "head", uni["accounting_dept"])
    dean = f.UserFactory(username="dean_chem_loads")
    f.grant(dean, "dean", world.faculty)
    assert [
        policy.may_edit_load(principal_of(u), binding) for u in (dean, head, other_head, dean_economics)
    ] == [True, True, False, False]
