"""Reads of curricula for the pages and the compliance evaluators (annex 5 items 2 and 3)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
)


def curricula(
    base: QuerySet[Curriculum],
    *,
    programme=None,
    faculty=None,
    intake_year: int | None = None,
    status: str = "",
) -> QuerySet[Curriculum]:
    """A filtered list with the programme, faculty and marking system, and per-curriculum totals."""
    qs = base.select_related("programme__faculty", "marking_system")
    if programme is not None:
        qs = qs.filter(programme=programme)
    if faculty is not None:
        qs = qs.filter(programme__faculty=faculty)
    if intake_year:
        qs = qs.filter(intake_year=intake_year)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        semester_count=Count("semesters", distinct=True),
        subject_count=Count("semesters__subjects", distinct=True),
        empty_count=Count("semesters", filter=Q(semesters__subjects__isnull=True), distinct=True),
    ).order_by("programme__code", "-intake_year", "education_form")


def curriculum(base: QuerySet[Curriculum], pk: int) -> Curriculum:
    """One curriculum with everything its page shows (a fixed number of queries)."""
    subjects = CurriculumSubject.objects.select_related("subject", "department").prefetch_related(
        "loads",
        Prefetch("controls", queryset=SubjectControl.objects.select_related("control_type")),
    )
    semesters = CurriculumSemester.objects.order_by("number").prefetch_related(
        Prefetch("weeks", queryset=CurriculumWeek.objects.order_by("number")),
        Prefetch("subjects", queryset=subjects.order_by("subject__code")),
    )
    return (
        base.select_related("programme__faculty", "marking_system", "approved_by", "copied_from")
        .prefetch_related(Prefetch("semesters", queryset=semesters))
        .get(pk=pk)
    )


@dataclass
class SemesterTotals:
    credits: Decimal = Decimal(0)
    hours: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    weeks: list[tuple[str, str, int]] = field(default_factory=list)


def semester_totals(semester: CurriculumSemester) -> SemesterTotals:
    """Credits, hours (per lesson type) and weeks per kind of a prefetched semester."""
    totals = SemesterTotals()
    by_type: Counter[str] = Counter()
    for cs in semester.subjects.all():
        totals.credits += cs.credits
        for load in cs.loads.all():
            by_type[load.training_type] += load.hours
    totals.hours = sum(by_type.values())
    totals.by_type = {t: by_type.get(t, 0) for t in TrainingType.values}
    totals.weeks = week_counts(semester.weeks.all())
    return totals


def week_counts(weeks) -> list[tuple[str, str, int]]:
    """(kind, label, number of weeks) for every kind present, in the order of ``WeekKind``."""
    kinds = Counter(w.kind for w in weeks)
    return [(kind, label, kinds[kind]) for kind, label in WeekKind.choices if kinds[kind]]


def semester(base: QuerySet[Curriculum], pk: int) -> CurriculumSemester:
    """A semester of a visible curriculum with its weeks."""
    return (
        CurriculumSemester.objects.filter(curriculum__in=base)
        .select_related("curriculum__programme__faculty", "curriculum__marking_system")
        .prefetch_related(Prefetch("weeks", queryset=CurriculumWeek.objects.order_by("number")))
        .get(pk=pk)
    )


def curriculum_subject(base: QuerySet[Curriculum], pk: int) -> CurriculumSubject:
    """A subject of a visible curriculum with its semester, loads and controls."""
    return (
        CurriculumSubject.objects.filter(semester__curriculum__in=base)
        .select_related(
            "subject",
            "department",
            "semester__curriculum__programme__faculty",
            "semester__curriculum__marking_system",
        )
        .prefetch_related(
            "loads", Prefetch("controls", queryset=SubjectControl.objects.select_related("control_type"))
        )
        .get(pk=pk)
    )


def export_rows(qs: QuerySet[Curriculum]) -> QuerySet[CurriculumSubject]:
    """Every subject of the listed curricula, for the Excel export (one query plus two prefetches)."""
    return (
        CurriculumSubject.objects.filter(semester__curriculum__in=qs)
        .select_related("subject", "department", "semester__curriculum__programme__faculty")
        .prefetch_related(
            "loads", Prefetch("controls", queryset=SubjectControl.objects.select_related("control_type"))
        )
        .order_by(
            "semester__curriculum__programme__code",
            "-semester__curriculum__intake_year",
            "semester__number",
            "subject__code",
        )
    )


# --- for the compliance evaluators -----------------------------------------------------------------


def curricula_for_compliance() -> QuerySet[Curriculum]:
    """Every curriculum with its programme and faculty (annex 5 item 2)."""
    return Curriculum.objects.select_related("programme__faculty").order_by("pk")


def semesters_with_last_subject() -> QuerySet[CurriculumSemester]:
    """Every curriculum semester with the time its latest subject was entered (annex 5 item 3)."""
    return (
        CurriculumSemester.objects.select_related("curriculum__programme__faculty")
        .annotate(last_subject_at=Max("subjects__created_at"))
        .order_by("curriculum_id", "number")
    )


# --- a student's curriculum (the student cabinet, issue 14) ---------------------------------------------


@dataclass
class StudentSemester:
    """A semester of the student's curriculum: its subjects (each with ``hours`` in total and
    ``hours_by_type`` {lesson type label: hours}), credits and hours, and whether it is the current one."""

    semester: CurriculumSemester
    subjects: list
    current: bool

    @property
    def credits(self) -> Decimal:
        return sum((s.credits for s in self.subjects), Decimal(0))

    @property
    def hours(self) -> int:
        return sum(s.hours for s in self.subjects)


def curriculum_semesters(curriculum_id: int | None, current_number: int | None) -> list[StudentSemester]:
    """The semesters of curriculum ``curriculum_id`` by number, their subjects by code with their hours
    per lesson type (three queries; none without a curriculum); ``current_number`` marks the current."""
    if curriculum_id is None:
        return []
    subjects = (
        CurriculumSubject.objects.select_related("subject")
        .prefetch_related("loads")
        .order_by("subject__code")
    )
    semesters = (
        CurriculumSemester.objects.filter(curriculum_id=curriculum_id)
        .order_by("number")
        .prefetch_related(Prefetch("subjects", queryset=subjects))
    )
    result = []
    for semester in semesters:
        rows = list(semester.subjects.all())
        for cs in rows:
            loads = sorted(cs.loads.all(), key=lambda load: load.training_type)
            cs.hours_by_type = [(load.get_training_type_display(), load.hours) for load in loads]
            cs.hours = sum(load.hours for load in loads)
        result.append(StudentSemester(semester, rows, semester.number == current_number))
    return result
