"""Academic years and semesters: date rules, and switching the current semester."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hemis.academics import selectors
from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, Semester
from hemis.academics.services import years
from hemis.academics.tests import factories as af
from hemis.audit.models import AuditEvent

D = dt.date


def en(error) -> dict:
    with translation.override("en"):
        return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_year_is_created_and_audited(db):
    year = af.year(2026)
    assert (year.name, year.start_date, year.end_date, year.is_current) == (
        "2026-2027",
        D(2026, 9, 1),
        D(2027, 6, 30),
        False,
    )
    event = AuditEvent.objects.get(action="academics.academicyear.created")
    assert event.data["after"] == {"name": "2026-2027", "start_date": "2026-09-01", "end_date": "2027-06-30"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"name": "2026-2028"},
            {"name": ["Write the academic year as two consecutive years, e.g. 2026-2027."]},
        ),
        ({"end_date": D(2026, 8, 1)}, {"end_date": ["The end date must be after the start date."]}),
        (
            {"name": "2025-2026", "start_date": D(2026, 6, 1)},
            {"start_date": ["The dates overlap the academic year 2026-2027."]},
        ),
    ],
)
def test_bad_year_is_refused_and_nothing_saved(db, values, expected):
    af.year(2026)
    base = {"name": "2027-2028", "start_date": D(2027, 9, 1), "end_date": D(2028, 6, 30)}
    with pytest.raises(ValidationError) as error:
        years.save_year(values={**base, **values}, actor=None)
    assert en(error) == expected
    assert AcademicYear.objects.count() == 1


def semester_values(**changes):
    return {
        "semester_type": SemesterType.SPRING,
        "number": 2,
        "start_date": D(2027, 2, 1),
        "end_date": D(2027, 6, 30),
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"end_date": D(2027, 1, 31)}, {"end_date": ["The end date must be after the start date."]}),
        (
            {"start_date": D(2027, 1, 20)},
            {
                "start_date": [
                    "The dates overlap the semester 2026-2027, Autumn semester (01.09.2026–25.01.2027)."
                ]
            },
        ),
        (
            {"end_date": D(2027, 7, 15)},
            {"end_date": ["The semester must end within the academic year (by 30.06.2027)."]},
        ),
        ({"number": 1}, {"number": ["This year already has a semester with this number."]}),
    ],
)
def test_bad_semester_is_refused_and_nothing_saved(db, changes, expected):
    year = af.year(2026)
    years.save_semester(
        academic_year=year,
        values=semester_values(
            semester_type=SemesterType.AUTUMN, number=1, start_date=D(2026, 9, 1), end_date=D(2027, 1, 25)
        ),
        actor=None,
    )
    with pytest.raises(ValidationError) as error:
        years.save_semester(academic_year=year, values=semester_values(**changes), actor=None)
    assert en(error) == expected
    assert Semester.objects.count() == 1


def test_semester_starting_before_its_year_is_refused(db):
    year = af.year(2026)
    with pytest.raises(ValidationError) as error:
        years.save_semester(academic_year=year, values=semester_values(start_date=D(2026, 8, 25)), actor=None)
    assert en(error) == {
        "start_date": ["The semester must start within the academic year (from 01.09.2026)."]
    }
    assert Semester.objects.count() == 0


def test_year_cannot_shrink_away_from_its_semesters(db):
    year = af.year(2026)
    af.semesters(year)
    with pytest.raises(ValidationError) as error:
        years.save_year(year=year, values={"end_date": D(2027, 5, 31)}, actor=None)
    assert en(error) == {
        "start_date": ["The semester 2026-2027, Spring semester would fall outside the year."]
    }
    year.refresh_from_db()
    assert year.end_date == D(2027, 6, 30)


def test_make_current_leaves_exactly_one_current_year_and_semester(db):
    old_autumn, old_spring = af.semesters(af.year(2025))
    autumn, spring = af.semesters(af.year(2026))
    years.make_current(semester=old_spring, actor=None)
    years.make_current(semester=autumn, actor=None)
    assert list(Semester.objects.filter(is_current=True)) == [autumn]
    assert list(AcademicYear.objects.filter(is_current=True).values_list("name", flat=True)) == ["2026-2027"]
    today = timezone.localdate()
    assert Semester.objects.get(pk=old_spring.pk).made_current_on == today
    assert Semester.objects.get(pk=autumn.pk).made_current_on == today
    assert selectors.current_semester() == autumn
    assert selectors.current_semester().academic_year.name == "2026-2027"
    events = AuditEvent.objects.filter(action="academics.semester.made_current").order_by("id")
    assert [(e.target_id, e.data["after"]["made_current_on"]) for e in events] == [
        (str(old_spring.pk), today.isoformat()),
        (str(autumn.pk), today.isoformat()),
    ]
    assert events[0].data["before"] == {"current": None}


def test_made_current_on_keeps_the_first_day(db):
    autumn, spring = af.semesters(af.year(2026))
    years.make_current(semester=autumn, actor=None)
    Semester.objects.filter(pk=autumn.pk).update(made_current_on=D(2026, 8, 28))
    years.make_current(semester=spring, actor=None)
    years.make_current(semester=Semester.objects.get(pk=autumn.pk), actor=None)
    assert Semester.objects.get(pk=autumn.pk).made_current_on == D(2026, 8, 28)


def test_current_semester_is_none_before_one_is_set(db):
    af.semesters(af.year(2026))
    assert selectors.current_semester() is None


def test_current_semester_cannot_be_deleted(db):
    autumn, _spring = af.semesters(af.year(2026))
    years.make_current(semester=autumn, actor=None)
    with pytest.raises(ValidationError):
        years.delete_semester(semester=autumn, actor=None)
    assert Semester.objects.filter(pk=autumn.pk).exists()
