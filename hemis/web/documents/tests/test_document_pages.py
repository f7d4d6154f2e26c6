"""The documents pages: a student requests a certificate, downloads it, reads it back (text and the QR
code's address) and verifies it on the public page; forged numbers and altered codes are "not found";
a student of the same group cannot download it; the dean's office issues for its faculty's students
only; the list's queries do not grow with the documents; every kind's PDF builds."""

import re
from io import BytesIO
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import IssuedDocument
from hemis.documents.services import issue_document, revoke_document
from hemis.testing.schedule import text

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def qr_payloads(response) -> list[str]:
    reader = PdfReader(BytesIO(response.content))
    found = []
    for page in reader.pages:
        for image in page.images:
            found += [barcode.text for barcode in zxingcpp.read_barcodes(image.image)]
    return found


def verdict(response) -> str:
    match = re.search(r'data-testid="verdict">(.*?)</div>', text(response))
    assert match, "no verdict on the page"
    return match.group(1)


def test_a_certificate_is_requested_downloaded_and_verified_through_its_qr_code(client, docs):
    a = docs.a
    client.force_login(a.user)
    response = client.post(
        reverse("web:documents_request"), {"kind": K.CERTIFICATE, "purpose": "Soliq idorasi"}, follow=True
    )
    document = IssuedDocument.objects.get()
    assert document.student == a and document.issued_by == a.user
    assert f"№ {document.number} is issued." in text(response)
    assert document.number in text(client.get(reverse("web:documents_my")))

    response = client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk}))
    body = pdf_text(response)
    assert document.number in body
    assert "Oʻrinboyeva Gulnoza Gʻayratovna" in body
    assert f"{timezone.localtime(document.issued_at):%d.%m.%Y}" in body
    assert "Certificate of study (maʼlumotnoma)" in body
    assert "Soliq idorasi" in body

    [url] = qr_payloads(response)
    assert url == f"http://testserver/verify/{document.number}/?c={document.check_code}"
    parts = urlsplit(url)
    client.logout()  # the page is public
    client.cookies["hemis_language"] = "en"  # logging out dropped the cookies
    page = client.get(parts.path, {"c": parts.query.removeprefix("c=")})
    assert page.status_code == 200
    assert "genuine" in verdict(page)
    facts = text(page)
    for fact in (
        document.number,
        "Oʻrinboyeva Gulnoza Gʻayratovna",
        a.student_id_number,
        "Kimyo texnologiyasi fakulteti",
    ):
        assert fact in facts
    assert a.pinfl not in facts


def test_forged_numbers_altered_codes_and_revoked_documents_are_not_found(client, docs, dean_chemistry):
    document = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    code = document.check_code
    altered = code[:-1] + ("B" if code[-1] == "A" else "A")
    forged = document.number.replace("000001", "000002")
    pages = [
        client.get(reverse("web:documents_verify", kwargs={"number": forged}), {"c": code}),
        client.get(reverse("web:documents_verify", kwargs={"number": document.number}), {"c": altered}),
        client.get(reverse("web:documents_verify", kwargs={"number": document.number})),
        client.get(reverse("web:documents_verify", kwargs={"number": "<script>"}), {"c": code}),
    ]
    revoke_document(document=document, actor=dean_chemistry, reason="Xato")
    pages.append(client.get(reverse("web:documents_verify", kwargs={"number": document.number}), {"c": code}))
    for page in pages:
        assert page.status_code == 404
        assert "not found" in verdict(page)
        assert "Oʻrinboyeva" not in text(page)
    assert len({verdict(page) for page in pages}) == 1


def test_cyrillic_names_render(client, docs):
    b = docs.b
    document = issue_document(student=b, kind=K.CERTIFICATE, actor=b.user)
    client.force_login(b.user)
    body = pdf_text(client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk})))
    assert "Петрова Анна" in body


def test_a_student_of_the_same_group_cannot_download_or_see_anothers_document(client, docs):
    a, b = docs.a, docs.b
    document = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    client.force_login(b.user)
    assert client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk})).status_code == 404
    assert document.number not in text(client.get(reverse("web:documents_my")))
    # nor request one in the other's name
    response = client.post(reverse("web:documents_request"), {"kind": K.CERTIFICATE, "student": a.pk})
    assert response.status_code == 404
    assert IssuedDocument.objects.count() == 1
    assert client.get(reverse("web:documents_student", kwargs={"pk": a.pk})).status_code == 404


def test_the_dean_issues_and_downloads_for_the_faculty_students_only(
    client, docs, dean_chemistry, dean_economics
):
    a = docs.a
    client.force_login(dean_chemistry)
    page = client.get(reverse("web:documents_student", kwargs={"pk": a.pk}))
    assert page.status_code == 200
    assert "Documents of Oʻrinboyeva Gulnoza Gʻayratovna" in text(page)
    response = client.post(
        reverse("web:documents_request"), {"kind": K.TRANSCRIPT, "student": a.pk}, follow=True
    )
    document = IssuedDocument.objects.get()
    assert document.student == a and document.issued_by == dean_chemistry
    assert response.redirect_chain[-1][0] == reverse("web:documents_student", kwargs={"pk": a.pk})
    body = pdf_text(client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk})))
    assert document.number in body and "Oʻrinboyeva Gulnoza Gʻayratovna" in body
    assert client.get(reverse("web:documents_my")).status_code == 404  # the dean is no student

    client.force_login(dean_economics)
    assert client.get(reverse("web:documents_student", kwargs={"pk": a.pk})).status_code == 404
    assert client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk})).status_code == 404
    assert (
        client.post(reverse("web:documents_request"), {"kind": K.CERTIFICATE, "student": a.pk}).status_code
        == 404
    )
    assert IssuedDocument.objects.count() == 1


def test_a_refused_request_tells_why_and_issues_nothing(client, docs):
    a = docs.a
    client.force_login(a.user)
    response = client.post(reverse("web:documents_request"), {"kind": K.INDIVIDUAL_PLAN}, follow=True)
    assert "There is no individual plan to state." in text(response)
    response = client.post(reverse("web:documents_request"), {"kind": K.ORDER_EXTRACT}, follow=True)
    assert "Choose the order to extract." in text(response)
    response = client.post(reverse("web:documents_request"), {"kind": "diploma"}, follow=True)
    assert "Select a valid choice." in text(response)
    assert IssuedDocument.objects.count() == 0
    # the order concerning the student is offered and extracted
    assert "№ 45-T" in text(client.get(reverse("web:documents_my")))
    client.post(reverse("web:documents_request"), {"kind": K.ORDER_EXTRACT, "order": docs.order.pk})
    assert IssuedDocument.objects.get().order == docs.order


def test_the_list_costs_the_same_queries_for_one_and_three_documents(client, docs):
    a = docs.a
    client.force_login(a.user)
    url = reverse("web:documents_my")
    issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)
    issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=docs.order)
    with CaptureQueriesContext(connection) as three:
        body = text(client.get(url))
    assert body.count('data-testid="document-row"') == 3
    assert len(three) == len(one)


SUBJECT_COLUMN = {K.STUDY_CARD: 2, K.TRANSCRIPT: 2, K.RECORD_BOOK: 1, K.INDIVIDUAL_PLAN: 0}


@pytest.mark.parametrize("kind", list(K))
def test_every_kind_builds_with_its_title(client, docs, kind):
    student = docs.b if kind == K.INDIVIDUAL_PLAN else docs.a
    document = issue_document(
        student=student, kind=kind, actor=student.user, order=docs.order if kind == K.ORDER_EXTRACT else None
    )
    client.force_login(student.user)
    response = client.get(reverse("web:documents_pdf", kwargs={"pk": document.pk}))
    body = pdf_text(response)
    assert str(K(kind).label) in body
    assert document.number in body
    if kind in SUBJECT_COLUMN:  # the table: each line's subject
        subjects = [line[SUBJECT_COLUMN[kind]] for line in document.facts["lines"]]
        assert subjects and all(subject in body for subject in subjects)
    assert len(qr_payloads(response)) == 1


def test_the_student_has_the_menu_item(client, docs):
    client.force_login(docs.a.user)
    assert f'href="{reverse("web:documents_my")}"' in text(client.get(reverse("web:profile")))


def test_the_verification_page_opens_for_a_user_with_a_first_log_in_step_left(client, docs):
    """Someone scanning the code while logged in with a forced password change still sees the page."""
    document = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    docs.b.user.must_change_password = True
    docs.b.user.save(update_fields=["must_change_password"])
    client.force_login(docs.b.user)
    url = reverse("web:documents_verify", kwargs={"number": document.number})
    page = client.get(url, {"c": document.check_code})
    assert page.status_code == 200
    assert "genuine" in verdict(page)
    assert client.get(reverse("web:documents_my")).status_code == 302  # every other page waits for the step
