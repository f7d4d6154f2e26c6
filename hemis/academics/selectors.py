"""Reads of the academic set-up; pages, other domains and the compliance evaluators use these."""

from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from hemis.academics.enums import RatingTarget
from hemis.academics.models import (
    AcademicYear,
    ControlType,
    GradeBand,
    LessonPair,
    MarkingSystem,
    Programme,
    RatingCriterion,
    Semester,
    StatementType,
    Subject,
)
from hemis.org.models import OrgUnit, StructureType


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


def years_by_start_date() -> list[AcademicYear]:
    return list(AcademicYear.objects.order_by("start_date"))


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


# --- programmes and the subject catalogue (issue 5) ------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilter:
    search: str = ""
    faculty: object = None  # an org.OrgUnit
    education_type: str = ""
    active: bool | None = None


def programme_list(visible: QuerySet[Programme], flt: ProgrammeFilter) -> QuerySet[Programme]:
    """``visible`` (the policy's queryset) narrowed by the filter, with the faculty in the same query."""
    qs = visible.select_related("faculty")
    if flt.search:
        qs = qs.filter(_names_q(flt.search) | Q(code__icontains=flt.search))
    if flt.faculty is not None:
        qs = qs.filter(faculty=flt.faculty)
    if flt.education_type:
        qs = qs.filter(education_type=flt.education_type)
    if flt.active is not None:
        qs = qs.filter(is_active=flt.active)
    return qs.order_by("code")


def programme_with_counts(visible: QuerySet[Programme]) -> QuerySet[Programme]:
    """Programmes with ``curricula_count`` and ``groups_count`` (subqueries: one query in all)."""
    return visible.select_related("faculty").annotate(
        curricula_count=_count_of("curricula"), groups_count=_count_of("groups")
    )


def _count_of(relation: str):
    model = Programme._meta.get_field(relation).related_model
    rows = model.objects.filter(programme=OuterRef("pk")).order_by().values("programme")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def _names_q(search: str) -> Q:
    return Q(name_uz__icontains=search) | Q(name_ru__icontains=search) | Q(name_en__icontains=search)


def faculties() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(structure_type=StructureType.FACULTY).order_by("code")


def departments() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(structure_type=StructureType.DEPARTMENT).order_by("code")


@dataclass(frozen=True)
class SubjectFilter:
    search: str = ""
    department: object = None  # an org.OrgUnit
    incomplete_english: bool = False
    active: bool | None = None


def subject_list(visible: QuerySet[Subject], flt: SubjectFilter) -> QuerySet[Subject]:
    """Catalogue entries: ``incomplete_english`` keeps those without an English name or description."""
    qs = visible.select_related("department")
    if flt.search:
        qs = qs.filter(_names_q(flt.search) | Q(code__icontains=flt.search))
    if flt.department is not None:
        qs = qs.filter(department=flt.department)
    if flt.incomplete_english:
        qs = qs.filter(Q(name_en="") | Q(description_en=""))
    if flt.active is not None:
        qs = qs.filter(is_active=flt.active)
    return qs.order_by("code")


def programmes_for_compliance() -> list[Programme]:
    """Programmes with an opening date and their faculty (annex 5 item 1, annex 4 item 4), one query."""
    return list(
        Programme.objects.filter(opened_on__isnull=False)
        .select_related("faculty")
        .order_by("opened_on", "pk")
    )
