"""Lesson-pair times of an academic year (annex 4, item 6)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.models import AcademicYear, LessonPair
from hemis.academics.services.common import assign, snapshot
from hemis.audit import services as audit

FIELDS = ("number", "start_time", "end_time")
MAX_PAIRS = 12


def _t(value) -> str:
    return value.strftime("%H:%M")


def _check(pair: LessonPair) -> None:
    if pair.number is not None and not 1 <= pair.number <= MAX_PAIRS:
        raise ValidationError({"number": [_("The pair number is from 1 to %(max)s.") % {"max": MAX_PAIRS}]})
    if pair.start_time is None or pair.end_time is None:
        return  # full_clean() names the missing time
    if pair.end_time <= pair.start_time:
        raise ValidationError({"end_time": [_("The pair must end after it starts.")]})
    others = LessonPair.objects.filter(academic_year_id=pair.academic_year_id).exclude(pk=pair.pk)
    if others.filter(number=pair.number).exists():
        raise ValidationError(
            {"number": [_("Pair %(number)s already exists in this year.") % {"number": pair.number}]}
        )
    clash = others.filter(start_time__lt=pair.end_time, end_time__gt=pair.start_time).first()
    if clash is not None:
        field = "start_time" if clash.start_time <= pair.start_time < clash.end_time else "end_time"
        message = _("Overlaps pair %(number)s (%(start)s–%(end)s).") % {
            "number": clash.number,
            "start": _t(clash.start_time),
            "end": _t(clash.end_time),
        }
        raise ValidationError({field: [message]})


def _lock_year(year_id: int) -> None:
    """Serialise the writers of one year's pairs, so two overlapping pairs cannot both pass the check."""
    AcademicYear.objects.select_for_update().filter(pk=year_id).first()


@transaction.atomic
def save_pair(
    *,
    pair: LessonPair | None = None,
    academic_year: AcademicYear | None = None,
    values: dict[str, Any],
    actor,
) -> LessonPair:
    """Add a lesson pair to ``academic_year`` or change one; no two pairs of a year overlap."""
    creating = pair is None
    pair = pair or LessonPair(academic_year=academic_year, created_by=actor)
    _lock_year(pair.academic_year_id)
    before = None if creating else snapshot(pair, FIELDS)
    assign(pair, {k: v for k, v in values.items() if k in FIELDS})
    _check(pair)
    pair.full_clean()
    pair.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor,
        action=f"academics.lessonpair.{verb}",
        target=pair,
        before=before,
        after=snapshot(pair, FIELDS),
    )
    return pair


@transaction.atomic
def delete_pair(*, pair: LessonPair, actor) -> None:
    audit.record(
        actor=actor, action="academics.lessonpair.deleted", target=pair, before=snapshot(pair, FIELDS)
    )
    pair.delete()


@transaction.atomic
def copy_pairs(*, source: AcademicYear, target: AcademicYear, actor) -> list[LessonPair]:
    """Copy every lesson pair of ``source`` into ``target``, which must have none yet."""
    _lock_year(target.pk)
    if source.pk == target.pk:
        raise ValidationError({"source": [_("Choose another academic year to copy from.")]})
    if target.lesson_pairs.exists():
        raise ValidationError(
            {
                "academic_year": [
                    _("The academic year %(year)s already has lesson pairs.") % {"year": target.name}
                ]
            }
        )
    pairs = [
        LessonPair(
            academic_year=target,
            number=p.number,
            start_time=p.start_time,
            end_time=p.end_time,
            created_by=actor,
        )
        for p in source.lesson_pairs.order_by("number")
    ]
    if not pairs:
        raise ValidationError(
            {"source": [_("The academic year %(year)s has no lesson pairs to copy.") % {"year": source.name}]}
        )
    created = LessonPair.objects.bulk_create(pairs)
    audit.record(
        actor=actor,
        action="academics.lessonpair.copied",
        target=target,
        data={"source": source.name, "pairs": [str(p) for p in pairs]},
    )
    return created
