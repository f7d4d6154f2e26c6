"""Reads of the student cabinet's own data: personal-data correction requests (annex 13 item 7) and the
first log-ins of students (annex 13 item 1, for the compliance view)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from hemis.students.models import CorrectionStatus, DataCorrectionRequest, Group, Student


@dataclass(frozen=True)
class CorrectionFilter:
    status: str | None = None
    field: str | None = None
    group: Group | None = None
    search: str = ""


def correction_requests(requests: QuerySet, chosen: CorrectionFilter = CorrectionFilter()) -> QuerySet:
    """``requests`` (already scoped by the policy) filtered, open ones first, newest first within a status."""
    if chosen.status:
        requests = requests.filter(status=chosen.status)
    if chosen.field:
        requests = requests.filter(field=chosen.field)
    if chosen.group is not None:
        requests = requests.filter(student__group=chosen.group)
    if chosen.search:
        requests = requests.filter(_search_q(chosen.search))
    open_first = Case(
        When(status=CorrectionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return requests.select_related("student__group", "decided_by").order_by(open_first, "-created_at", "-pk")


def _search_q(text: str) -> Q:
    text = text.strip()
    return (
        Q(student__last_name__icontains=text)
        | Q(student__first_name__icontains=text)
        | Q(student__student_id_number__startswith=text)
    )


def own_requests(student: Student) -> QuerySet:
    """A student's own requests, newest first, with who decided them."""
    return (
        DataCorrectionRequest.objects.filter(student=student)
        .select_related("decided_by")
        .order_by("-created_at", "-pk")
    )


def request_detail(requests: QuerySet, pk: int) -> DataCorrectionRequest | None:
    return (
        requests.select_related("student__group__programme", "student__faculty", "decided_by")
        .filter(pk=pk)
        .first()
    )


def students_first_logins() -> QuerySet:
    """Students whose account has logged in: when first, when its first log-in steps were done."""
    return (
        Student.objects.filter(user__first_login_at__isnull=False)
        .select_related("user", "faculty")
        .only(
            "last_name",
            "first_name",
            "patronymic",
            "student_id_number",
            "faculty",
            "user__first_login_at",
            "user__onboarded_at",
            "user__username",
        )
        .order_by("pk")
    )
