"""Groups and subgroups services (annex 5 item 4)."""

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.students.models import Group, StudentStatus, Subgroup
from hemis.students.services import groups as services
from hemis.students.tests import builders as b
from hemis.testing import factories as f


@pytest.fixture
def chem_programme(uni):
    return b.programme(uni["chem"], "60720100", duration=4)


def data(programme, **extra) -> dict:
    return {
        "name": "KT-31-25",
        "programme": programme,
        "intake_year": 2025,
        "course": 1,
        "language": "11",
        "education_form": "11",
        "curriculum": None,
        **extra,
    }


def test_create_group_takes_the_programmes_faculty(uni, dean_chemistry, chem_programme):
    cur = b.curriculum(chem_programme, 2025)
    group = services.create_group(actor=dean_chemistry, data=data(chem_programme, curriculum=cur))
    assert (group.faculty, group.programme, group.curriculum, group.course) == (
        uni["chem"],
        chem_programme,
        cur,
        1,
    )
    event = AuditEvent.objects.get(action="students.group.created")
    assert event.target_id == str(group.pk)
    assert event.data["after"]["name"] == "KT-31-25"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, o: b.curriculum(p, 2024), "The curriculum is for another intake year."),
        (lambda p, o: b.curriculum(p, 2025, approved=False), "The curriculum is not approved yet."),
        (lambda p, o: b.curriculum(o, 2025), "The curriculum belongs to another programme."),
    ],
)
def test_create_group_refuses_a_wrong_curriculum(uni, dean_chemistry, chem_programme, make, message):
    other = b.programme(uni["chem"], "60720200")
    cur = make(chem_programme, other)
    with pytest.raises(ValidationError) as exc:
        services.create_group(actor=dean_chemistry, data=data(chem_programme, curriculum=cur))
    assert exc.value.message_dict == {"curriculum": [message]}
    assert not Group.objects.filter(name="KT-31-25").exists()


def test_create_group_refuses_a_course_beyond_the_programme(uni, dean_chemistry, chem_programme):
    with pytest.raises(ValidationError) as exc:
        services.create_group(actor=dean_chemistry, data=data(chem_programme, course=5))
    assert exc.value.message_dict == {"course": ["The course must be from 1 to 4."]}
    assert not Group.objects.filter(name="KT-31-25").exists()


def test_create_group_refuses_a_taken_name(uni, dean_chemistry, chem_programme):
    with pytest.raises(ValidationError) as exc:
        services.create_group(actor=dean_chemistry, data=data(chem_programme, name="KT-11-24"))
    assert list(exc.value.message_dict) == ["name"]
    assert Group.objects.filter(name="KT-11-24").count() == 1


def test_update_group_with_students_keeps_programme_and_course(uni, dean_chemistry, student_in_group):
    group = uni["chem_group"]
    other = b.programme(uni["chem"], "60720200")
    with pytest.raises(ValidationError) as exc:
        services.update_group(group=group, actor=dean_chemistry, data={"course": 3, "programme": other})
    assert set(exc.value.message_dict) == {"course", "programme"}
    group.refresh_from_db()
    assert (group.course, group.programme_id) == (2, student_in_group.programme_id)


def test_update_group_audits_the_changed_fields(uni, dean_chemistry):
    group = uni["chem_group"]
    services.update_group(group=group, actor=dean_chemistry, data={"name": "KT-12-24", "language": "12"})
    group.refresh_from_db()
    assert (group.name, group.language) == ("KT-12-24", "12")
    event = AuditEvent.objects.get(action="students.group.updated")
    assert event.data == {
        "before": {"name": "KT-11-24", "language": "11"},
        "after": {"name": "KT-12-24", "language": "12"},
    }


def test_close_group_refused_while_students_study(uni, dean_chemistry, student_in_group):
    with pytest.raises(ValidationError) as exc:
        services.close_group(group=uni["chem_group"], actor=dean_chemistry)
    assert exc.value.message_dict == {
        "is_active": ["Students still study in the group: move them by orders first."]
    }
    assert Group.objects.get(pk=uni["chem_group"].pk).is_active is True


def test_close_group_with_only_expelled_students(uni, dean_chemistry, student_in_group):
    student_in_group.status = StudentStatus.EXPELLED
    student_in_group.save()
    services.close_group(group=uni["chem_group"], actor=dean_chemistry)
    assert Group.objects.get(pk=uni["chem_group"].pk).is_active is False
    assert AuditEvent.objects.filter(action="students.group.closed").count() == 1


# --- subgroups ---------------------------------------------------------------------------------


def test_subgroup_lifecycle(uni, dean_chemistry, student_in_group):
    group = uni["chem_group"]
    sub = services.create_subgroup(group=group, name="1-guruhcha", actor=dean_chemistry)
    services.set_subgroup_students(subgroup=sub, students=[student_in_group], actor=dean_chemistry)
    services.rename_subgroup(subgroup=sub, name="A", actor=dean_chemistry)
    assert [(s.name, [m.pk for m in s.students.all()]) for s in group.subgroups.all()] == [
        ("A", [student_in_group.pk])
    ]
    services.delete_subgroup(subgroup=sub, actor=dean_chemistry)
    assert not Subgroup.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="students.subgroup")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "students.subgroup.created",
        "students.subgroup.members_set",
        "students.subgroup.renamed",
        "students.subgroup.deleted",
    ]


def test_subgroup_name_unique_in_the_group(uni, dean_chemistry):
    services.create_subgroup(group=uni["chem_group"], name="A", actor=dean_chemistry)
    with pytest.raises(ValidationError) as exc:
        services.create_subgroup(group=uni["chem_group"], name="A", actor=dean_chemistry)
    assert exc.value.message_dict == {"name": ["The group already has a subgroup with this name."]}
    assert Subgroup.objects.count() == 1


def test_student_in_at_most_one_subgroup_of_a_group(uni, dean_chemistry, student_in_group):
    group = uni["chem_group"]
    first = services.create_subgroup(group=group, name="A", actor=dean_chemistry)
    second = services.create_subgroup(group=group, name="B", actor=dean_chemistry)
    services.set_subgroup_students(subgroup=first, students=[student_in_group], actor=dean_chemistry)
    with pytest.raises(ValidationError) as exc:
        services.set_subgroup_students(subgroup=second, students=[student_in_group], actor=dean_chemistry)
    assert exc.value.message_dict == {
        "students": [f"Already in another subgroup of the group: {student_in_group.full_name}."]
    }
    assert list(second.students.all()) == []
    assert list(first.students.all()) == [student_in_group]


def test_subgroup_refuses_a_student_of_another_group(uni, dean_chemistry):
    stranger = f.StudentFactory(group=uni["econ_group"], last_name="Begona")
    sub = services.create_subgroup(group=uni["chem_group"], name="A", actor=dean_chemistry)
    with pytest.raises(ValidationError) as exc:
        services.set_subgroup_students(subgroup=sub, students=[stranger], actor=dean_chemistry)
    assert exc.value.message_dict == {"students": [f"Not students of the group: {stranger.full_name}."]}
    assert list(sub.students.all()) == []
