"""Our API's documents (``/api/v1/documents/``): a student issues themselves a certificate of study
through the documents service, lists and downloads it; another student of the group reaches none of it
(404); the dean's office issues for its faculty's students only; a service refusal is 400 with its field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hemis.api.tests.own import assert_error, url
from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import IssuedDocument
from hemis.documents.services import issue_document
from hemis.testing.documents import build_docs
from hemis.testing.grading import grading, world  # noqa: F401 - the shared fixtures
from hemis.web.documents.tests.test_document_pages import pdf_text


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"


@pytest.fixture
def docs(grading):  # noqa: F811 - the fixture imported above
    return build_docs(grading)


def test_a_student_issues_lists_and_downloads_a_certificate(client, docs):
    a = docs.a
    client.force_login(a.user)
    response = client.post(url("documents"), {"purpose": "Soliq idorasi"}, content_type="application/json")
    assert response.status_code == 201, response.content
    issued = response.json()
    document = IssuedDocument.objects.get()
    assert document.student == a and document.issued_by == a.user and document.kind == K.CERTIFICATE
    assert issued["id"] == document.pk and issued["number"] == document.number
    assert issued["number"].startswith("MA-") and issued["purpose"] == "Soliq idorasi"
    assert issued["pdf"] == url("document-pdf", pk=document.pk)

    listing = client.get(url("documents")).json()
    assert listing["count"] == 1 and [d["number"] for d in listing["results"]] == [document.number]
    assert client.get(url("document", pk=document.pk)).json()["kind"] == "certificate"
    body = pdf_text(client.get(issued["pdf"]))
    assert document.number in body and "Oʻrinboyeva Gulnoza Gʻayratovna" in body and "Soliq idorasi" in body


def test_another_student_of_the_group_reaches_none_of_it(client, docs):
    document = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    client.force_login(docs.b.user)
    assert_error(client.get(url("document", pk=document.pk)), 404, "not_found")
    assert_error(client.get(url("document-pdf", pk=document.pk)), 404, "not_found")
    assert_error(client.get(url("documents"), {"student": docs.a.pk}), 404, "not_found")
    assert client.get(url("documents")).json()["count"] == 0
    response = client.post(url("documents"), {"student": docs.a.pk}, content_type="application/json")
    assert_error(response, 404, "not_found")
    assert IssuedDocument.objects.count() == 1


def test_the_dean_issues_for_the_faculty_students_only(client, docs, dean_chemistry, dean_economics):
    client.force_login(dean_chemistry)
    assert_error(client.get(url("documents")), 400, "invalid", {"student"})
    response = client.post(url("documents"), {"student": docs.a.pk}, content_type="application/json")
    assert response.status_code == 201
    document = IssuedDocument.objects.get()
    assert document.student == docs.a and document.issued_by == dean_chemistry
    assert client.get(url("documents"), {"student": docs.a.pk}).json()["count"] == 1
    assert client.get(url("document-pdf", pk=document.pk))["Content-Type"] == "application/pdf"
    client.force_login(dean_economics)
    assert_error(client.get(url("document-pdf", pk=document.pk)), 404, "not_found")
    response = client.post(url("documents"), {"student": docs.a.pk}, content_type="application/json")
    assert_error(response, 404, "not_found")
    assert IssuedDocument.objects.count() == 1


def test_refusals_are_400_with_the_field_and_issue_nothing(client, docs):
    client.force_login(docs.a.user)
    error = assert_error(
        client.post(url("documents"), {"kind": K.INDIVIDUAL_PLAN}, content_type="application/json"),
        400,
        "invalid",
        {"kind"},
    )
    assert error["fields"]["kind"] == ["There is no individual plan to state."]
    for body, field in (
        ({"kind": "diploma"}, "kind"),
        ({"kind": K.ORDER_EXTRACT}, "kind"),
        ({"purpose": "x" * 256}, "purpose"),
    ):
        assert_error(
            client.post(url("documents"), body, content_type="application/json"), 400, "invalid", {field}
        )
    response = client.post(url("documents"), "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")
    assert_error(client.get(url("documents"), {"student": "abc"}), 400, "invalid", {"student"})
    assert IssuedDocument.objects.count() == 0


def test_a_revoked_document_is_listed_but_not_downloaded(client, docs):
    from hemis.documents.services import revoke_document

    document = issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    revoke_document(document=document, actor=docs.a.user, reason="Xato")
    client.force_login(docs.a.user)
    [listed] = client.get(url("documents")).json()["results"]
    assert listed["revoked_at"] is not None and listed["pdf"] is None
    assert_error(client.get(url("document-pdf", pk=document.pk)), 404, "not_found")


def test_the_list_costs_the_same_queries_for_one_and_three_documents(client, docs):
    client.force_login(docs.a.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("documents")).status_code == 200
        return len(queries)

    issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    one = count()
    for _ in range(2):
        issue_document(student=docs.a, kind=K.CERTIFICATE, actor=docs.a.user)
    assert client.get(url("documents")).json()["count"] == 3
    assert count() == one
