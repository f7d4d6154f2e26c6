"""Documents in a real browser on a phone (issue 14): a student requests a certificate of study with a
purpose, finds it in their list, downloads the PDF (the number and their name in it, a QR code of the
verification address) and opens that address logged out: the document is genuine, with its facts; the
page and the list fit the 390 px screen."""

from io import BytesIO

import pytest
import zxingcpp
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from hemis.documents.enums import DocumentKind
from hemis.documents.models import IssuedDocument
from hemis.testing.documents import build_docs
from hemis.testing.grading import build_grading
from hemis.testing.schedule import build_world
from tests.browser.conftest import console_errors, fits_phone, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def test_a_student_requests_downloads_and_verifies_a_certificate_on_a_phone(phone, live_server, uni):
    docs = build_docs(build_grading(build_world(uni)))
    errors = console_errors(phone)

    login(phone, live_server, docs.a.user.username)
    phone.goto(f"{live_server.url}/documents/")
    phone.select_option("#id_kind", DocumentKind.CERTIFICATE.value)
    phone.fill("#id_purpose", "Soliq idorasi")
    with phone.expect_navigation():
        phone.click("[data-testid=request-document]")
    document = IssuedDocument.objects.get()
    assert phone.locator("[data-testid=document-number]").all_inner_texts() == [document.number]
    assert fits_phone(phone)

    href = phone.locator("[data-testid=document-pdf]").get_attribute("href")
    response = phone.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.body()))
    body = " ".join(reader.pages[0].extract_text().split())
    assert document.number in body and "Oʻrinboyeva Gulnoza Gʻayratovna" in body
    [url] = [code.text for image in reader.pages[0].images for code in zxingcpp.read_barcodes(image.image)]
    assert url == f"{live_server.url}/verify/{document.number}/?c={document.check_code}"

    phone.context.clear_cookies()  # anyone who scans the code, logged in or not
    phone.goto(url)
    assert uz("The document is genuine.") == phone.locator("[data-testid=verdict]").inner_text()
    facts = phone.locator("[data-testid=document-facts]").inner_text()
    assert (
        document.number in facts and "Oʻrinboyeva Gulnoza Gʻayratovna" in facts and "Soliq idorasi" in facts
    )
    assert fits_phone(phone)
    assert errors == []
