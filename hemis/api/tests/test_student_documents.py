"""Student API: orders (``student/decree``), certificates of study (``student/reference``, issued by
``student/reference-generate``), the other documents (``student/document``, ``document-all``), their
PDF (``student/document-download``) and the empty finance answers (contracts, stipends).

The world is the documents tests' (``hemis.testing.documents``): students ``a`` and ``b`` of KT-21 with
logins, an applied transfer order (№ 45-T) moving ``a``."""

import datetime as dt
from io import BytesIO
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from hemis.api.rest_v1 import auth
from hemis.audit.models import AuditEvent
from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import IssuedDocument
from hemis.documents.services import issue_document, revoke_document
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.students.models import Student, StudentStatus
from hemis.testing.documents import Docs, build_docs
from hemis.testing.grading import grading, world  # noqa: F401 - the shared fixtures
from hemis.testing.hemis_api import check, check_error

pytestmark = pytest.mark.django_db

INVALID = "Your request was made with invalid credentials."
NOT_FOUND = "Data not found."
TASHKENT = dt.timezone(dt.timedelta(hours=5))
# 10 November 2026, in the autumn semester of 2026-2027
AUTUMN_DAY = dt.datetime(2026, 11, 10, 10, 0, tzinfo=TASHKENT)
SPRING_DAY = dt.datetime(2027, 3, 10, 10, 0, tzinfo=TASHKENT)


@pytest.fixture
def school(grading) -> Docs:  # noqa: F811 - the fixture imported above
    return build_docs(grading)


def get(client, student, operation, **params):
    token = auth.issue(student.user)
    return client.get(f"/rest/v1/{operation}", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def download(client, student, url):
    """GET an absolute ``file`` address with the student's token."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver"
    token = auth.issue(student.user)
    return client.get(f"{parts.path}?{parts.query}", HTTP_AUTHORIZATION=f"Bearer {token}")


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def qr_payloads(response) -> list[str]:
    reader = PdfReader(BytesIO(response.content))
    return [
        barcode.text
        for page in reader.pages
        for image in page.images
        for barcode in zxingcpp.read_barcodes(image.image)
    ]


def ts(value) -> int:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=5)))
    return int(value.timestamp())


def order(school, kind=OrderKind.COURSE_TRANSFER, number="50-K", date=dt.date(2026, 11, 1), **fields):
    """Another order concerning ``a`` (applied unless said otherwise)."""
    status = fields.pop("status", OrderStatus.APPLIED)
    made = Order.objects.create(
        kind=kind,
        number=number,
        date=date,
        faculty=school.grading.world.faculty,
        title=fields.pop("title", ""),
        status=status,
        applied_at=timezone.now() if status == OrderStatus.APPLIED else None,
    )
    OrderItem.objects.create(order=made, student=school.a, **fields)
    return made


# --- student/decree ------------------------------------------------------------------------------


def test_decree_lists_the_applied_orders_concerning_the_student(client, school):
    a, b = school.a, school.b
    faculty = school.grading.world.faculty
    order(school, OrderKind.REVERSAL, number="51-R", date=dt.date(2026, 11, 5))
    order(school, number="52-D", status=OrderStatus.DRAFT)  # a draft concerns nobody yet
    body = get(client, a, "student/decree").json()
    check("/v1/student/decree", body)
    transfer, reversal = sorted(body["data"], key=lambda d: d["date"])
    assert [d["number"] for d in body["data"]] == ["51-R", "45-T"]  # newest first
    assert transfer == {
        "id": school.order.pk,
        "number": "45-T",
        "name": "Guruhdan guruhga oʻtkazish",
        "department": {
            "id": faculty.pk,
            "name": faculty.name,
            "code": faculty.code,
            "parent": faculty.parent_id or 0,
            "active": True,
            "structureType": {
                "code": faculty.structure_type,
                "name": transfer["department"]["structureType"]["name"],
            },
            "localityType": {"code": "11", "name": transfer["department"]["localityType"]["name"]},
        },
        "decreeType": {"code": "16", "name": "Oʻqishni koʻchirish"},
        "file": "",  # no order extract issued
        "date": ts(dt.date(2026, 10, 1)),
    }
    # a reversal has no h_decree_type: null, and its name is its kind
    assert reversal["decreeType"] is None and reversal["name"] == "Buyruqni bekor qilish"
    # the other student of the group has no orders, and sees none of a's
    body = get(client, b, "student/decree").json()
    check("/v1/student/decree", body)
    assert body["data"] == []


def test_a_decrees_file_is_the_students_order_extract(client, school):
    a, b = school.a, school.b
    extract = issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=school.order)
    [decree] = get(client, a, "student/decree").json()["data"]
    assert decree["file"] == f"http://testserver/rest/v1/student/document-download?id={extract.pk}"
    text = pdf_text(download(client, a, decree["file"]))
    assert extract.number in text and "45-T" in text
    # the other student cannot open it
    response = download(client, b, decree["file"])
    assert response.status_code == 404
    check_error(response.json(), 404, NOT_FOUND)
    # a revoked extract is no file any more
    revoke_document(document=extract, actor=a.user, reason="Xato")
    assert get(client, a, "student/decree").json()["data"][0]["file"] == ""


def test_decree_names_follow_the_language(client, school):
    order(school, OrderKind.REVERSAL, number="51-R")  # untitled: named by its kind
    names = {
        language: [d["name"] for d in get(client, school.a, "student/decree", l=language).json()["data"]]
        for language in ("uz-UZ", "en-US", "ru-RU")
    }
    assert names["uz-UZ"] == ["Buyruqni bekor qilish", "Guruhdan guruhga oʻtkazish"]
    assert names["en-US"] == ["Reversal of an order", "Guruhdan guruhga oʻtkazish"]
    assert names["ru-RU"][0] not in names["uz-UZ"] + names["en-US"]
    cyrillic = get(client, school.a, "student/decree", l="oz-UZ").json()["data"][-1]
    assert cyrillic["number"] == "45-T" and cyrillic["name"] == "Гуруҳдан гуруҳга ўтказиш"


def test_decree_costs_the_same_queries_for_one_and_three_orders(client, school, django_assert_num_queries):
    a = school.a
    issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=school.order)
    with CaptureQueriesContext(connection) as one:
        assert len(get(client, a, "student/decree").json()["data"]) == 1
    second = order(school, number="53-K")
    order(school, OrderKind.ACADEMIC_LEAVE, number="54-A")
    issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=second)
    with django_assert_num_queries(len(one)):
        data = get(client, a, "student/decree").json()["data"]
    assert len(data) == 3 and sum(1 for d in data if d["file"]) == 2


# --- student/reference and reference-generate ------------------------------------------------------


def test_reference_lists_the_students_certificates_of_study(client, school):
    a, b = school.a, school.b
    w = school.grading.world
    autumn = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, now=AUTUMN_DAY)
    spring = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, now=SPRING_DAY)
    issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)  # another kind
    revoked = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, now=AUTUMN_DAY)
    revoke_document(document=revoked, actor=a.user, reason="Xato")
    body = get(client, a, "student/reference").json()
    check("/v1/student/reference", body)
    assert [r["id"] for r in body["data"]] == [spring.pk, autumn.pk]
    second, first = body["data"]
    assert first["reference_number"] == autumn.number and first["reference_date"] == ts(AUTUMN_DAY)
    assert first["file"] == f"http://testserver/rest/v1/student/document-download?id={autumn.pk}"
    # issued in course 2: the third curriculum semester in autumn, the fourth in spring
    assert first["semester"]["id"] == w.autumn.pk and first["semester"]["code"] == "13"
    assert first["semester"]["education_year"]["code"] == "2026"
    assert second["semester"]["id"] == w.semester.pk and second["semester"]["code"] == "14"
    assert first["level"]["code"] == "12"
    assert first["department"]["id"] == a.faculty_id
    # the other student of the group has none, and sees none of a's
    body = get(client, b, "student/reference").json()
    check("/v1/student/reference", body)
    assert body["data"] == []


def test_reference_costs_the_same_queries_for_one_and_three(client, school, django_assert_num_queries):
    a = school.a
    issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, now=AUTUMN_DAY)
    with CaptureQueriesContext(connection) as one:
        assert len(get(client, a, "student/reference").json()["data"]) == 1
    issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, now=SPRING_DAY)
    issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    with django_assert_num_queries(len(one)):
        assert len(get(client, a, "student/reference").json()["data"]) == 3


def test_reference_generate_issues_a_certificate_with_its_pdf(client, school):
    a, b = school.a, school.b
    body = get(client, a, "student/reference-generate").json()
    check("/v1/student/reference-generate", body)
    document = IssuedDocument.objects.get()
    assert document.student == a and document.kind == K.CERTIFICATE and document.issued_by == a.user
    assert AuditEvent.objects.filter(action="documents.document.issued", target_id=str(document.pk)).exists()
    data = body["data"]
    assert data["id"] == document.pk and data["reference_number"] == document.number
    assert document.number.startswith(f"MA-{timezone.localdate().year}-")
    assert data["reference_date"] == int(document.issued_at.timestamp())
    # the file is the PDF, with its number, the student and the QR code of the verification page
    response = download(client, a, data["file"])
    text = pdf_text(response)
    assert document.number in text and "Oʻrinboyeva Gulnoza Gʻayratovna" in text
    assert qr_payloads(response) == [f"http://testserver/verify/{document.number}/?c={document.check_code}"]
    # it is listed, and the other student of the group neither lists nor downloads it
    assert [r["id"] for r in get(client, a, "student/reference").json()["data"]] == [document.pk]
    assert get(client, b, "student/reference").json()["data"] == []
    check_error(download(client, b, data["file"]).json(), 404, NOT_FOUND)
    # a second request issues the next number
    again = get(client, a, "student/reference-generate").json()["data"]
    assert again["reference_number"] != document.number and IssuedDocument.objects.count() == 2


def test_reference_generate_refuses_a_student_who_is_not_studying(client, school):
    Student.objects.filter(pk=school.a.pk).update(status=StudentStatus.EXPELLED)
    response = get(client, school.a, "student/reference-generate", l="en-US")
    assert response.status_code == 400
    check_error(response.json(), 400)
    assert "Only a studying student receives this document." in response.json()["error"]
    assert IssuedDocument.objects.count() == 0


# --- student/document and document-all -------------------------------------------------------------


def _three(school):
    a = school.a
    certificate = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user, purpose="Soliq idorasi")
    transcript = issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)
    extract = issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=school.order)
    return certificate, transcript, extract


def test_document_lists_the_other_documents_with_their_attributes(client, school):
    a, b = school.a, school.b
    certificate, transcript, extract = _three(school)
    body = get(client, a, "student/document", l="en-US").json()
    check("/v1/student/document", body)
    assert [(d["id"], d["type"]) for d in body["data"]] == [
        (extract.pk, "order_extract"),
        (transcript.pk, "transcript"),
    ]
    item = body["data"][1]
    assert item["name"] == "Transcript"
    attributes = {x["label"]: x["value"] for x in item["attributes"]}
    assert attributes["Registration number"] == transcript.number
    assert attributes["Full name"] == "Oʻrinboyeva Gulnoza Gʻayratovna"
    assert attributes["Cumulative GPA"] == transcript.facts["gpa"]
    assert "PINFL" not in attributes
    text = pdf_text(download(client, a, item["file"]))
    assert transcript.number in text and "MAT204" in text and "Transkript" in text
    # in Uzbek Cyrillic the names are Cyrillic, the number, group and student ID as they are
    [_extract, item] = get(client, a, "student/document", l="oz-UZ").json()["data"]
    attributes = [x["value"] for x in item["attributes"]]
    assert item["name"] == "Транскрипт" and "Ўринбоева Гулноза Ғайратовна" in attributes
    assert transcript.number in attributes and a.student_id_number in attributes
    # the other student of the group sees none of them and downloads none
    body = get(client, b, "student/document").json()
    check("/v1/student/document", body)
    assert body["data"] == []
    for document in (certificate, transcript, extract):
        response = get(client, b, "student/document-download", id=document.pk)
        assert response.status_code == 404
        check_error(response.json(), 404, NOT_FOUND)


def test_document_all_has_the_orders_certificates_and_other_documents(client, school):
    a = school.a
    certificate, transcript, extract = _three(school)
    body = get(client, a, "student/document-all", l="en-US").json()
    check("/v1/student/document-all", body)
    assert [(d["id"], d["type"]) for d in body["data"]] == [
        (school.order.pk, "decree"),
        (certificate.pk, "reference"),
        (extract.pk, "order_extract"),
        (transcript.pk, "transcript"),
    ]
    decree, reference = body["data"][:2]
    assert decree["name"] == "Guruhdan guruhga oʻtkazish"
    assert decree["file"].endswith(f"?id={extract.pk}")
    assert {"label": "Order", "value": "№ 45-T, 01.10.2026"} in decree["attributes"]
    assert {"label": "Presented to", "value": "Soliq idorasi"} in reference["attributes"]
    assert certificate.number in pdf_text(download(client, a, reference["file"]))
    body = get(client, school.b, "student/document-all").json()
    check("/v1/student/document-all", body)
    assert body["data"] == []


@pytest.mark.parametrize("operation", ["student/document", "student/document-all"])
def test_document_lists_cost_the_same_queries_for_one_and_three(
    client, school, django_assert_num_queries, operation
):
    a = school.a
    issue_document(student=a, kind=K.TRANSCRIPT, actor=a.user)
    with CaptureQueriesContext(connection) as one:
        first = get(client, a, operation).json()["data"]
    issue_document(student=a, kind=K.STUDY_CARD, actor=a.user)
    issue_document(student=a, kind=K.ORDER_EXTRACT, actor=a.user, order=school.order)
    issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    with django_assert_num_queries(len(one)):
        data = get(client, a, operation).json()["data"]
    assert len(data) == len(first) + (2 if operation == "student/document" else 3)


# --- the PDF download -------------------------------------------------------------------------------


def test_download_refuses_bad_ids_revoked_documents_and_missing_tokens(client, school):
    a = school.a
    document = issue_document(student=a, kind=K.CERTIFICATE, actor=a.user)
    response = get(client, a, "student/document-download", id="abc", l="en-US")
    assert response.status_code == 400
    check_error(response.json(), 400, "Invalid value of parameter id: abc is not an integer.")
    check_error(
        get(client, a, "student/document-download", l="en-US").json(), 400, "Missing required parameter: id"
    )
    check_error(get(client, a, "student/document-download", id=999999).json(), 404, NOT_FOUND)
    response = client.get("/rest/v1/student/document-download", {"id": document.pk})
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    response = client.get(
        "/rest/v1/student/document-download", {"id": document.pk}, HTTP_AUTHORIZATION="Bearer nonsense"
    )
    check_error(response.json(), 401, INVALID)
    token = auth.issue(a.user)
    response = client.post(
        f"/rest/v1/student/document-download?id={document.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    check_error(response.json(), 405)
    assert document.number in pdf_text(get(client, a, "student/document-download", id=document.pk))
    revoke_document(document=document, actor=a.user, reason="Xato")
    check_error(get(client, a, "student/document-download", id=document.pk).json(), 404, NOT_FOUND)


# --- contracts and stipends -------------------------------------------------------------------------


def test_contract_is_not_found_while_no_contracts_are_kept(client, school):
    response = get(client, school.a, "student/contract")
    assert response.status_code == 404
    check_error(response.json(), 404, NOT_FOUND)


@pytest.mark.parametrize("operation", ["student/contract-list", "student/stipend-list"])
def test_contract_and_stipend_lists_are_empty(client, school, operation):
    body = get(client, school.a, operation).json()
    check(f"/v1/{operation}", body)
    assert body["data"] == [{"items": [], "attributes": {}}]


def test_stipend_list_checks_the_year(client, school):
    body = get(client, school.a, "student/stipend-list", year="2025").json()
    check("/v1/student/stipend-list", body)
    assert body["data"][0]["items"] == []
    for bad in ("abc", "25.5"):
        response = get(client, school.a, "student/stipend-list", year=bad, l="en-US")
        assert response.status_code == 400
        check_error(response.json(), 400, f"Invalid value of parameter year: {bad} is not an integer.")
    check_error(
        get(client, school.a, "student/stipend-list", year="12", l="en-US").json(),
        400,
        "Invalid value of parameter year: 12 is not a year.",
    )


# --- tokens --------------------------------------------------------------------------------------


OPERATIONS = [
    "student/decree",
    "student/reference",
    "student/reference-generate",
    "student/document",
    "student/document-all",
    "student/contract",
    "student/contract-list",
    "student/stipend-list",
]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_needs_a_valid_student_token(client, school, operation):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer nonsense"}):
        response = client.get(f"/rest/v1/{operation}", **headers)
        assert response.status_code == 401
        check_error(response.json(), 401, INVALID)
    # a password change revokes the token
    token = auth.issue(school.a.user)
    school.a.user.set_password("another-password-2026")
    school.a.user.save()
    response = client.get(f"/rest/v1/{operation}", HTTP_AUTHORIZATION=f"Bearer {token}")
    check_error(response.json(), 401, INVALID)
    assert IssuedDocument.objects.count() == 0
