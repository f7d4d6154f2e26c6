"""Rating criteria of teachers, departments and faculties per academic year (annex 4, item 7)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from hemis.academics.models import AcademicYear, RatingCriterion
from hemis.academics.services.common import NAMES, assign, snapshot
from hemis.audit import services as audit

FIELDS = (*NAMES, "target", "weight", "max_points")
MAX_TOTAL_WEIGHT = Decimal(100)


def _number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check(criterion: RatingCriterion) -> None:
    if criterion.weight is not None and criterion.weight <= 0:
        raise ValidationError({"weight": [_("The weight must be greater than 0.")]})
    if criterion.max_points is not None and criterion.max_points <= 0:
        raise ValidationError({"max_points": [_("The maximum points must be greater than 0.")]})
    if criterion.weight is None or not criterion.target:
        return  # full_clean() names the missing value
    others = RatingCriterion.objects.filter(
        academic_year_id=criterion.academic_year_id, target=criterion.target
    ).exclude(pk=criterion.pk)
    total = (others.aggregate(total=Sum("weight"))["total"] or Decimal(0)) + criterion.weight
    if total > MAX_TOTAL_WEIGHT:
        raise ValidationError(
            {
                "weight": [
                    _(
                        "The weights of this year's criteria for %(target)s would add up to %(total)s%%; "
                        "at most 100%% is allowed."
                    )
                    % {"target": criterion.get_target_display().lower(), "total": _number(total)}
                ]
            }
        )


@transaction.atomic
def save_criterion(
    *,
    criterion: RatingCriterion | None = None,
    academic_year: AcademicYear | None = None,
    values: dict[str, Any],
    actor,
) -> RatingCriterion:
    """Add a rating criterion to ``academic_year`` or change one; a target's weights add up to ≤ 100."""
    creating = criterion is None
    criterion = criterion or RatingCriterion(academic_year=academic_year, created_by=actor)
    AcademicYear.objects.select_for_update().filter(
        pk=criterion.academic_year_id
    ).first()  # one writer a year
    before = None if creating else snapshot(criterion, FIELDS)
    assign(criterion, {k: v for k, v in values.items() if k in FIELDS})
    _check(criterion)
    criterion.full_clean()
    criterion.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor,
        action=f"academics.ratingcriterion.{verb}",
        target=criterion,
        before=before,
        after=snapshot(criterion, FIELDS),
    )
    return criterion


@transaction.atomic
def delete_criterion(*, criterion: RatingCriterion, actor) -> None:
    audit.record(
        actor=actor,
        action="academics.ratingcriterion.deleted",
        target=criterion,
        before=snapshot(criterion, FIELDS),
    )
    criterion.delete()
