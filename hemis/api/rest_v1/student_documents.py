"""Student API: the student's orders, certificates of study and other documents, contracts and stipends.

- ``student/decree``: the applied orders concerning the student (the orders the documents page offers
  for an order extract), newest first; ``file`` is the PDF of the student's order extract of the order
  when one is issued (orders themselves keep no file), else empty.
- ``student/reference``: the student's certificates of study (``maʼlumotnoma``);
  ``student/reference-generate`` issues a new one exactly as the documents page's request does
  (registration number, check code, audited) and answers it.
- ``student/document``: the other documents issued to the student; ``student/document-all``: the
  orders, certificates and other documents in one list (``type``: ``decree``, ``reference`` or the
  kind of document).
- ``student/document-download?id=``: the PDF of one of the student's documents — ours, not HEMIS's:
  the documents page's download needs a session, an API client has a token. Every ``file`` points here.
- ``student/contract``, ``student/contract-list``, ``student/stipend-list``: contracts and stipends are
  not kept until the accounting module exists: no contract (404), empty lists.

Revoked documents are left out: their PDF is no longer given out. Everything is read through the
documents policy (a student's own students and documents only)."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.enums import SemesterType
from hemis.academics.selectors import semesters_with_years
from hemis.access.policy.documents import document_students, visible_documents
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    int_param,
    not_found,
    option,
    text,
    ts,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.documents import selectors as document_selectors
from hemis.documents.builders import FIELDS, LABELS
from hemis.documents.enums import DocumentKind
from hemis.documents.pdf import document_pdf, issued_on
from hemis.documents.services import issue_document
from hemis.movements.enums import DECREE_TYPE
from hemis.movements.selectors import student_history
from hemis.org.models import OrgUnit

DOWNLOAD = "student/document-download"


def _student(request):
    """The signed-in student as the documents policy gives them (with the faculty), else 404."""
    student = document_students(request.principal).filter(user=request.user).select_related("faculty").first()
    if student is None:
        raise not_found()
    return student


def _documents(request, student):
    """The student's documents that are still valid, newest first, with their facts (one query)."""
    documents = document_selectors.student_documents(visible_documents(request.principal), student)
    # every field: the attributes are drawn from the facts
    return documents.filter(revoked_at__isnull=True).defer(None)


def _file(request, document) -> str:
    return request.build_absolute_uri(f"{reverse(f'rest_v1:{DOWNLOAD}')}?id={document.pk}")


# --- orders ------------------------------------------------------------------------------------


def _orders(request, student) -> list[tuple]:
    """``(order, faculty, extract)`` of each applied order concerning the student, newest first: the
    faculty of the order and the student's order extract of it (None without one); three queries."""
    orders = [item.order for item in reversed(student_history(student))]
    faculties = OrgUnit.objects.in_bulk({order.faculty_id for order in orders})
    extracts = {}
    if orders:
        documents = _documents(request, student).filter(
            kind=DocumentKind.ORDER_EXTRACT, order_id__in=[order.pk for order in orders]
        )
        for document in documents:  # newest first: keep the newest extract of each order
            extracts.setdefault(document.order_id, document)
    return [(order, faculties.get(order.faculty_id), extracts.get(order.pk)) for order in orders]


def _order_name(order) -> str:
    return text(order.title or order.get_kind_display())


def _decree(request, order, faculty, extract) -> dict:
    return {
        "id": order.pk,
        # order numbers are such as "45-T" (see the checker's corrections)
        "number": order.number,
        "name": _order_name(order),
        "department": shapes.department(faculty),
        # null for the kinds of order h_decree_type has no code for (mobility, reversal…)
        "decreeType": option("h_decree_type", DECREE_TYPE.get(order.kind)),
        "file": _file(request, extract) if extract else "",
        "date": ts(order.date),
    }


def _decree_item(request, order, faculty, extract) -> dict:
    attributes = [
        (LABELS["order"], f"№ {order.number}, {order.date:%d.%m.%Y}", False),
        (LABELS["order_kind"], order.get_kind_display(), True),
        (LABELS["order_title"], order.title, True),
        (LABELS["faculty"], faculty.name if faculty else "", True),
    ]
    return _item(
        order.pk,
        order.title or order.get_kind_display(),
        "decree",
        _file(request, extract) if extract else "",
        attributes,
    )


@operation(access="student")
def decree(request):
    student = _student(request)
    return [_decree(request, *row) for row in _orders(request, student)]


# --- certificates of study ----------------------------------------------------------------------


def _semester_of(semesters: list, day):
    """The calendar semester of ``day``: the one containing it, else the last one begun by then, else
    the first one (None without semesters)."""
    begun = [s for s in semesters if s.start_date <= day]
    containing = [s for s in begun if day <= s.end_date]
    if containing:
        return containing[-1]
    return begun[-1] if begun else (semesters[0] if semesters else None)


def _course(document) -> int | None:
    try:
        return int(document.facts.get("course", ""))
    except ValueError:
        return None


def _reference(request, document, student, semesters: list) -> dict:
    """``StudentReference`` of a certificate: the semester and course it was issued in (the course as
    the certificate states it; its curriculum semester as ``students.selectors.curriculum_semester_number``
    counts it: 2×course−1 in autumn, 2×course in spring)."""
    sem = _semester_of(semesters, timezone.localtime(document.issued_at).date())
    course = _course(document)
    number = None
    if sem is not None and course:
        number = 2 * course - (1 if sem.semester_type == SemesterType.AUTUMN else 0)
    return {
        "id": document.pk,
        "reference_number": document.number,
        "semester": shapes.semester(sem, number),
        "level": option("h_course", str(10 + course)) if course else None,
        "department": shapes.department(student.faculty),
        "file": _file(request, document),
        "reference_date": ts(document.issued_at),
    }


@operation(access="student")
def reference(request):
    student = _student(request)
    documents = list(_documents(request, student).filter(kind=DocumentKind.CERTIFICATE))
    semesters = semesters_with_years() if documents else []
    return [_reference(request, document, student, semesters) for document in documents]


@operation(access="student")
def reference_generate(request):
    """Issue a certificate of study to the student, as the documents page's request does (refused with
    a 400 when the student is not studying)."""
    student = _student(request)
    document = issue_document(student=student, kind=DocumentKind.CERTIFICATE, actor=request.user)
    return _reference(request, document, student, semesters_with_years())


# --- other documents ----------------------------------------------------------------------------


# Facts that are numbers, codes or dates: written as they are in every language.
VERBATIM = frozenset({"student_id", "group", "course", "order", "valid_until", "gpa", "credits"})


def _item(pk, name, kind, file, attributes) -> dict:
    """An item of ``student/document``: ``attributes`` are ``(label, value, is a name)``, the empty
    ones left out; names follow the language (``oz-UZ``: Cyrillic), numbers and codes do not."""
    return {
        "id": pk,
        "name": text(name),
        "type": kind,
        "file": file,
        "attributes": [
            {"label": text(label), "value": text(value) if named else value}
            for label, value, named in attributes
            if value
        ],
    }


def _document_item(request, document, kind: str | None = None) -> dict:
    """A document as an item: its number, date of issue and the fields it states (as ``fields`` of the
    documents app lists them: in their order, the empty ones left out)."""
    facts = document.facts
    attributes = [
        (_("Registration number"), document.number, False),
        (_("Date of issue"), issued_on(document), False),
        *((LABELS[name], facts.get(name), name not in VERBATIM) for name in FIELDS.get(document.kind, ())),
    ]
    return _item(
        document.pk, document.get_kind_display(), kind or document.kind, _file(request, document), attributes
    )


@operation(access="student")
def document(request):
    """The student's documents other than certificates of study."""
    student = _student(request)
    documents = _documents(request, student).exclude(kind=DocumentKind.CERTIFICATE)
    return [_document_item(request, d) for d in documents]


@operation(access="student")
def document_all(request):
    """The orders, the certificates of study and the other documents, in that order."""
    student = _student(request)
    items = [_decree_item(request, *row) for row in _orders(request, student)]
    documents = list(_documents(request, student))
    items += [
        _document_item(request, d, "reference") for d in documents if d.kind == DocumentKind.CERTIFICATE
    ]
    items += [_document_item(request, d) for d in documents if d.kind != DocumentKind.CERTIFICATE]
    return items


# --- the PDF of a document ----------------------------------------------------------------------


def _verify_url(request, document) -> str:
    """The document's public verification address with its check code (the QR code's payload)."""
    path = reverse("web:documents_verify", kwargs={"number": document.number})
    return request.build_absolute_uri(path) + "?c=" + document.check_code


@operation(access="student")
def document_download(request):
    """The PDF of one of the student's valid documents (``id``), as the documents page gives it."""
    pk = int_param(request, "id", required=True)
    document = visible_documents(request.principal).filter(revoked_at__isnull=True, pk=pk).first()
    if document is None:
        raise not_found()
    response = HttpResponse(
        document_pdf(document, _verify_url(request, document)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{document.number}.pdf"'
    return response


# --- contracts and stipends ---------------------------------------------------------------------


@operation(access="student")
def contract(request):
    """The contract of the current year: none is kept yet (the documented 404)."""
    _student(request)
    raise not_found()


@operation(access="student")
def contract_list(request):
    """The student's contracts, as the document draws the list: none kept yet."""
    _student(request)
    return [{"items": [], "attributes": {}}]


@operation(access="student")
def stipend_list(request):
    """The student's stipends (``year``: the code of an academic year, such as 2025): none kept yet."""
    year = int_param(request, "year")
    if year is not None and not 1900 <= year <= 9999:
        raise bad_request(_("Invalid value of parameter year: %(value)s is not a year.") % {"value": year})
    _student(request)
    return [{"items": [], "attributes": {}}]


ROUTES = [
    ("student/decree", decree),
    ("student/reference", reference),
    ("student/reference-generate", reference_generate),
    ("student/document", document),
    ("student/document-all", document_all),
    (DOWNLOAD, document_download),
    ("student/contract", contract),
    ("student/contract-list", contract_list),
    ("student/stipend-list", stipend_list),
]
