"""Reads of the academic set-up; pages, other domains and the compliance evaluators use these."""

from django.db.models import Min, Prefetch, Q, QuerySet, Sum

from hemis.academics.enums import RatingTarget
from hemis.academics.models import (
    AcademicYear,
    ControlType,
    GradeBand,
    LessonPair,
    MarkingSystem,
    RatingCriterion,
    Semester,
    StatementType,
)


def current_semester() -> Semester | None:
    """The current semester with its academic year (one query), or None before one is set."""
    return Semester.objects.select_related("academic_year").filter(is_current=True).first()


def current_academic_year() -> AcademicYear | None:
    return AcademicYear.objects.filter(is_current=True).first()


def marking_systems(q: str = "") -> QuerySet[MarkingSystem]:
    qs = MarkingSystem.objects.prefetch_related(
        Prefetch("bands", queryset=GradeBand.objects.order_by("-min_value"))
    )
    if q:
        qs = qs.filter(
            Q(code__icontains=q) | Q(name_uz__icontains=q) | Q(name_ru__icontains=q) | Q(name_en__icontains=q)
        )
    return qs.order_by("code")


def control_types() -> QuerySet[ControlType]:
    return ControlType.objects.order_by("code")


def statement_types() -> QuerySet[StatementType]:
    return StatementType.objects.order_by("code")


def academic_years() -> QuerySet[AcademicYear]:
    """Every academic year, newest first, with its semesters."""
    return AcademicYear.objects.prefetch_related(
        Prefetch("semesters", queryset=Semester.objects.order_by("number"))
    ).order_by("-start_date")


def year_choices() -> list[AcademicYear]:
    return list(AcademicYear.objects.order_by("-start_date"))


def default_year(years: list[AcademicYear]) -> AcademicYear | None:
    """The current year, else the newest one."""
    return next((y for y in years if y.is_current), years[0] if years else None)


def previous_year(year: AcademicYear) -> AcademicYear | None:
    return AcademicYear.objects.filter(start_date__lt=year.start_date).order_by("-start_date").first()


def lesson_pairs(year: AcademicYear) -> QuerySet[LessonPair]:
    return LessonPair.objects.filter(academic_year=year).select_related("created_by").order_by("number")


def rating_criteria(year: AcademicYear, target: str) -> QuerySet[RatingCriterion]:
    return RatingCriterion.objects.filter(academic_year=year, target=target).order_by("pk")


def weight_totals(year: AcademicYear) -> dict[str, object]:
    rows = RatingCriterion.objects.filter(academic_year=year).values("target").annotate(total=Sum("weight"))
    return {row["target"]: row["total"] for row in rows}


# --- for the compliance evaluators (annex 4) -----------------------------------------------------


def first_active_marking_system() -> MarkingSystem | None:
    return MarkingSystem.objects.filter(is_active=True).order_by("created_at", "pk").first()


def semesters_with_years() -> list[Semester]:
    return list(Semester.objects.select_related("academic_year").order_by("start_date", "pk"))


def years_with_first_pair() -> list[AcademicYear]:
    """Every academic year with ``first_pair_at``: when its first lesson pair was entered (or None)."""
    return list(
        AcademicYear.objects.annotate(first_pair_at=Min("lesson_pairs__created_at")).order_by("start_date")
    )


def years_with_first_criteria() -> list[AcademicYear]:
    """Every academic year with ``first_<target>_at`` for each rating target (None while it has none)."""
    firsts = {
        f"first_{target}_at": Min("rating_criteria__created_at", filter=Q(rating_criteria__target=target))
        for target in RatingTarget.values
    }
    return list(AcademicYear.objects.annotate(**firsts).order_by("start_date"))
