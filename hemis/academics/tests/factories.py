"""Builders for the academic set-up tests (through the services, as the pages do)."""

import datetime as dt
from decimal import Decimal

from hemis.academics.enums import RatingTarget, SemesterType
from hemis.academics.models import AcademicYear, LessonPair, RatingCriterion, Semester
from hemis.academics.services import pairs, rating, years
from hemis.testing import factories as f

D = dt.date
T = dt.time


def academic_user():
    user = f.UserFactory(username="academic", first_name="Nodira", last_name="Saidova")
    f.grant(user, "academic")
    return user


def year(first: int = 2026, actor=None) -> AcademicYear:
    return years.save_year(
        values={
            "name": f"{first}-{first + 1}",
            "start_date": D(first, 9, 1),
            "end_date": D(first + 1, 6, 30),
        },
        actor=actor,
    )


def semesters(academic_year: AcademicYear, actor=None) -> tuple[Semester, Semester]:
    first = academic_year.start_date.year
    autumn = years.save_semester(
        academic_year=academic_year,
        values={
            "semester_type": SemesterType.AUTUMN,
            "number": 1,
            "start_date": D(first, 9, 1),
            "end_date": D(first + 1, 1, 25),
        },
        actor=actor,
    )
    spring = years.save_semester(
        academic_year=academic_year,
        values={
            "semester_type": SemesterType.SPRING,
            "number": 2,
            "start_date": D(first + 1, 2, 2),
            "end_date": D(first + 1, 6, 30),
        },
        actor=actor,
    )
    return autumn, spring


STANDARD_PAIRS = [(1, T(8, 30), T(9, 50)), (2, T(10, 0), T(11, 20)), (3, T(11, 30), T(12, 50))]


def pair(academic_year: AcademicYear, number: int, start: dt.time, end: dt.time, actor=None) -> LessonPair:
    return pairs.save_pair(
        academic_year=academic_year,
        values={"number": number, "start_time": start, "end_time": end},
        actor=actor,
    )


def criterion(
    academic_year: AcademicYear,
    weight: str = "20",
    target: str = RatingTarget.TEACHER,
    name: str = "Ilmiy maqolalar",
) -> RatingCriterion:
    return rating.save_criterion(
        academic_year=academic_year,
        values={"name_uz": name, "target": target, "weight": Decimal(weight), "max_points": Decimal("100")},
        actor=None,
    )
