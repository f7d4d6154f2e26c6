"""Academic debts (annex 5 item 12): the records whose status is a debt (failed, missing, barred), with
whether an open individual-plan item covers them, and a student's individual plan.

The callers pass the students the policy lets them read; these add the filters, the joins and the
aggregates, each list in one query whatever its length.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from hemis.academics.models import Semester
from hemis.grading.enums import DEBTS, PlanItemStatus, RecordStatus
from hemis.grading.models import AcademicRecord, PlanItem
from hemis.students.models import Group


@dataclass(frozen=True)
class DebtFilter:
    """What the debts list is narrowed to (None: any)."""

    group: Group | None = None
    course: int | None = None
    kind: str | None = None  # a RecordStatus of DEBTS
    semester: Semester | None = None


def open_item_q(prefix: str = "") -> Exists:
    """Whether an open plan item covers the record's student and curriculum subject."""
    return Exists(
        PlanItem.objects.filter(
            student_id=OuterRef(f"{prefix}student_id"),
            curriculum_subject_id=OuterRef(f"{prefix}curriculum_subject_id"),
            status=PlanItemStatus.OPEN,
        )
    )


def debt_records(students: QuerySet, filters: DebtFilter | None = None) -> QuerySet[AcademicRecord]:
    """The debts of ``students`` narrowed by ``filters``, with the student and group, the subject and the
    semester, and ``has_open_item`` (one query), by group, student and subject."""
    filters = filters or DebtFilter()
    rows = AcademicRecord.objects.filter(status__in=DEBTS, student__in=students)
    if filters.group is not None:
        rows = rows.filter(student__group=filters.group)
    if filters.course is not None:
        rows = rows.filter(student__course=filters.course)
    if filters.kind:
        rows = rows.filter(status=filters.kind)
    if filters.semester is not None:
        rows = rows.filter(semester=filters.semester)
    return (
        rows.select_related("student__group", "curriculum_subject__subject", "semester__academic_year")
        .annotate(has_open_item=open_item_q())
        .order_by(
            "student__group__name",
            "student__last_name",
            "student__first_name",
            "student_id",
            "semester__start_date",
            "curriculum_subject__subject__code",
        )
    )


def debt_summary(records: QuerySet[AcademicRecord]) -> dict:
    """How many debts ``records`` hold, of how many students, of each kind and with no open plan item
    (one aggregate query)."""
    records = records.order_by()
    return records.aggregate(
        debts=Count("pk"),
        students=Count("student_id", distinct=True),
        failed=Count("pk", filter=Q(status=RecordStatus.FAILED)),
        missing=Count("pk", filter=Q(status=RecordStatus.MISSING)),
        barred=Count("pk", filter=Q(status=RecordStatus.BARRED)),
        uncovered=Count("pk", filter=Q(has_open_item=False)),
    )


def student_debts(student) -> QuerySet[AcademicRecord]:
    """The student's current debts with their subject and semester and ``has_open_item`` (one query)."""
    return (
        AcademicRecord.objects.filter(student=student, status__in=DEBTS)
        .select_related("curriculum_subject__subject", "semester__academic_year")
        .annotate(has_open_item=open_item_q())
        .order_by("semester__start_date", "curriculum_subject__subject__code")
    )


def plan_items(student) -> QuerySet[PlanItem]:
    """The student's individual plan: open items first by due date, then cleared and cancelled ones (one
    query)."""
    return (
        PlanItem.objects.filter(student=student)
        .select_related("curriculum_subject__subject", "curriculum_subject__semester")
        .order_by("-status", "due_date", "curriculum_subject__subject__code", "pk")
    )
