"""Demo data of the documents (annex 13 item 6), after grading: a few issued documents to download and
verify — a certificate of study, a transcript and a study record card of the first demo student with
grades (by student ID), the individual plan of a student with one, a record book extract, and an extract
of an applied order concerning a student. Issued through the service, so each has its number, check
code, facts and journal entry."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from hemis.documents.enums import DocumentKind as K
from hemis.documents.services import issue_document
from hemis.grading.models import AcademicRecord, PlanItem
from hemis.movements.enums import OrderStatus
from hemis.movements.models import OrderItem
from hemis.students.models import Student, StudentStatus


def _studying():
    return (
        Student.objects.filter(status=StudentStatus.STUDYING, user__isnull=False)
        .select_related("user", "faculty", "programme", "group__programme")
        .order_by("student_id_number")
    )


def seed() -> dict[str, int]:
    graded = _studying().filter(Exists(AcademicRecord.objects.filter(student=OuterRef("pk"))))
    first = graded.first()
    issues: list[tuple] = []
    if first is not None:
        issues += [
            (first, K.CERTIFICATE, "Toshkent shahar soliq boshqarmasi", None),
            (first, K.TRANSCRIPT, "", None),
            (first, K.STUDY_CARD, "", None),
        ]
    second = graded.exclude(pk=getattr(first, "pk", None)).first()
    if second is not None:
        issues += [(second, K.CERTIFICATE, "Harbiy komissariat", None), (second, K.RECORD_BOOK, "", None)]
    planned = _studying().filter(Exists(PlanItem.objects.filter(student=OuterRef("pk")))).first()
    if planned is not None:
        issues.append((planned, K.INDIVIDUAL_PLAN, "", None))
    item = (
        OrderItem.objects.filter(order__status=OrderStatus.APPLIED, student__user__isnull=False)
        .select_related("order", "student__user")
        .order_by("order__date", "pk")
        .first()
    )
    if item is not None:
        issues.append((item.student, K.ORDER_EXTRACT, "", item.order))
    issued = 0
    for student, kind, purpose, order in issues:
        try:
            issue_document(student=student, kind=kind, actor=student.user, purpose=purpose, order=order)
        except ValidationError:  # nothing of the kind to state for this student
            continue
        issued += 1
    return {"issued_documents": issued}
