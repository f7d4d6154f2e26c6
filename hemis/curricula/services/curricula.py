"""Curricula: create (with their semesters and default week schedules), approve, return to draft,
copy to a new intake year, and the week schedule of a semester (annex 5 item 2)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import MarkingSystem, Programme
from hemis.audit import services as audit
from hemis.curricula.enums import CurriculumStatus, WeekKind
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
    SubjectLoad,
)
from hemis.curricula.services.schedule import default_weeks, year_shift

CURRICULUM_FIELDS = ("programme", "intake_year", "education_form", "marking_system")
MIN_YEAR, MAX_YEAR = 2000, 2100


def _values(curriculum: Curriculum) -> dict[str, Any]:
    return {
        "programme": curriculum.programme.code,
        "intake_year": curriculum.intake_year,
        "education_form": curriculum.education_form,
        "marking_system": curriculum.marking_system.code,
        "status": curriculum.status,
        "approved_on": curriculum.approved_on,
    }


def _check_new(programme: Programme, intake_year: int, education_form: str) -> None:
    if not programme.is_active:
        raise ValidationError({"programme": [_("The programme is closed.")]})
    if not MIN_YEAR <= intake_year <= MAX_YEAR:
        raise ValidationError(
            {"intake_year": [_("Enter a year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}]}
        )
    if Curriculum.objects.filter(
        programme=programme, intake_year=intake_year, education_form=education_form
    ).exists():
        raise ValidationError(
            {
                "intake_year": [
                    _("The programme already has a curriculum for the intake of %(year)s in this form.")
                    % {"year": intake_year}
                ]
            }
        )


def _add_semesters(curriculum: Curriculum, actor) -> None:
    count = 2 * curriculum.programme.duration_years
    semesters = CurriculumSemester.objects.bulk_create(
        [CurriculumSemester(curriculum=curriculum, number=n, created_by=actor) for n in range(1, count + 1)]
    )
    weeks = [
        CurriculumWeek(
            semester=semester, number=w.number, kind=w.kind, start_date=w.start_date, end_date=w.end_date
        )
        for semester in semesters
        for w in default_weeks(
            academic_year_start=semester.academic_year_start,
            number=semester.number,
            is_last=semester.number == count,
        )
    ]
    CurriculumWeek.objects.bulk_create(weeks)


@transaction.atomic
def create_curriculum(
    *, programme: Programme, intake_year: int, education_form: str, marking_system: MarkingSystem, actor
) -> Curriculum:
    """A draft curriculum with semesters 1…2×duration, each with the default week schedule."""
    _check_new(programme, intake_year, education_form)
    if not marking_system.is_active:
        raise ValidationError({"marking_system": [_("The marking system is not active.")]})
    curriculum = Curriculum(
        programme=programme,
        intake_year=intake_year,
        education_form=education_form,
        marking_system=marking_system,
        created_by=actor,
    )
    curriculum.full_clean()
    curriculum.save()
    _add_semesters(curriculum, actor)
    audit.record(
        actor=actor, action="curricula.curriculum.created", target=curriculum, after=_values(curriculum)
    )
    return curriculum


def empty_semesters(curriculum: Curriculum) -> list[int]:
    """Numbers of the semesters that have no subject yet."""
    return list(
        curriculum.semesters.filter(subjects__isnull=True).order_by("number").values_list("number", flat=True)
    )


@transaction.atomic
def approve_curriculum(*, curriculum: Curriculum, actor) -> Curriculum:
    """Approve a draft whose every semester has subjects; ``approved_on`` is today in Tashkent."""
    if curriculum.status == CurriculumStatus.APPROVED:
        raise ValidationError({"status": [_("The curriculum is already approved.")]})
    empty = empty_semesters(curriculum)
    if empty:
        raise ValidationError(
            {
                "status": [
                    _("Semesters without subjects: %(numbers)s. Add their subjects before approving.")
                    % {"numbers": ", ".join(str(n) for n in empty)}
                ]
            }
        )
    before = _values(curriculum)
    curriculum.status = CurriculumStatus.APPROVED
    curriculum.approved_on = timezone.localdate()
    curriculum.approved_by = actor
    curriculum.save(update_fields=["status", "approved_on", "approved_by", "updated_at"])
    audit.record(
        actor=actor,
        action="curricula.curriculum.approved",
        target=curriculum,
        before=before,
        after=_values(curriculum),
    )
    return curriculum


@transaction.atomic
def return_to_draft(*, curriculum: Curriculum, actor) -> Curriculum:
    """Undo an approval (the super administrator's correction); the approval date is cleared."""
    if curriculum.status != CurriculumStatus.APPROVED:
        raise ValidationError({"status": [_("Only an approved curriculum can be returned to draft.")]})
    before = _values(curriculum)
    curriculum.status = CurriculumStatus.DRAFT
    curriculum.approved_on = None
    curriculum.approved_by = None
    curriculum.save(update_fields=["status", "approved_on", "approved_by", "updated_at"])
    audit.record(
        actor=actor,
        action="curricula.curriculum.returned_to_draft",
        target=curriculum,
        before=before,
        after=_values(curriculum),
    )
    return curriculum


# --- week schedule -------------------------------------------------------------------------------


@transaction.atomic
def set_week_kinds(*, semester: CurriculumSemester, kinds: dict[int, str], actor) -> list[int]:
    """Change the kind of weeks (by number) of a draft curriculum's semester; returns changed numbers."""
    if semester.curriculum.status != CurriculumStatus.DRAFT:
        raise ValidationError(
            {"weeks": [_("The curriculum is approved: return it to draft to change its week schedule.")]}
        )
    weeks = {w.number: w for w in semester.weeks.all()}
    unknown = sorted(set(kinds) - set(weeks))
    if unknown:
        raise ValidationError({"weeks": [_("Unknown week: %(number)s.") % {"number": unknown[0]}]})
    bad = sorted(n for n, kind in kinds.items() if kind not in WeekKind.values)
    if bad:
        raise ValidationError({f"week_{bad[0]}": [_("Choose a kind of week.")]})
    changed = [weeks[n] for n in sorted(kinds) if weeks[n].kind != kinds[n]]
    before = {w.number: w.kind for w in changed}
    for week in changed:
        week.kind = kinds[week.number]
    CurriculumWeek.objects.bulk_update(changed, ["kind"])
    if changed:
        audit.record(
            actor=actor,
            action="curricula.semester.weeks_changed",
            target=semester,
            before=before,
            after={w.number: w.kind for w in changed},
            data={"curriculum": semester.curriculum_id},
        )
    return [w.number for w in changed]


# --- copying to a new intake year --------------------------------------------------------------------


def _copy_subjects(pairs: dict[int, CurriculumSemester], actor) -> int:
    """Copy subjects with their loads and controls; ``pairs`` maps an old semester id to its copy."""
    old = list(
        CurriculumSubject.objects.filter(semester_id__in=pairs)
        .prefetch_related("loads", "controls")
        .order_by("pk")
    )
    new = CurriculumSubject.objects.bulk_create(
        [
            CurriculumSubject(
                semester=pairs[s.semester_id],
                subject_id=s.subject_id,
                subject_type=s.subject_type,
                block=s.block,
                credits=s.credits,
                final_form=s.final_form,
                department_id=s.department_id,
                created_by=actor,
            )
            for s in old
        ]
    )
    SubjectLoad.objects.bulk_create(
        [
            SubjectLoad(curriculum_subject=n, training_type=load.training_type, hours=load.hours)
            for o, n in zip(old, new, strict=True)
            for load in o.loads.all()
        ]
    )
    SubjectControl.objects.bulk_create(
        [
            SubjectControl(curriculum_subject=n, control_type_id=c.control_type_id, max_points=c.max_points)
            for o, n in zip(old, new, strict=True)
            for c in o.controls.all()
        ]
    )
    return len(new)


def _copy_semesters(source: Curriculum, copy: Curriculum, actor) -> dict[int, CurriculumSemester]:
    old = list(source.semesters.prefetch_related("weeks").order_by("number"))
    new = CurriculumSemester.objects.bulk_create(
        [CurriculumSemester(curriculum=copy, number=s.number, created_by=actor) for s in old]
    )
    weeks = [w for s in old for w in s.weeks.all()]
    shift = year_shift(weeks[0].start_date, copy.intake_year - source.intake_year) if weeks else None
    CurriculumWeek.objects.bulk_create(
        [
            CurriculumWeek(
                semester=n,
                number=w.number,
                kind=w.kind,
                start_date=w.start_date + shift,
                end_date=w.end_date + shift,
            )
            for o, n in zip(old, new, strict=True)
            for w in o.weeks.all()
        ]
    )
    return {o.pk: n for o, n in zip(old, new, strict=True)}


@transaction.atomic
def copy_curriculum(*, source: Curriculum, intake_year: int, actor) -> Curriculum:
    """A draft copy for another intake year: semesters (weeks moved by whole years, weekdays kept),
    subjects, loads and controls."""
    _check_new(source.programme, intake_year, source.education_form)
    copy = Curriculum.objects.create(
        programme=source.programme,
        intake_year=intake_year,
        education_form=source.education_form,
        marking_system=source.marking_system,
        copied_from=source,
        created_by=actor,
    )
    subjects = _copy_subjects(_copy_semesters(source, copy, actor), actor)
    audit.record(
        actor=actor,
        action="curricula.curriculum.copied",
        target=copy,
        after=_values(copy),
        data={"copied_from": source.pk, "subjects": subjects},
    )
    return copy
