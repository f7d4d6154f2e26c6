"""Lesson pairs: overlap, order and number rules, and the copy of a year's pairs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.academics.models import LessonPair
from hemis.academics.services import pairs
from hemis.academics.tests import factories as af
from hemis.audit.models import AuditEvent

T = dt.time


def en(error) -> dict:
    with translation.override("en"):
        return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


@pytest.fixture
def year(db):
    year = af.year(2026)
    for number, start, end in af.STANDARD_PAIRS:
        af.pair(year, number, start, end)
    return year


def times(year) -> list[tuple]:
    return list(
        LessonPair.objects.filter(academic_year=year)
        .order_by("number")
        .values_list("number", "start_time", "end_time")
    )


@pytest.mark.parametrize(
    ("number", "start", "end", "expected"),
    [
        (4, T(9, 30), T(10, 30), {"start_time": ["Overlaps pair 1 (08:30–09:50)."]}),
        (4, T(7, 30), T(8, 45), {"end_time": ["Overlaps pair 1 (08:30–09:50)."]}),
        (4, T(8, 0), T(13, 0), {"end_time": ["Overlaps pair 1 (08:30–09:50)."]}),
        (4, T(14, 0), T(14, 0), {"end_time": ["The pair must end after it starts."]}),
        (4, T(15, 0), T(14, 0), {"end_time": ["The pair must end after it starts."]}),
        (2, T(14, 0), T(15, 20), {"number": ["Pair 2 already exists in this year."]}),
        (13, T(14, 0), T(15, 20), {"number": ["The pair number is from 1 to 12."]}),
    ],
)
def test_bad_pair_is_refused_and_nothing_saved(year, number, start, end, expected):
    with pytest.raises(ValidationError) as error:
        af.pair(year, number, start, end)
    assert en(error) == expected
    assert times(year) == af.STANDARD_PAIRS
    assert AuditEvent.objects.filter(action="academics.lessonpair.created").count() == 3


def test_adjacent_pairs_do_not_overlap(year):
    af.pair(year, 4, T(12, 50), T(14, 10))
    assert times(year)[-1] == (4, T(12, 50), T(14, 10))


def test_same_times_in_another_year_are_fine(year):
    other = af.year(2027)
    af.pair(other, 1, T(8, 30), T(9, 50))
    assert times(other) == [(1, T(8, 30), T(9, 50))]


def test_editing_a_pair_checks_against_the_others_only(year):
    first = LessonPair.objects.get(academic_year=year, number=1)
    pairs.save_pair(pair=first, values={"start_time": T(8, 0), "end_time": T(9, 20)}, actor=None)
    assert times(year)[0] == (1, T(8, 0), T(9, 20))
    with pytest.raises(ValidationError) as error:
        pairs.save_pair(pair=first, values={"end_time": T(10, 10)}, actor=None)
    assert en(error) == {"end_time": ["Overlaps pair 2 (10:00–11:20)."]}
    assert times(year)[0] == (1, T(8, 0), T(9, 20))


def test_copy_pairs_to_a_new_year(year):
    target = af.year(2027)
    copied = pairs.copy_pairs(source=year, target=target, actor=None)
    assert len(copied) == 3
    assert times(target) == af.STANDARD_PAIRS
    event = AuditEvent.objects.get(action="academics.lessonpair.copied")
    assert (event.target_id, event.data["source"]) == (str(target.pk), "2026-2027")


def test_copy_refused_when_the_target_has_pairs(year):
    target = af.year(2027)
    af.pair(target, 1, T(9, 0), T(10, 20))
    with pytest.raises(ValidationError) as error:
        pairs.copy_pairs(source=year, target=target, actor=None)
    assert en(error) == {"academic_year": ["The academic year 2027-2028 already has lesson pairs."]}
    assert times(target) == [(1, T(9, 0), T(10, 20))]


def test_copy_refused_from_an_empty_year(year):
    empty = af.year(2027)
    with pytest.raises(ValidationError) as error:
        pairs.copy_pairs(source=empty, target=af.year(2028), actor=None)
    assert en(error) == {"source": ["The academic year 2027-2028 has no lesson pairs to copy."]}
    assert LessonPair.objects.count() == 3
