"""Marking systems: the standard ones the data migration loads, and the band rules of the service."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.academics.models import GradeBand, MarkingSystem
from hemis.academics.services.marking import save_marking_system
from hemis.audit.models import AuditEvent

FIVE_POINT = [
    {"grade": "5", "name_uz": "aʼlo", "min_value": 5, "max_value": 5},
    {"grade": "4", "name_uz": "yaxshi", "min_value": 4, "max_value": 4},
    {"grade": "3", "name_uz": "qoniqarli", "min_value": 3, "max_value": 3},
    {"grade": "2", "name_uz": "qoniqarsiz", "min_value": 0, "max_value": 2},
]


def bands_of(code: str) -> list[tuple]:
    system = MarkingSystem.objects.get(code=code)
    return [(b.grade, b.name_uz, b.min_value, b.max_value, b.grade_point) for b in system.bands.all()]


def en(error: ValidationError) -> dict:
    with translation.override("en"):
        return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_standard_systems_are_loaded(db):
    systems = MarkingSystem.objects.order_by("code")
    assert [(s.code, s.name_en, s.pass_border, s.max_value, s.is_active) for s in systems] == [
        ("11", "Rating system (100-point)", 55, 100, True),
        ("12", "Five-point system", 3, 5, True),
        ("13", "Credit system", 60, 100, True),
    ]
    assert bands_of("11") == [
        ("5", "aʼlo", 86, 100, Decimal("5.00")),
        ("4", "yaxshi", 71, 85, Decimal("4.00")),
        ("3", "qoniqarli", 55, 70, Decimal("3.00")),
        ("2", "qoniqarsiz", 0, 54, Decimal("2.00")),
    ]
    # The five-point grades count as their own grade points in the GPA (migration 0006).
    assert bands_of("12") == [
        (g, n, lo, hi, Decimal(g))
        for g, n, lo, hi in (
            ("5", "aʼlo", 5, 5),
            ("4", "yaxshi", 4, 4),
            ("3", "qoniqarli", 3, 3),
            ("2", "qoniqarsiz", 0, 2),
        )
    ]
    assert [(g, lo, hi, p) for g, _n, lo, hi, p in bands_of("13")] == [
        ("A", 90, 100, Decimal("4.00")),
        ("B", 80, 89, Decimal("3.50")),
        ("C", 70, 79, Decimal("3.00")),
        ("D", 65, 69, Decimal("2.50")),
        ("E", 60, 64, Decimal("2.00")),
        ("F", 0, 59, Decimal("0.00")),
    ]


def new_values(**changes) -> dict:
    return {
        "code": "21",
        "name_uz": "Oʻn ballik tizim",
        "pass_border": 3,
        "max_value": 5,
        "is_active": True,
        **changes,
    }


def test_create_system_with_bands_is_audited(db):
    system = save_marking_system(values=new_values(), bands=FIVE_POINT, actor=None)
    assert [(b.grade, b.min_value, b.max_value) for b in system.bands.all()] == [
        ("5", 5, 5),
        ("4", 4, 4),
        ("3", 3, 3),
        ("2", 0, 2),
    ]
    event = AuditEvent.objects.get(action="academics.markingsystem.created")
    assert event.target_id == str(system.pk)
    assert [b["grade"] for b in event.data["after"]["bands"]] == ["5", "4", "3", "2"]


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (
            [{**FIVE_POINT[0]}, {**FIVE_POINT[1], "max_value": 5}, *FIVE_POINT[2:]],
            "Band 4 (4–5) overlaps band 5 (5–5).",
        ),
        (
            [FIVE_POINT[0], FIVE_POINT[1], FIVE_POINT[3]],
            "There is a gap between band 2 (0–2) and band 4 (4–4).",
        ),
        ([*FIVE_POINT[:3], {**FIVE_POINT[3], "min_value": 1}], "The lowest band must start at 0."),
        (
            [{**FIVE_POINT[0], "max_value": 6}, *FIVE_POINT[1:]],
            "The highest band must end at the maximum value 5.",
        ),
        ([*FIVE_POINT[:3], {**FIVE_POINT[3], "grade": "3"}], "Each grade may appear only once."),
        (
            [{**FIVE_POINT[0], "min_value": 5, "max_value": 4}, *FIVE_POINT[1:]],
            "Band 5 (5–4) ends before it starts.",
        ),
        ([], "Add at least one grade band."),
    ],
)
def test_bad_bands_are_refused_and_nothing_is_saved(db, bands, message):
    with pytest.raises(ValidationError) as error:
        save_marking_system(values=new_values(), bands=bands, actor=None)
    assert en(error) == {"bands": [message]}
    assert not MarkingSystem.objects.filter(code="21").exists()
    assert not AuditEvent.objects.filter(action__startswith="academics.").exists()


@pytest.mark.parametrize("border", [0, 6])
def test_pass_border_outside_the_range_is_refused(db, border):
    with pytest.raises(ValidationError) as error:
        save_marking_system(values=new_values(pass_border=border), bands=FIVE_POINT, actor=None)
    assert en(error) == {"pass_border": ["The pass border must lie between 1 and the maximum value 5."]}
    assert not MarkingSystem.objects.filter(code="21").exists()


def test_editing_replaces_the_bands_and_keeps_them_when_refused(db):
    system = MarkingSystem.objects.get(code="11")
    bands = [
        {"grade": "5", "name_uz": "aʼlo", "min_value": 90, "max_value": 100},
        {"grade": "4", "name_uz": "yaxshi", "min_value": 70, "max_value": 89},
        {"grade": "3", "name_uz": "qoniqarli", "min_value": 60, "max_value": 69},
        {"grade": "2", "name_uz": "qoniqarsiz", "min_value": 0, "max_value": 59},
    ]
    save_marking_system(system=system, values={"pass_border": 60}, bands=bands, actor=None)
    assert [(b.grade, b.min_value, b.max_value) for b in GradeBand.objects.filter(marking_system=system)] == [
        ("5", 90, 100),
        ("4", 70, 89),
        ("3", 60, 69),
        ("2", 0, 59),
    ]
    event = AuditEvent.objects.get(action="academics.markingsystem.updated")
    assert (event.data["before"]["pass_border"], event.data["after"]["pass_border"]) == (55, 60)
    with pytest.raises(ValidationError):
        save_marking_system(system=system, values={"max_value": 90}, bands=bands, actor=None)
    system.refresh_from_db()
    assert (system.max_value, system.bands.count()) == (100, 4)
