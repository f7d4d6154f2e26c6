"""Reads of the students app: group and student lists, a group's page, subjects a group may take,
achievements."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hemis.academics.enums import SemesterType
from hemis.academics.models import Semester
from hemis.curricula.models import CurriculumSubject
from hemis.org.models import OrgUnit
from hemis.students.models import Achievement, Group, GroupSubject, Student, StudentStatus, Subgroup


def student_of(user) -> Student | None:
    return Student.objects.filter(user=user).select_related("group__programme", "group__faculty").first()


# --- groups ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupFilter:
    search: str = ""
    programme: object = None
    intake_year: int | None = None
    course: int | None = None
    language: str = ""
    education_form: str = ""
    active: str = ""  # "", "1" active, "0" closed


def group_list(groups: QuerySet[Group], flt: GroupFilter = GroupFilter()) -> QuerySet[Group]:
    """Groups with their programme and faculty, and their student counts (all, studying)."""
    q = Q()
    if flt.search:
        q &= Q(name__icontains=flt.search)
    for name in ("programme", "intake_year", "course", "language", "education_form"):
        value = getattr(flt, name)
        if value not in (None, ""):
            q &= Q(**{name: value})
    if flt.active:
        q &= Q(is_active=flt.active == "1")
    return (
        groups.filter(q)
        .select_related("programme", "faculty", "curriculum")
        .annotate(
            # Correlated counts: computed for the rows of the page only, not for every group.
            student_count=_count_students(),
            studying_count=_count_students(status=StudentStatus.STUDYING),
        )
        .order_by("name")
    )


def _count_students(**where):
    rows = Student.objects.filter(group=OuterRef("pk"), **where).order_by().values("group")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def group_students(group: Group) -> QuerySet[Student]:
    return group.students.order_by("last_name", "first_name")


def group_subgroups(group: Group) -> QuerySet[Subgroup]:
    members = Prefetch("students", queryset=Student.objects.order_by("last_name", "first_name"))
    return group.subgroups.prefetch_related(members).order_by("name")


def current_semester() -> Semester | None:
    return Semester.objects.filter(is_current=True).select_related("academic_year").first()


# --- group subjects ----------------------------------------------------------------------------


def curriculum_semester_number(group: Group, semester: Semester) -> int:
    """The curriculum semester a group studies in a calendar semester: 2×course−1 in autumn, 2×course in spring."""
    return 2 * group.course - (1 if semester.semester_type == SemesterType.AUTUMN else 0)


def curriculum_subjects_for(group: Group, semester: Semester) -> QuerySet[CurriculumSubject]:
    """Subjects of the group's curriculum for its semester in ``semester`` (none without a curriculum)."""
    if group.curriculum_id is None:
        return CurriculumSubject.objects.none()
    return (
        CurriculumSubject.objects.filter(
            semester__curriculum_id=group.curriculum_id,
            semester__number=curriculum_semester_number(group, semester),
        )
        .select_related("subject", "department")
        .order_by("subject__code")
    )


def group_bindings(group: Group, semester: Semester) -> QuerySet[GroupSubject]:
    return (
        GroupSubject.objects.filter(group=group, semester=semester)
        .select_related("curriculum_subject__subject", "curriculum_subject__department")
        .order_by("curriculum_subject__subject__code")
    )


# --- students ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudentFilter:
    search: str = ""
    search_personal: bool = False  # PINFL is searched only for roles that see personal data
    faculty: object = None
    programme: object = None
    group: object = None
    course: int | None = None
    status: str = ""
    payment_form: str = ""
    education_form: str = ""
    citizenship: str = ""
    social_category: str = ""
    without_group: bool = False


def _search_q(flt: StudentFilter) -> Q:
    q = Q()
    for word in flt.search.split():
        words = Q(last_name__icontains=word) | Q(first_name__icontains=word)
        words |= Q(patronymic__icontains=word) | Q(student_id_number=word)
        if flt.search_personal:
            words |= Q(pinfl=word)
        q &= words
    return q


def student_list(students: QuerySet[Student], flt: StudentFilter = StudentFilter()) -> QuerySet[Student]:
    q = _search_q(flt)
    for name in (
        "faculty",
        "programme",
        "group",
        "course",
        "status",
        "payment_form",
        "education_form",
        "citizenship",
        "social_category",
    ):
        value = getattr(flt, name)
        if value not in (None, ""):
            q &= Q(**{name: value})
    if flt.without_group:
        q &= Q(group__isnull=True)
    return (
        students.filter(q)
        .select_related("faculty", "programme", "group")
        .order_by("last_name", "first_name", "pk")
    )


def students_without_group(students: QuerySet[Student]) -> QuerySet[Student]:
    """Studying students of ``students`` who have no group yet (annex 5 item 6)."""
    return (
        students.filter(group__isnull=True, status=StudentStatus.STUDYING)
        .select_related("programme")
        .order_by("programme__code", "last_name", "first_name")
    )


# --- compliance (annex 5 items 4, 6, 8) -----------------------------------------------------------


def groups_with_faculty(active_only: bool = False) -> list[Group]:
    groups = Group.objects.select_related("faculty", "programme").order_by("name")
    return list(groups.filter(is_active=True) if active_only else groups)


def last_binding_times() -> dict[tuple[int, int], object]:
    """(group id, semester id) → when the latest subject was bound to the group for the semester."""
    from django.db.models import Max

    rows = GroupSubject.objects.values("group_id", "semester_id").annotate(last=Max("created_at"))
    return {(r["group_id"], r["semester_id"]): r["last"] for r in rows}


# --- achievements ------------------------------------------------------------------------------


def achievements_of(student: Student) -> QuerySet[Achievement]:
    """A student's achievements, newest first (for the student's page)."""
    return Achievement.objects.filter(student=student).order_by("-awarded_on", "-pk")


@dataclass(frozen=True)
class AchievementFilter:
    kind: str = ""
    faculty: OrgUnit | None = None
    year: int | None = None


def achievement_list(visible: QuerySet[Achievement], flt: AchievementFilter) -> QuerySet[Achievement]:
    """The university list: ``visible`` (the policy's queryset) narrowed by the filter, with the
    student, group and faculty fetched in the same query."""
    qs = visible.select_related("student", "student__group", "student__faculty")
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.faculty is not None:
        qs = qs.filter(student__faculty__path__startswith=flt.faculty.path)
    if flt.year:
        qs = qs.filter(awarded_on__year=flt.year)
    return qs.order_by("-awarded_on", "student__last_name", "pk")


def achievement_years() -> list[int]:
    """The years achievements were awarded in, newest first (the year filter's choices)."""
    return sorted({d.year for d in Achievement.objects.dates("awarded_on", "year")}, reverse=True)


def achievements_for_compliance() -> list[Achievement]:
    """Every achievement with its student's faculty (annex 5 item 17), one query."""
    return list(
        Achievement.objects.select_related("student", "student__faculty").order_by("awarded_on", "pk")
    )
