"""The subjects of a curriculum semester, with their hours per lesson type and control types
(annex 5 items 2 and 3: an approved curriculum still gets the coming semester's electives)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.enums import ExamType
from hemis.academics.models import ControlType, Subject
from hemis.audit import services as audit
from hemis.curricula.enums import CurriculumStatus, SubjectBlock, TrainingType
from hemis.curricula.models import CurriculumSemester, CurriculumSubject, SubjectControl, SubjectLoad
from hemis.org.models import OrgUnit, StructureType

SUBJECT_FIELDS = ("subject", "subject_type", "block", "credits", "final_form", "department")
# "Overall" sums the other controls; it is not a part of the maximum.
NOT_SUMMED = frozenset({ExamType.OVERALL})


def blocks_for(education_type: str) -> list[tuple[str, str]]:
    """The blocks of a programme level: 11.x for a bachelor direction, 12.x for a master specialty."""
    return [(code, label) for code, label in SubjectBlock.choices if code.split(".")[0] == education_type]


def _check_fields(
    semester: CurriculumSemester, values: dict[str, Any], current: CurriculumSubject | None
) -> None:
    subject: Subject = values["subject"]
    if (current is None or current.subject_id != subject.pk) and not subject.is_active:
        raise ValidationError({"subject": [_("The subject is no longer in use.")]})
    clash = CurriculumSubject.objects.filter(semester=semester, subject=subject)
    if current is not None:
        clash = clash.exclude(pk=current.pk)
    if clash.exists():
        raise ValidationError(
            {"subject": [_("The subject is already in semester %(number)s.") % {"number": semester.number}]}
        )
    level = semester.curriculum.programme.education_type
    if values["block"] not in dict(blocks_for(level)):
        raise ValidationError({"block": [_("Choose a block of the programme's level.")]})
    if values["credits"] is None or Decimal(values["credits"]) <= 0:
        raise ValidationError({"credits": [_("Credits must be more than zero.")]})
    department: OrgUnit = values["department"]
    if department.structure_type != StructureType.DEPARTMENT:
        raise ValidationError({"department": [_("Choose a department.")]})


def _check_loads(loads: dict[str, int]) -> dict[str, int]:
    if any(t not in TrainingType.values for t in loads):
        raise ValidationError({"loads": [_("Unknown lesson type.")]})
    if any(h is not None and h < 0 for h in loads.values()):
        raise ValidationError({"loads": [_("Hours cannot be negative.")]})
    kept = {t: h for t, h in loads.items() if h}
    if not kept:
        raise ValidationError({"loads": [_("Enter the hours of at least one lesson type.")]})
    return kept


def _check_controls(semester: CurriculumSemester, controls: dict[ControlType, int]) -> dict[ControlType, int]:
    if any(p is not None and p < 0 for p in controls.values()):
        raise ValidationError({"controls": [_("Maximum points cannot be negative.")]})
    kept = {c: p for c, p in controls.items() if p}
    maximum = semester.curriculum.marking_system.max_value
    total = sum(p for c, p in kept.items() if c.code not in NOT_SUMMED)
    if total != maximum:
        raise ValidationError(
            {
                "controls": [
                    _(
                        "The maximum points of the controls add up to %(total)s; the marking system "
                        "needs exactly %(maximum)s."
                    )
                    % {"total": total, "maximum": maximum}
                ]
            }
        )
    return kept


def snapshot(cs: CurriculumSubject) -> dict[str, Any]:
    return {
        "semester": cs.semester.number,
        "subject": cs.subject.code,
        "subject_type": cs.subject_type,
        "block": cs.block,
        "credits": str(Decimal(cs.credits).quantize(Decimal("0.1"))),
        "final_form": cs.final_form,
        "department": cs.department.code,
        "loads": {load.training_type: load.hours for load in cs.loads.all()},
        "controls": {c.control_type.code: c.max_points for c in cs.controls.all()},
    }


def _write_details(cs: CurriculumSubject, loads: dict[str, int], controls: dict[ControlType, int]) -> None:
    cs.loads.all().delete()
    cs.controls.all().delete()
    SubjectLoad.objects.bulk_create(
        [SubjectLoad(curriculum_subject=cs, training_type=t, hours=h) for t, h in sorted(loads.items())]
    )
    SubjectControl.objects.bulk_create(
        [SubjectControl(curriculum_subject=cs, control_type=c, max_points=p) for c, p in controls.items()]
    )


@transaction.atomic
def add_subject(
    *,
    semester: CurriculumSemester,
    values: dict[str, Any],
    loads: dict[str, int],
    controls: dict[ControlType, int],
    actor,
) -> CurriculumSubject:
    """Add a subject to a semester with its hours per lesson type and its controls."""
    _check_fields(semester, values, None)
    kept_loads = _check_loads(loads)
    kept_controls = _check_controls(semester, controls)
    cs = CurriculumSubject(semester=semester, created_by=actor, **{n: values[n] for n in SUBJECT_FIELDS})
    cs.full_clean()
    cs.save()
    _write_details(cs, kept_loads, kept_controls)
    audit.record(
        actor=actor,
        action="curricula.subject.added",
        target=cs,
        after=snapshot(cs),
        data={"curriculum": semester.curriculum_id},
    )
    return cs


@transaction.atomic
def update_subject(
    *,
    curriculum_subject: CurriculumSubject,
    values: dict[str, Any],
    loads: dict[str, int],
    controls: dict[ControlType, int],
    actor,
) -> CurriculumSubject:
    """Change a subject of a semester; its loads and controls are replaced by the given ones."""
    cs = curriculum_subject
    _check_fields(cs.semester, values, cs)
    kept_loads = _check_loads(loads)
    kept_controls = _check_controls(cs.semester, controls)
    before = snapshot(cs)
    for name in SUBJECT_FIELDS:
        setattr(cs, name, values[name])
    cs.full_clean()
    cs.save()
    _write_details(cs, kept_loads, kept_controls)
    cs = CurriculumSubject.objects.prefetch_related("loads", "controls__control_type").get(pk=cs.pk)
    audit.record(
        actor=actor,
        action="curricula.subject.updated",
        target=cs,
        before=before,
        after=snapshot(cs),
        data={"curriculum": cs.semester.curriculum_id},
    )
    return cs


@transaction.atomic
def remove_subject(*, curriculum_subject: CurriculumSubject, actor) -> None:
    """Remove a subject; the last subject of a semester of an approved curriculum stays."""
    cs = curriculum_subject
    semester = cs.semester
    if (
        semester.curriculum.status == CurriculumStatus.APPROVED
        and not semester.subjects.exclude(pk=cs.pk).exists()
    ):
        raise ValidationError(
            {
                "subject": [
                    _(
                        "This is the last subject of semester %(number)s of an approved curriculum: "
                        "it cannot be removed."
                    )
                    % {"number": semester.number}
                ]
            }
        )
    before = snapshot(cs)
    cs.delete()
    audit.record(
        actor=actor,
        action="curricula.subject.removed",
        target=semester,
        before=before,
        data={"curriculum": semester.curriculum_id},
    )
