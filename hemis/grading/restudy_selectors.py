"""What the re-study pages read (annex 5 item 11): the periods with their groups, a period's groups with
their numbers of students, and a group's enrolments, timetable, control schedule and statements. The
callers pass the groups the policy lets them read; each list is one query whatever its length."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from hemis.grading.enums import DEBTS, SessionKind
from hemis.grading.models import (
    AcademicRecord,
    RestudyEnrolment,
    RestudyGroup,
    RestudyPeriod,
    RestudySession,
    Statement,
)


def periods(groups: QuerySet[RestudyGroup]) -> QuerySet[RestudyPeriod]:
    """Every period with its semester and the number of ``groups`` in it, the latest first."""
    counted = Count("groups", filter=Q(groups__in=groups), distinct=True)
    return (
        RestudyPeriod.objects.select_related("semester__academic_year")
        .annotate(group_count=counted)
        .order_by("-start_date", "-pk")
    )


def period_groups(groups: QuerySet[RestudyGroup], period: RestudyPeriod) -> QuerySet[RestudyGroup]:
    """``groups`` of ``period`` with their subject, teacher and faculty, and the numbers enrolled and paid."""
    return (
        groups.filter(period=period)
        .select_related("subject", "teacher", "faculty")
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            paid=Count("enrolments", filter=Q(enrolments__paid_on__isnull=False), distinct=True),
        )
        .order_by("name", "pk")
    )


@dataclass
class GroupPage:
    enrolments: list[RestudyEnrolment]
    lessons: list[RestudySession]
    controls: list[RestudySession]
    statements: list[Statement]

    @property
    def paid(self) -> int:
        return sum(1 for e in self.enrolments if e.paid_on)


def group_page(group: RestudyGroup) -> GroupPage:
    """The group's enrolments (student, group, curriculum subject's semester), its sessions split into the
    timetable and the control schedule, and its statements with their numbers of lines and graded lines
    (three queries)."""
    enrolments = (
        RestudyEnrolment.objects.filter(group=group)
        .select_related("student__group", "curriculum_subject__semester")
        .order_by("student__last_name", "student__first_name", "pk")
    )
    sessions = list(
        RestudySession.objects.filter(group=group)
        .select_related("room__building")
        .order_by("date", "start_time")
    )
    statements = (
        Statement.objects.filter(restudy_group=group)
        .select_related("examiner")
        .annotate(
            line_count=Count("lines", distinct=True),
            graded=Count("lines", filter=Q(lines__points__isnull=False), distinct=True),
        )
        .order_by("control_kind", "attempt", "pk")
    )
    return GroupPage(
        enrolments=list(enrolments),
        lessons=[s for s in sessions if s.kind == SessionKind.LESSON],
        controls=[s for s in sessions if s.kind == SessionKind.CONTROL],
        statements=list(statements),
    )


def candidates(group: RestudyGroup, students: QuerySet) -> QuerySet[AcademicRecord]:
    """The debts in the group's subject of ``students`` not enrolled in a group of its period for it (one
    query): whom the dean's office may enrol."""
    enrolled = RestudyEnrolment.objects.filter(
        group__period_id=group.period_id,
        student_id=OuterRef("student_id"),
        curriculum_subject_id=OuterRef("curriculum_subject_id"),
    )
    return (
        AcademicRecord.objects.filter(
            student__in=students, status__in=DEBTS, curriculum_subject__subject_id=group.subject_id
        )
        .exclude(Exists(enrolled))
        .select_related("student__group")
        .order_by("student__group__name", "student__last_name", "student__first_name", "pk")
    )


def student_restudies(student) -> list[RestudyEnrolment]:
    """The student's own re-study enrolments, the latest period first, each with its period, group
    (subject, teacher) and the group's sessions by date (two queries)."""
    sessions = RestudySession.objects.select_related("room__building").order_by("date", "start_time", "pk")
    return list(
        RestudyEnrolment.objects.filter(student=student)
        .select_related(
            "group__period__semester__academic_year",
            "group__subject",
            "group__teacher",
            "curriculum_subject__subject",
            "curriculum_subject__semester",
        )
        .prefetch_related(Prefetch("group__sessions", queryset=sessions))
        .order_by("-group__period__start_date", "group__name", "pk")
    )
