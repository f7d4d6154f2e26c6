"""Demo data of the academic set-up (annex 4): academic years 2025-2026 and 2026-2027 (current: its autumn semester) with
their semesters, seven lesson pairs a year, rating criteria, and two local statement types — all
entered by the ``academic`` demo user through the services. Entry dates are then set as if typed in
around the launch on 01.09.2025 and during the summer of 2026 (the 2026-2027 pairs a few days late),
so that the compliance pages of annex 4 have on-time and late items to show."""

import datetime as dt
from decimal import Decimal
from random import Random
from zoneinfo import ZoneInfo

from django.db.models import Q

from hemis.academics.enums import RatingTarget, SemesterType
from hemis.academics.models import (
    AcademicYear,
    ControlType,
    LessonPair,
    MarkingSystem,
    RatingCriterion,
    Semester,
    StatementType,
)
from hemis.academics.services import pairs, rating, types, years
from hemis.access.models import User

TASHKENT = ZoneInfo("Asia/Tashkent")
D = dt.date
LAUNCH = D(2025, 9, 1)

YEARS = (
    (
        "2025-2026",
        D(2025, 9, 1),
        D(2026, 6, 30),
        (D(2025, 9, 1), D(2026, 1, 24)),
        (D(2026, 2, 2), D(2026, 6, 30)),
    ),
    (
        "2026-2027",
        D(2026, 9, 1),
        D(2027, 6, 30),
        (D(2026, 9, 1), D(2027, 1, 23)),
        (D(2027, 2, 1), D(2027, 6, 30)),
    ),
)
PAIRS = (
    (1, dt.time(8, 30), dt.time(9, 50)),
    (2, dt.time(10, 0), dt.time(11, 20)),
    (3, dt.time(11, 30), dt.time(12, 50)),
    (4, dt.time(13, 30), dt.time(14, 50)),
    (5, dt.time(15, 0), dt.time(16, 20)),
    (6, dt.time(16, 30), dt.time(17, 50)),
    (7, dt.time(18, 0), dt.time(19, 20)),
)
CRITERIA = {
    RatingTarget.TEACHER: (
        (
            "Ilmiy maqolalar (Scopus, Web of Science)",
            "Научные статьи (Scopus, Web of Science)",
            "Research papers (Scopus, Web of Science)",
            "30",
            "100",
        ),
        ("Oʻquv-uslubiy nashrlar", "Учебно-методические издания", "Teaching materials published", "25", "50"),
        ("Malaka oshirish", "Повышение квалификации", "Professional development", "15", "20"),
        (
            "Talabalar soʻrovnomasi natijalari",
            "Результаты опроса студентов",
            "Student survey results",
            "30",
            "10",
        ),
    ),
    RatingTarget.DEPARTMENT: (
        (
            "Professor-oʻqituvchilarning ilmiy salohiyati",
            "Научный потенциал преподавателей",
            "Research potential of the teaching staff",
            "40",
            "100",
        ),
        (
            "Ilmiy loyihalar va grantlar",
            "Научные проекты и гранты",
            "Research projects and grants",
            "35",
            "50",
        ),
        (
            "Bitiruvchilarning ishga joylashishi",
            "Трудоустройство выпускников",
            "Graduate employment",
            "25",
            "100",
        ),
    ),
    RatingTarget.FACULTY: (
        ("Talabalar oʻzlashtirishi", "Успеваемость студентов", "Student achievement", "40", "100"),
        ("Xalqaro hamkorlik", "Международное сотрудничество", "International cooperation", "30", "50"),
        (
            "Maʼnaviy-maʼrifiy ishlar",
            "Духовно-просветительская работа",
            "Cultural and educational work",
            "30",
            "50",
        ),
    ),
}
STATEMENT_TYPES = (
    ("21", "Komissiya qaydnomasi", "Ведомость комиссии", "Commission statement"),
    ("22", "Qayta oʻzlashtirish qaydnomasi", "Ведомость повторного освоения", "Re-study statement"),
)
# When each year's records were entered: (year, semesters and criteria, pairs, made current: autumn, spring)
ENTERED = {
    "2025-2026": (D(2025, 8, 25), D(2025, 8, 26), D(2025, 8, 27), D(2025, 8, 28), D(2026, 1, 30)),
    "2026-2027": (D(2026, 7, 20), D(2026, 8, 5), D(2026, 8, 14), D(2026, 8, 28), None),
}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TASHKENT)


def _year(spec, actor) -> AcademicYear:
    name, start, end, autumn, spring = spec
    year = years.save_year(values={"name": name, "start_date": start, "end_date": end}, actor=actor)
    for number, kind, (first, last) in ((1, SemesterType.AUTUMN, autumn), (2, SemesterType.SPRING, spring)):
        years.save_semester(
            academic_year=year,
            values={"semester_type": kind, "number": number, "start_date": first, "end_date": last},
            actor=actor,
        )
    return year


def _criteria(year: AcademicYear, actor) -> int:
    count = 0
    for target, rows in CRITERIA.items():
        for uz, ru, en, weight, points in rows:
            values = {
                "name_uz": uz,
                "name_ru": ru,
                "name_en": en,
                "target": target,
                "weight": Decimal(weight),
                "max_points": Decimal(points),
            }
            rating.save_criterion(academic_year=year, values=values, actor=actor)
            count += 1
    return count


def _backdate(year: AcademicYear) -> None:
    """Set the entry dates as if typed in before the year (see ENTERED)."""
    created, criteria, pairs_on, autumn_on, spring_on = ENTERED[year.name]
    AcademicYear.objects.filter(pk=year.pk).update(created_at=_at(created))
    Semester.objects.filter(academic_year=year).update(created_at=_at(created, 11))
    RatingCriterion.objects.filter(academic_year=year).update(created_at=_at(criteria))
    LessonPair.objects.filter(academic_year=year).update(created_at=_at(pairs_on))
    for number, day in ((1, autumn_on), (2, spring_on)):
        if day is not None:
            Semester.objects.filter(academic_year=year, number=number).update(made_current_on=day)


def _installed_on_launch() -> None:
    """The rows of the data migration (no author) count as entered on the demo launch day."""
    for model in (MarkingSystem, ControlType, StatementType):
        model.objects.filter(created_by__isnull=True).update(created_at=_at(LAUNCH))


def seed(*, rng: Random) -> dict[str, int]:
    actor = User.objects.get(username="academic")
    _installed_on_launch()
    first, second = (_year(spec, actor) for spec in YEARS)
    for number, start, end in PAIRS:
        pairs.save_pair(
            academic_year=first, values={"number": number, "start_time": start, "end_time": end}, actor=actor
        )
    copied = pairs.copy_pairs(source=first, target=second, actor=actor)
    criteria = _criteria(first, actor) + _criteria(second, actor)
    # 2025-2026 autumn, then spring, then the autumn of 2026-2027, which is current on the demo's "today"
    for semester in Semester.objects.filter(
        Q(academic_year=first) | Q(academic_year=second, number=1)
    ).order_by("start_date"):
        years.make_current(semester=semester, actor=actor)
    for code, uz, ru, en in STATEMENT_TYPES:
        types.create_statement_type(
            values={"code": code, "name_uz": uz, "name_ru": ru, "name_en": en}, actor=actor
        )
    for year in (first, second):
        _backdate(year)
    return {
        "academic_years": 2,
        "semesters": 4,
        "lesson_pairs": len(PAIRS) + len(copied),
        "rating_criteria": criteria,
        "statement_types": StatementType.objects.count(),
    }
