"""Creating, approving, returning to draft and copying curricula; the week schedule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.academics.models import MarkingSystem
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import CurriculumStatus, WeekKind
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
    SubjectLoad,
)
from hemis.curricula.services import curricula as services
from hemis.curricula.tests import factories as cf

D = dt.date


@pytest.fixture
def prog(uni):
    return cf.programme(uni["chem"], code="60710100", duration=4)


def test_create_makes_the_semesters_with_their_weeks(prog, dean_chemistry):
    cur = cf.curriculum(prog, 2026, actor=dean_chemistry)
    semesters = list(cur.semesters.order_by("number"))
    assert [s.number for s in semesters] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [s.academic_year_start for s in semesters] == [2026, 2026, 2027, 2027, 2028, 2028, 2029, 2029]
    assert cur.status == CurriculumStatus.DRAFT
    first = list(semesters[0].weeks.order_by("number"))
    assert (len(first), first[0].start_date, first[0].kind) == (21, D(2026, 9, 7), WeekKind.THEORY)
    last = semesters[-1].weeks.order_by("number")
    assert [w.kind for w in last].count(WeekKind.ATTESTATION) == 2
    event = AuditEvent.objects.get(action="curricula.curriculum.created")
    assert event.data["after"]["programme"] == "60710100"
    assert event.actor_id == dean_chemistry.pk


def test_create_refuses_a_second_curriculum_for_the_same_intake(prog):
    cf.curriculum(prog, 2026)
    with pytest.raises(ValidationError) as error:
        cf.curriculum(prog, 2026)
    assert error.value.message_dict == {
        "intake_year": ["The programme already has a curriculum for the intake of 2026 in this form."]
    }
    assert Curriculum.objects.count() == 1
    assert CurriculumSemester.objects.count() == 8


def test_create_refuses_an_inactive_marking_system_and_a_closed_programme(prog):
    MarkingSystem.objects.filter(code="11").update(is_active=False)
    with pytest.raises(ValidationError) as error:
        cf.curriculum(prog, 2026)
    assert error.value.message_dict == {"marking_system": ["The marking system is not active."]}
    prog.is_active = False
    prog.save()
    with pytest.raises(ValidationError) as error:
        cf.curriculum(prog, 2026)
    assert error.value.message_dict == {"programme": ["The programme is closed."]}
    assert (Curriculum.objects.count(), CurriculumWeek.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_approve_refuses_semesters_without_subjects_and_changes_nothing(prog, uni, dean_chemistry):
    cur = cf.curriculum(prog, 2026)
    semesters = list(cur.semesters.order_by("number"))
    for semester in semesters[:5] + semesters[6:7]:
        cf.add(semester, uni["inorganic"])
    with pytest.raises(ValidationError) as error:
        services.approve_curriculum(curriculum=cur, actor=dean_chemistry)
    assert error.value.message_dict == {
        "status": ["Semesters without subjects: 6, 8. Add their subjects before approving."]
    }
    cur.refresh_from_db()
    assert (cur.status, cur.approved_on, cur.approved_by) == (CurriculumStatus.DRAFT, None, None)
    assert not AuditEvent.objects.filter(action="curricula.curriculum.approved").exists()


def test_approve_sets_the_date_and_the_approver(prog, uni, dean_chemistry):
    cur = cf.filled(cf.curriculum(prog, 2026), uni["inorganic"])
    services.approve_curriculum(curriculum=cur, actor=dean_chemistry)
    cur.refresh_from_db()
    assert (cur.status, cur.approved_on, cur.approved_by) == (
        CurriculumStatus.APPROVED,
        timezone.localdate(),
        dean_chemistry,
    )
    event = AuditEvent.objects.get(action="curricula.curriculum.approved")
    assert (event.data["before"]["status"], event.data["after"]["status"]) == ("draft", "approved")
    with pytest.raises(ValidationError) as error:
        services.approve_curriculum(curriculum=cur, actor=dean_chemistry)
    assert error.value.message_dict == {"status": ["The curriculum is already approved."]}


def test_return_to_draft_clears_the_approval(prog, uni, superadmin):
    cur = cf.filled(cf.curriculum(prog, 2026), uni["inorganic"])
    with pytest.raises(ValidationError):
        services.return_to_draft(curriculum=cur, actor=superadmin)
    services.approve_curriculum(curriculum=cur, actor=superadmin)
    services.return_to_draft(curriculum=cur, actor=superadmin)
    cur.refresh_from_db()
    assert (cur.status, cur.approved_on, cur.approved_by) == (CurriculumStatus.DRAFT, None, None)
    event = AuditEvent.objects.get(action="curricula.curriculum.returned_to_draft")
    assert event.data["before"]["approved_on"] == timezone.localdate().isoformat()


def test_copy_moves_weeks_by_whole_years_and_copies_subjects(prog, uni, dean_chemistry):
    source = cf.curriculum(prog, 2026)
    first = source.semesters.get(number=1)
    cs = cf.add(first, uni["inorganic"], credits="5.5")
    copy = services.copy_curriculum(source=source, intake_year=2027, actor=dean_chemistry)
    assert (copy.intake_year, copy.status, copy.copied_from, copy.marking_system.code) == (
        2027,
        CurriculumStatus.DRAFT,
        source,
        "11",
    )
    assert copy.semesters.count() == 8
    week = CurriculumWeek.objects.get(semester__curriculum=copy, semester__number=1, number=1)
    assert (week.start_date, week.end_date, week.start_date.weekday()) == (D(2027, 9, 6), D(2027, 9, 12), 0)
    assert (
        CurriculumWeek.objects.filter(semester__curriculum=copy).count()
        == CurriculumWeek.objects.filter(semester__curriculum=source).count()
    )
    copied = CurriculumSubject.objects.get(semester__curriculum=copy)
    assert (copied.semester.number, copied.subject, copied.credits, copied.department) == (
        1,
        cs.subject,
        Decimal("5.5"),
        uni["inorganic"],
    )
    assert sorted(copied.loads.values_list("training_type", "hours")) == [("11", 30), ("13", 30), ("17", 120)]
    assert sorted(copied.controls.values_list("control_type__code", "max_points")) == [
        ("11", 30),
        ("12", 20),
        ("13", 50),
    ]
    event = AuditEvent.objects.get(action="curricula.curriculum.copied")
    assert event.data["copied_from"] == source.pk and event.data["subjects"] == 1


def test_copy_refuses_an_existing_target_and_changes_nothing(prog, uni, dean_chemistry):
    source = cf.curriculum(prog, 2026)
    cf.add(source.semesters.get(number=1), uni["inorganic"])
    cf.curriculum(prog, 2027)
    counts = (Curriculum.objects.count(), CurriculumSubject.objects.count(), SubjectLoad.objects.count())
    with pytest.raises(ValidationError) as error:
        services.copy_curriculum(source=source, intake_year=2027, actor=dean_chemistry)
    assert error.value.message_dict == {
        "intake_year": ["The programme already has a curriculum for the intake of 2027 in this form."]
    }
    assert (
        Curriculum.objects.count(),
        CurriculumSubject.objects.count(),
        SubjectLoad.objects.count(),
    ) == counts
    assert SubjectControl.objects.count() == 3


def test_week_kinds_change_and_are_audited(prog, dean_chemistry):
    cur = cf.curriculum(prog, 2026)
    semester = cur.semesters.get(number=1)
    changed = services.set_week_kinds(
        semester=semester, kinds={15: WeekKind.PRACTICE, 16: WeekKind.EXAMS}, actor=dean_chemistry
    )
    assert changed == [15]
    assert semester.weeks.get(number=15).kind == WeekKind.PRACTICE
    event = AuditEvent.objects.get(action="curricula.semester.weeks_changed")
    assert (event.data["before"], event.data["after"]) == ({"15": "theory"}, {"15": "practice"})


def test_week_kinds_refused_on_bad_input_and_on_approved_curricula(prog, uni, dean_chemistry):
    cur = cf.curriculum(prog, 2026)
    semester = cur.semesters.get(number=1)
    with pytest.raises(ValidationError) as error:
        services.set_week_kinds(semester=semester, kinds={1: "lunch"}, actor=dean_chemistry)
    assert error.value.message_dict == {"week_1": ["Choose a kind of week."]}
    with pytest.raises(ValidationError) as error:
        services.set_week_kinds(semester=semester, kinds={40: WeekKind.THEORY}, actor=dean_chemistry)
    assert error.value.message_dict == {"weeks": ["Unknown week: 40."]}
    cf.filled(cur, uni["inorganic"])
    services.approve_curriculum(curriculum=cur, actor=dean_chemistry)
    with pytest.raises(ValidationError) as error:
        services.set_week_kinds(semester=semester, kinds={1: WeekKind.HOLIDAY}, actor=dean_chemistry)
    assert error.value.message_dict == {
        "weeks": ["The curriculum is approved: return it to draft to change its week schedule."]
    }
    assert semester.weeks.get(number=1).kind == WeekKind.THEORY
    assert not AuditEvent.objects.filter(action="curricula.semester.weeks_changed").exists()
