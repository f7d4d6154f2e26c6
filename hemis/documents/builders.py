"""What each kind of document states, read from the student's records when it is issued.

``build_facts`` returns the ``facts`` an ``IssuedDocument`` keeps: the named fields of ``FIELDS[kind]``
(strings, in the order the document and the verification page list them) and, for the documents with a
table, its ``lines``. Nothing is stated that the document does not show: no PINFL, passport, birth date,
address or contacts."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.academics.models import AcademicYear
from hemis.academics.selectors import current_academic_year
from hemis.documents.enums import DocumentKind as K
from hemis.grading import selectors as grading_selectors
from hemis.grading.debt_selectors import plan_items
from hemis.grading.enums import RecordStatus
from hemis.movements.enums import OrderStatus
from hemis.movements.models import OrderItem
from hemis.org.selectors import university_name
from hemis.students.models import Student, StudentStatus

# The label of every field a document may state.
LABELS = {
    "full_name": gettext_lazy("Full name"),
    "student_id": gettext_lazy("Student ID"),
    "university": gettext_lazy("University"),
    "faculty": gettext_lazy("Faculty"),
    "programme": gettext_lazy("Programme"),
    "group": gettext_lazy("Group"),
    "course": gettext_lazy("Course"),
    "education_type": gettext_lazy("Education type"),
    "education_form": gettext_lazy("Education form"),
    "payment_form": gettext_lazy("Payment form"),
    "academic_year": gettext_lazy("Academic year"),
    "semester": gettext_lazy("Semester"),
    "valid_until": gettext_lazy("Valid until"),
    "gpa": gettext_lazy("Cumulative GPA"),
    "credits": gettext_lazy("Credits earned"),
    "order": gettext_lazy("Order"),
    "order_kind": gettext_lazy("Kind of order"),
    "order_title": gettext_lazy("Title"),
    "order_effect": gettext_lazy("Concerning the student"),
    "purpose": gettext_lazy("Presented to"),
}
FIELDS: dict[str, tuple[str, ...]] = {
    K.CERTIFICATE: (
        "full_name",
        "student_id",
        "university",
        "faculty",
        "programme",
        "course",
        "education_type",
        "education_form",
        "payment_form",
        "academic_year",
        "purpose",
    ),
    K.STUDY_CARD: (
        "full_name",
        "student_id",
        "university",
        "faculty",
        "programme",
        "group",
        "course",
        "purpose",
    ),
    K.TRANSCRIPT: (
        "full_name",
        "student_id",
        "university",
        "faculty",
        "programme",
        "education_type",
        "gpa",
        "credits",
        "purpose",
    ),
    K.INDIVIDUAL_PLAN: ("full_name", "student_id", "faculty", "group", "course", "purpose"),
    K.RECORD_BOOK: ("full_name", "student_id", "faculty", "group", "course", "semester", "purpose"),
    K.STUDENT_CARD: (
        "full_name",
        "student_id",
        "university",
        "faculty",
        "programme",
        "group",
        "course",
        "education_form",
        "valid_until",
    ),
    K.ORDER_EXTRACT: (
        "full_name",
        "student_id",
        "faculty",
        "order",
        "order_kind",
        "order_title",
        "order_effect",
        "purpose",
    ),
}
# The header of the table of the documents that have one.
HEADERS: dict[str, tuple] = {
    K.STUDY_CARD: (
        gettext_lazy("Semester"),
        gettext_lazy("Code"),
        gettext_lazy("Subject"),
        gettext_lazy("Credits"),
        gettext_lazy("Score"),
        gettext_lazy("Grade"),
        gettext_lazy("Result"),
    ),
    K.TRANSCRIPT: (
        gettext_lazy("Semester"),
        gettext_lazy("Code"),
        gettext_lazy("Subject"),
        gettext_lazy("Credits"),
        gettext_lazy("Grade"),
        gettext_lazy("Grade point"),
    ),
    K.RECORD_BOOK: (
        gettext_lazy("Code"),
        gettext_lazy("Subject"),
        gettext_lazy("Credits"),
        gettext_lazy("Points"),
        gettext_lazy("Score"),
        gettext_lazy("Grade"),
    ),
    K.INDIVIDUAL_PLAN: (
        gettext_lazy("Subject"),
        gettext_lazy("Semester"),
        gettext_lazy("Credits"),
        gettext_lazy("Debt"),
        gettext_lazy("How it is cleared"),
        gettext_lazy("To be cleared by"),
        gettext_lazy("Status"),
    ),
}
# Kinds that state the student is studying now.
STUDYING_ONLY = (K.CERTIFICATE, K.STUDENT_CARD)


def _date(value) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def _basics(student: Student, year: AcademicYear | None) -> dict[str, str]:
    programme = student.programme or (student.group.programme if student.group else None)
    return {
        "full_name": student.full_name,
        "student_id": student.student_id_number,
        "faculty": student.faculty.name if student.faculty else "",
        "programme": f"{programme.code} {programme.name}" if programme else "",
        "group": student.group.name if student.group else "",
        "course": str(student.course),
        "education_type": student.get_education_type_display(),
        "education_form": student.get_education_form_display(),
        "payment_form": student.get_payment_form_display(),
        "academic_year": year.name if year else "",
    }


def _num(value) -> str:
    return f"{value}".replace(".", ",") if value is not None else ""


def _records(student: Student, kind: str) -> tuple[list[list[str]], dict[str, str]]:
    records = list(grading_selectors.student_records(student))
    if not records:
        raise ValidationError({"kind": _("There are no grades to state yet.")})
    if kind == K.STUDY_CARD:
        lines = [
            [
                str(r.semester),
                r.curriculum_subject.subject.code,
                r.curriculum_subject.subject.name,
                _num(r.credits),
                str(r.score),
                r.grade,
                r.get_status_display(),
            ]
            for r in records
        ]
        return lines, {}
    if kind == K.TRANSCRIPT:
        passed = [r for r in records if r.status == RecordStatus.PASSED]
        lines = [
            [
                str(r.semester),
                r.curriculum_subject.subject.code,
                r.curriculum_subject.subject.name,
                _num(r.credits),
                r.grade,
                _num(r.grade_point),
            ]
            for r in passed
        ]
        cumulative = grading_selectors.cumulative_gpa(student)
        extra = {
            "gpa": _num(cumulative.gpa) if cumulative else "",
            "credits": _num(sum((r.credits for r in passed), 0)),
        }
        return lines, extra
    # the record book extract: the last semester graded
    last = records[-1].semester
    lines = [
        [
            r.curriculum_subject.subject.code,
            r.curriculum_subject.subject.name,
            _num(r.credits),
            f"{r.total_points} / {r.max_points}",
            str(r.score),
            r.grade,
        ]
        for r in records
        if r.semester_id == last.pk
    ]
    return lines, {"semester": str(last)}


def _plan(student: Student) -> list[list[str]]:
    items = list(plan_items(student))
    if not items:
        raise ValidationError({"kind": _("There is no individual plan to state.")})
    return [
        [
            item.curriculum_subject.subject.name,
            str(item.curriculum_subject.semester.number),
            _num(item.curriculum_subject.credits),
            item.get_debt_display(),
            item.get_way_display(),
            _date(item.due_date),
            item.get_status_display() + (f" {_date(item.cleared_on)}" if item.cleared_on else ""),
        ]
        for item in items
    ]


def _order(student: Student, order) -> dict[str, str]:
    if order is None:
        raise ValidationError({"order": _("Choose the order to extract.")})
    item = (
        OrderItem.objects.filter(order=order, student=student, order__status=OrderStatus.APPLIED)
        .select_related("order", "group_before", "group_after")
        .first()
    )
    if item is None:
        raise ValidationError({"order": _("This order does not concern the student or is not applied.")})
    effect = []
    if item.group_before_id != item.group_after_id:
        before = item.group_before.name if item.group_before else "—"
        after = item.group_after.name if item.group_after else "—"
        effect.append(_("group %(before)s → %(after)s") % {"before": before, "after": after})
    if item.course_before != item.course_after and item.course_after:
        effect.append(
            _("course %(before)s → %(after)s")
            % {"before": item.course_before or "—", "after": item.course_after}
        )
    if item.status_before != item.status_after and item.status_after:
        effect.append(
            _("status %(before)s → %(after)s")
            % {
                "before": StudentStatus(item.status_before).label if item.status_before else "—",
                "after": StudentStatus(item.status_after).label,
            }
        )
    return {
        "order": f"№ {order.number}, {_date(order.date)}",
        "order_kind": order.get_kind_display(),
        "order_title": order.title,
        "order_effect": "; ".join(str(e) for e in effect),
    }


def build_facts(student: Student, kind: str, *, purpose: str = "", order=None, today=None) -> dict:
    """The facts ``kind`` states about ``student``; a ``ValidationError`` when the student has nothing of
    it to state (no grades, no plan, an order not theirs) or is not studying for a certificate or a card."""
    if kind not in K.values:
        raise ValidationError({"kind": _("Choose a kind of document.")})
    if kind in STUDYING_ONLY and student.status != StudentStatus.STUDYING:
        raise ValidationError({"kind": _("Only a studying student receives this document.")})
    today = today or timezone.localdate()
    year = current_academic_year()
    values = _basics(student, year)
    values["purpose"] = purpose
    if any(f == "university" for f in FIELDS[kind]):
        values["university"] = university_name(student.faculty)
    lines: list[list[str]] = []
    if kind in (K.STUDY_CARD, K.TRANSCRIPT, K.RECORD_BOOK):
        lines, extra = _records(student, kind)
        values.update(extra)
    elif kind == K.INDIVIDUAL_PLAN:
        lines = _plan(student)
    elif kind == K.ORDER_EXTRACT:
        values.update(_order(student, order))
    elif kind == K.STUDENT_CARD:
        values["valid_until"] = _date(year.end_date if year else today.replace(month=12, day=31))
    facts: dict = {name: str(values.get(name, "")) for name in FIELDS[kind]}
    if lines:
        facts["lines"] = lines
    return facts


def fields(kind: str, facts: dict) -> list[tuple[str, str]]:
    """The labelled fields of a document's facts in the order it states them, the empty ones left out."""
    return [(str(LABELS[name]), facts[name]) for name in FIELDS.get(kind, ()) if facts.get(name)]
