"""Subjects of a curriculum semester: validation, loads and controls, removal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hemis.academics.models import EducationType
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import CurriculumStatus, FinalForm, SubjectBlock, SubjectType, TrainingType
from hemis.curricula.models import CurriculumSubject, SubjectControl, SubjectLoad
from hemis.curricula.services import curricula as services
from hemis.curricula.services import subjects
from hemis.curricula.tests import factories as cf


@pytest.fixture
def cur(uni):
    return cf.curriculum(cf.programme(uni["chem"]), 2026)


@pytest.fixture
def first(cur):
    return cur.semesters.get(number=1)


def values(department, subj, **changes):
    return {
        "subject": subj,
        "subject_type": SubjectType.ELECTIVE,
        "block": SubjectBlock.SPECIALISATION,
        "credits": Decimal("4"),
        "final_form": FinalForm.PASS,
        "department": department,
    } | changes


def nothing_written():
    return (
        CurriculumSubject.objects.count(),
        SubjectLoad.objects.count(),
        SubjectControl.objects.count(),
        AuditEvent.objects.filter(action__startswith="curricula.subject").count(),
    ) == (0, 0, 0, 0)


def test_add_subject_writes_loads_and_controls(first, uni, dean_chemistry):
    subj = cf.subject(uni["inorganic"], code="KIM101")
    cs = subjects.add_subject(
        semester=first,
        values=values(uni["inorganic"], subj),
        loads={TrainingType.LECTURE: 36, TrainingType.LABORATORY: 0, TrainingType.INDEPENDENT: 84},
        controls=cf.controls({"11": 40, "12": 0, "13": 60}),
        actor=dean_chemistry,
    )
    assert (cs.subject_type, cs.block, cs.credits, cs.final_form, cs.created_by) == (
        "12",
        "11.04",
        Decimal("4"),
        "12",
        dean_chemistry,
    )
    assert sorted(cs.loads.values_list("training_type", "hours")) == [("11", 36), ("17", 84)]
    assert sorted(cs.controls.values_list("control_type__code", "max_points")) == [("11", 40), ("13", 60)]
    event = AuditEvent.objects.get(action="curricula.subject.added")
    assert event.data["after"]["subject"] == "KIM101"
    assert event.data["after"]["loads"] == {"11": 36, "17": 84}


@pytest.mark.parametrize(
    ("changes", "loads", "points", "expected"),
    [
        ({"credits": Decimal("0")}, None, None, {"credits": ["Credits must be more than zero."]}),
        ({"credits": Decimal("-1")}, None, None, {"credits": ["Credits must be more than zero."]}),
        (
            {"block": SubjectBlock.SPECIALTY},
            None,
            None,
            {"block": ["Choose a block of the programme's level."]},
        ),
        (
            {},
            {TrainingType.LECTURE: 0},
            None,
            {"loads": ["Enter the hours of at least one lesson type."]},
        ),
        ({}, {TrainingType.LECTURE: -2}, None, {"loads": ["Hours cannot be negative."]}),
        (
            {},
            None,
            {"11": 30, "12": 20, "13": 40},
            {
                "controls": [
                    "The maximum points of the controls add up to 90; the marking system needs exactly 100."
                ]
            },
        ),
        (
            {},
            None,
            {},
            {
                "controls": [
                    "The maximum points of the controls add up to 0; the marking system needs exactly 100."
                ]
            },
        ),
    ],
)
def test_add_subject_refuses_bad_input_and_writes_nothing(first, uni, changes, loads, points, expected):
    subj = cf.subject(uni["inorganic"])
    with pytest.raises(ValidationError) as error:
        subjects.add_subject(
            semester=first,
            values=values(uni["inorganic"], subj, **changes),
            loads=loads if loads is not None else {TrainingType.LECTURE: 30},
            controls=cf.controls(points),
            actor=None,
        )
    assert error.value.message_dict == expected
    assert nothing_written()


def test_add_subject_refuses_a_faculty_as_department_and_an_inactive_subject(first, uni):
    subj = cf.subject(uni["inorganic"])
    with pytest.raises(ValidationError) as error:
        cf.add(first, uni["chem"], subj=subj)
    assert error.value.message_dict == {"department": ["Choose a department."]}
    subj.is_active = False
    subj.save()
    with pytest.raises(ValidationError) as error:
        cf.add(first, uni["inorganic"], subj=subj)
    assert error.value.message_dict == {"subject": ["The subject is no longer in use."]}
    assert nothing_written()


def test_the_same_subject_twice_in_a_semester_is_refused(first, cur, uni):
    subj = cf.subject(uni["inorganic"])
    cf.add(first, uni["inorganic"], subj=subj)
    with pytest.raises(ValidationError) as error:
        cf.add(first, uni["inorganic"], subj=subj)
    assert error.value.message_dict == {"subject": ["The subject is already in semester 1."]}
    assert CurriculumSubject.objects.count() == 1
    cf.add(cur.semesters.get(number=2), uni["inorganic"], subj=subj)  # another semester is fine
    assert CurriculumSubject.objects.count() == 2


def test_five_point_system_needs_points_adding_up_to_five(uni):
    cur = cf.curriculum(cf.programme(uni["chem"]), 2026)
    cur.marking_system = cf.marking("12")
    cur.save()
    semester = cur.semesters.get(number=1)
    with pytest.raises(ValidationError) as error:
        cf.add(semester, uni["inorganic"])
    assert error.value.message_dict == {
        "controls": ["The maximum points of the controls add up to 100; the marking system needs exactly 5."]
    }
    cs = cf.add(semester, uni["inorganic"], points={"11": 2, "13": 3})
    assert cs.controls.count() == 2


def test_master_programme_takes_master_blocks(uni):
    cur = cf.curriculum(cf.programme(uni["chem"], duration=2, level=EducationType.MASTER), 2026)
    semester = cur.semesters.get(number=1)
    with pytest.raises(ValidationError):
        cf.add(semester, uni["inorganic"], block=SubjectBlock.MATHEMATICS)
    cs = cf.add(semester, uni["inorganic"], block=SubjectBlock.SPECIALTY)
    assert cs.block == "12.02"
    assert subjects.blocks_for(EducationType.MASTER)[0][0] == "12"


def test_update_subject_replaces_loads_and_controls(first, uni, dean_chemistry):
    cs = cf.add(first, uni["inorganic"])
    subjects.update_subject(
        curriculum_subject=cs,
        values=values(uni["inorganic"], cs.subject, credits=Decimal("3")),
        loads={TrainingType.SEMINAR: 60},
        controls=cf.controls({"13": 100}),
        actor=dean_chemistry,
    )
    cs.refresh_from_db()
    assert (cs.credits, cs.subject_type) == (Decimal("3"), SubjectType.ELECTIVE)
    assert list(cs.loads.values_list("training_type", "hours")) == [("14", 60)]
    assert list(cs.controls.values_list("control_type__code", "max_points")) == [("13", 100)]
    event = AuditEvent.objects.get(action="curricula.subject.updated")
    assert (event.data["before"]["credits"], event.data["after"]["credits"]) == ("6.0", "3.0")


def test_update_subject_refused_changes_nothing(first, uni, dean_chemistry):
    cs = cf.add(first, uni["inorganic"])
    with pytest.raises(ValidationError):
        subjects.update_subject(
            curriculum_subject=cs,
            values=values(uni["inorganic"], cs.subject),
            loads={TrainingType.SEMINAR: 60},
            controls=cf.controls({"13": 99}),
            actor=dean_chemistry,
        )
    cs.refresh_from_db()
    assert cs.credits == Decimal("6")
    assert sorted(cs.loads.values_list("training_type", flat=True)) == ["11", "13", "17"]


def test_remove_subject_of_a_draft(first, uni, dean_chemistry):
    cs = cf.add(first, uni["inorganic"])
    subjects.remove_subject(curriculum_subject=cs, actor=dean_chemistry)
    assert CurriculumSubject.objects.count() == 0
    assert SubjectLoad.objects.count() == 0
    assert AuditEvent.objects.get(action="curricula.subject.removed").data["before"]["credits"] == "6.0"


def test_approved_curriculum_gets_subjects_but_keeps_its_last_one(cur, uni, dean_chemistry):
    cf.filled(cur, uni["inorganic"])
    services.approve_curriculum(curriculum=cur, actor=dean_chemistry)
    semester = cur.semesters.get(number=3)
    elective = cf.add(semester, uni["inorganic"])  # the coming semester's electives (item 3)
    subjects.remove_subject(curriculum_subject=elective, actor=dean_chemistry)
    last = semester.subjects.get()
    with pytest.raises(ValidationError) as error:
        subjects.remove_subject(curriculum_subject=last, actor=dean_chemistry)
    assert error.value.message_dict == {
        "subject": ["This is the last subject of semester 3 of an approved curriculum: it cannot be removed."]
    }
    assert semester.subjects.count() == 1
    cur.refresh_from_db()
    assert cur.status == CurriculumStatus.APPROVED
