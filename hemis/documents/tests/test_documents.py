"""Issuing documents: registration numbers per kind and year, the facts each kind states (and nothing
more), refusals that write nothing, the journal, revocation and the verification by number and code,
and who may issue and download them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.academics.models import AcademicYear
from hemis.access.policy.documents import document_students, visible_documents
from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.documents import selectors
from hemis.documents.builders import FIELDS
from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import DocumentCounter, IssuedDocument
from hemis.documents.services import issue_document, revoke_document
from hemis.students.models import Student, StudentStatus

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_numbers_run_per_kind_and_year(docs):
    a, b = docs.a, docs.b
    first = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    second = issue_document(student=b, kind=K.CERTIFICATE, actor=b.user)
    transcript = issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)
    later = issue_document(
        student=a,
        kind=K.CERTIFICATE,
        actor=a.user,
        now=dt.datetime(YEAR + 1, 1, 2, 9, tzinfo=timezone.get_current_timezone()),
    )
    assert [first.number, second.number, transcript.number, later.number] == [
        f"MA-{YEAR}-000001",
        f"MA-{YEAR}-000002",
        f"TR-{YEAR}-000001",
        f"MA-{YEAR + 1}-000001",
    ]
    assert first.check_code != second.check_code and len(first.check_code) >= 12
    assert DocumentCounter.objects.get(kind=K.CERTIFICATE, year=YEAR).last == 2


def test_a_certificate_states_its_fields_and_no_more_personal_data(docs):
    a = docs.a
    document = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, purpose="  Soliq   idorasi ")
    assert list(document.facts) == list(FIELDS[K.CERTIFICATE])
    assert document.facts["full_name"] == "Oʻrinboyeva Gulnoza Gʻayratovna"
    assert document.facts["student_id"] == a.student_id_number
    assert document.facts["faculty"] == "Kimyo texnologiyasi fakulteti"
    assert document.facts["course"] == "2"
    assert document.facts["purpose"] == document.purpose == "Soliq idorasi"
    stated = " ".join(document.facts.values())
    for private in (a.pinfl, f"{a.birth_date:%d.%m.%Y}", str(a.birth_date)):
        assert private not in stated


def test_record_documents_state_the_grades(docs):
    a = docs.a
    transcript = issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)
    assert [line[1:5] for line in transcript.facts["lines"]] == [
        ["FIZ204", "Fizika", "4,0", "4"],
        ["MAT204", "Oliy matematika", "4,0", "5"],
    ]
    assert transcript.facts["gpa"] == "4,5"
    assert transcript.facts["credits"] == "8,0"
    card = issue_document(student=docs.b, kind=K.STUDY_CARD, actor=docs.b.user)
    assert [(line[1], line[4], line[6]) for line in card.facts["lines"]] == [
        ("FIZ204", "40", "Failed"),
        ("MAT204", "75", "Passed"),
    ]
    book = issue_document(student=a, kind=K.RECORD_BOOK, actor=a.user)
    assert book.facts["semester"] == "2026-2027, Spring semester"
    assert [line[:4] for line in book.facts["lines"]] == [
        ["FIZ204", "Fizika", "4,0", "71 / 100"],
        ["MAT204", "Oliy matematika", "4,0", "86 / 100"],
    ]
    plan = issue_document(student=docs.b, kind=K.INDIVIDUAL_PLAN, actor=docs.b.user)
    assert [line[0] for line in plan.facts["lines"]] == ["Fizika"]
    assert plan.facts["lines"][0][5] == "20.03.2028"


def test_an_order_extract_states_what_the_order_did_to_the_student(docs):
    a = docs.a
    document = issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=docs.order)
    assert document.order == docs.order
    assert document.facts["order"] == "№ 45-T, 01.10.2026"
    assert document.facts["order_kind"] == "Transfer to another group or programme"
    assert document.facts["order_effect"] == "group KT-21 → KT-22"


@pytest.mark.parametrize(
    ("kind", "who", "field", "message"),
    [
        (K.CERTIFICATE, "expelled", "kind", "Only a studying student receives this document."),
        (K.STUDENT_CARD, "expelled", "kind", "Only a studying student receives this document."),
        (K.TRANSCRIPT, "ungraded", "kind", "There are no grades to state yet."),
        (K.INDIVIDUAL_PLAN, "a", "kind", "There is no individual plan to state."),
        (K.ORDER_EXTRACT, "b", "order", "This order does not concern the student or is not applied."),
        ("diploma", "a", "kind", "Choose a kind of document."),
    ],
)
def test_refusals_write_nothing(docs, kind, who, field, message):
    students = {"a": docs.a, "b": docs.b, "ungraded": docs.grading.students("KT-22")[0]}
    if who == "expelled":
        Student.objects.filter(pk=docs.a.pk).update(status=StudentStatus.EXPELLED)
        docs.a.refresh_from_db()
        students["expelled"] = docs.a
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        issue_document(student=students[who], kind=kind, actor=docs.a.user, order=docs.order)
    assert refused.value.message_dict == {field: [message]}
    assert IssuedDocument.objects.count() == 0
    assert not DocumentCounter.objects.filter(last__gt=0).exists()
    assert AuditEvent.objects.count() == events


def test_a_purpose_too_long_is_refused(docs):
    with pytest.raises(ValidationError) as refused:
        issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user, purpose="x" * 256)
    assert list(refused.value.message_dict) == ["purpose"]
    assert IssuedDocument.objects.count() == 0


def test_issuing_and_revoking_are_journaled_and_revoked_documents_do_not_verify(docs, dean_chemistry):
    document = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    event = AuditEvent.objects.get(action="documents.document.issued")
    assert event.target_id == str(document.pk)
    assert event.data["number"] == document.number
    assert selectors.verified(document.number, document.check_code) == document
    code = document.check_code
    assert selectors.verified(document.number, code[:-1] + ("B" if code[-1] == "A" else "A")) is None
    assert selectors.verified(document.number.replace("000001", "000002"), document.check_code) is None
    assert selectors.verified(document.number, "") is None
    with pytest.raises(ValidationError):
        revoke_document(document=document, actor=dean_chemistry, reason="  ")
    revoke_document(document=document, actor=dean_chemistry, reason="Xato bilan berilgan")
    assert AuditEvent.objects.filter(action="documents.document.revoked").count() == 1
    assert selectors.verified(document.number, document.check_code) is None
    with pytest.raises(ValidationError):
        revoke_document(document=document, actor=dean_chemistry, reason="again")


def test_who_issues_and_downloads(docs, dean_chemistry, dean_economics, academic):
    a, b = docs.a, docs.b
    doc_a = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    doc_b = issue_document(student=b, kind=K.CERTIFICATE, actor=b.user)

    def principal(user):
        return build_principal(user, None)

    assert list(document_students(principal(a.user))) == [a]
    assert list(visible_documents(principal(a.user))) == [doc_a]
    assert list(visible_documents(principal(b.user))) == [doc_b]
    assert set(visible_documents(principal(dean_chemistry))) == {doc_a, doc_b}
    assert document_students(principal(dean_chemistry)).filter(pk=a.pk).exists()
    assert not visible_documents(principal(dean_economics)).exists()
    assert not document_students(principal(dean_economics)).filter(pk=a.pk).exists()
    assert not visible_documents(principal(academic)).exists()
    assert not document_students(principal(academic)).exists()


def test_a_student_card_is_valid_until_the_current_academic_year_ends(docs):
    today = timezone.localdate()
    unset = issue_document(student=docs.a, kind=K.STUDENT_CARD, actor=docs.a.user)
    assert unset.facts["valid_until"] == f"31.12.{today.year}"  # no current year: the calendar year's end
    year = AcademicYear.objects.order_by("start_date").first()
    AcademicYear.objects.filter(pk=year.pk).update(is_current=True)
    card = issue_document(student=docs.a, kind=K.STUDENT_CARD, actor=docs.a.user)
    assert card.facts["valid_until"] == f"{year.end_date:%d.%m.%Y}"
    certificate = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    assert certificate.facts["academic_year"] == year.name
