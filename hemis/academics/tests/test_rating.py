"""Rating criteria: positive weight and points, and weights of a target adding up to at most 100."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.academics.enums import RatingTarget
from hemis.academics.models import RatingCriterion
from hemis.academics.services import rating
from hemis.academics.tests import factories as af


def en(error) -> dict:
    with translation.override("en"):
        return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_weights_up_to_100_are_accepted_per_target(db):
    year = af.year(2026)
    af.criterion(year, "60")
    af.criterion(year, "40", name="Oʻquv-uslubiy ishlar")
    af.criterion(year, "100", target=RatingTarget.FACULTY)
    totals = {t: sum(c.weight for c in RatingCriterion.objects.filter(target=t)) for t in RatingTarget.values}
    assert totals == {"teacher": Decimal("100"), "department": 0, "faculty": Decimal("100")}


def test_weights_over_100_are_refused_with_the_total(db):
    year = af.year(2026)
    af.criterion(year, "60")
    with pytest.raises(ValidationError) as error:
        af.criterion(year, "40.5")
    assert en(error) == {
        "weight": [
            "The weights of this year's criteria for teachers would add up to 100.5%; at most 100% is allowed."
        ]
    }
    assert RatingCriterion.objects.count() == 1


def test_another_years_weights_do_not_count(db):
    af.criterion(af.year(2025), "90")
    af.criterion(af.year(2026), "90")
    assert RatingCriterion.objects.count() == 2


def test_editing_counts_the_others_only(db):
    year = af.year(2026)
    first = af.criterion(year, "60")
    af.criterion(year, "30")
    rating.save_criterion(criterion=first, values={"weight": Decimal("70")}, actor=None)
    with pytest.raises(ValidationError):
        rating.save_criterion(criterion=first, values={"weight": Decimal("71")}, actor=None)
    first.refresh_from_db()
    assert first.weight == Decimal("70.00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight", "0", "The weight must be greater than 0."),
        ("max_points", "-1", "The maximum points must be greater than 0."),
    ],
)
def test_weight_and_points_must_be_positive(db, field, value, message):
    year = af.year(2026)
    values = {
        "name_uz": "Ilmiy maqolalar",
        "target": RatingTarget.TEACHER,
        "weight": Decimal("10"),
        "max_points": Decimal("10"),
        field: Decimal(value),
    }
    with pytest.raises(ValidationError) as error:
        rating.save_criterion(academic_year=year, values=values, actor=None)
    assert en(error) == {field: [message]}
    assert RatingCriterion.objects.count() == 0
