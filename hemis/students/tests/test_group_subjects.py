"""Binding curriculum subjects to groups for a semester (annex 5 item 8)."""

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.students import selectors
from hemis.students.models import GroupSubject
from hemis.students.services import group_subjects as services
from hemis.students.tests import builders as b


@pytest.fixture
def setup(uni):
    prog = b.programme(uni["chem"], "60720100")
    cur = b.curriculum(prog, 2024)
    group = b.group(uni["chem"], "KT-21-24", prog, curriculum=cur, course=2, intake_year=2024)
    dept = uni["inorganic"]
    subjects = {
        3: [b.curriculum_subject(cur, 3, "KIM301", dept), b.curriculum_subject(cur, 3, "KIM302", dept)],
        4: [b.curriculum_subject(cur, 4, "KIM401", dept)],
        1: [b.curriculum_subject(cur, 1, "KIM101", dept)],
    }
    autumn, spring = b.year_with_semesters(2025)
    return {"group": group, "cur": cur, "subjects": subjects, "autumn": autumn, "spring": spring}


def test_options_follow_course_and_semester_type(setup):
    group = setup["group"]
    autumn = [cs.subject.code for cs in selectors.curriculum_subjects_for(group, setup["autumn"])]
    spring = [cs.subject.code for cs in selectors.curriculum_subjects_for(group, setup["spring"])]
    assert (autumn, spring) == (["KIM301", "KIM302"], ["KIM401"])


def test_bind_and_unbind(setup, dean_chemistry):
    group, autumn = setup["group"], setup["autumn"]
    created = services.bind_subjects(
        group=group, semester=autumn, subjects=setup["subjects"][3], actor=dean_chemistry
    )
    again = services.bind_subjects(
        group=group, semester=autumn, subjects=setup["subjects"][3][:1], actor=dean_chemistry
    )
    assert (len(created), again) == (2, [])
    codes = [b.curriculum_subject.subject.code for b in selectors.group_bindings(group, autumn)]
    assert codes == ["KIM301", "KIM302"]
    services.unbind_subject(binding=created[0], actor=dean_chemistry)
    assert [b.curriculum_subject.subject.code for b in selectors.group_bindings(group, autumn)] == ["KIM302"]
    actions = list(
        AuditEvent.objects.filter(action__startswith="students.group_subject")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["students.group_subject.bound"] * 2 + ["students.group_subject.unbound"]


def test_bind_refuses_a_subject_of_another_semester(setup, dean_chemistry):
    wrong = setup["subjects"][1][0]
    with pytest.raises(ValidationError) as exc:
        services.bind_subjects(
            group=setup["group"],
            semester=setup["autumn"],
            subjects=[setup["subjects"][3][0], wrong],
            actor=dean_chemistry,
        )
    assert exc.value.message_dict == {
        "subjects": ["Not in the group's curriculum for this semester: Fan KIM101."]
    }
    assert not GroupSubject.objects.exists()


def test_bind_refuses_a_subject_of_another_curriculum(setup, uni, dean_chemistry):
    other_cur = b.curriculum(b.programme(uni["chem"], "60720200"), 2024)
    foreign = b.curriculum_subject(other_cur, 3, "KIM399", uni["inorganic"])
    with pytest.raises(ValidationError) as exc:
        services.bind_subjects(
            group=setup["group"], semester=setup["autumn"], subjects=[foreign], actor=dean_chemistry
        )
    assert exc.value.message_dict == {
        "subjects": ["Not in the group's curriculum for this semester: Fan KIM399."]
    }
    assert not GroupSubject.objects.exists()


def test_bind_refuses_a_group_without_curriculum(setup, dean_chemistry):
    group = setup["group"]
    group.curriculum = None
    group.save()
    with pytest.raises(ValidationError) as exc:
        services.bind_subjects(
            group=group, semester=setup["autumn"], subjects=setup["subjects"][3], actor=dean_chemistry
        )
    assert exc.value.message_dict == {
        "subjects": ["The group has no curriculum: choose one on the group's page first."]
    }
    assert not GroupSubject.objects.exists()
