"""Requisites, licences and accreditation pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hemis.org.models import Licence, UniversityRequisites
from hemis.org.tests.test_requisites_services import VALID

PAGE = reverse("web:org_requisites")
EDIT = reverse("web:org_requisites_edit")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_hr_enters_requisites(client, hr):
    client.force_login(hr)
    response = client.post(EDIT, VALID)
    assert response["Location"] == PAGE
    req = UniversityRequisites.objects.get()
    assert (req.tin, req.mfo, req.bank_account) == ("201234567", "00450", "20208000900123456001")
    html = client.get(PAGE).content.decode()
    assert "Tashkent Institute of Chemical Technology" in html


def test_format_errors_are_shown_on_their_fields(client, hr):
    client.force_login(hr)
    response = client.post(EDIT, {**VALID, "tin": "1234", "mfo": "12", "bank_account": "123"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "tin": ["The TIN (STIR) must be exactly 9 digits."],
        "mfo": ["The bank MFO code must be exactly 5 digits."],
        "bank_account": ["The bank account number must be exactly 20 digits."],
    }
    assert UniversityRequisites.objects.count() == 0


def test_a_change_without_its_document_is_refused_on_the_field(client, hr):
    client.force_login(hr)
    client.post(EDIT, VALID)
    response = client.post(EDIT, {**VALID, "phone": "+998 71 200 00 00"})
    assert set(response.context["form"].errors) == {"document_number", "document_date"}
    assert UniversityRequisites.objects.get().phone == "+998 71 244 79 20"
    client.post(
        EDIT,
        {**VALID, "phone": "+998 71 200 00 00", "document_number": "45-son", "document_date": "02.03.2026"},
    )
    assert UniversityRequisites.objects.get().phone == "+998 71 200 00 00"


def test_management_reads_but_cannot_edit(client, rector):
    client.force_login(rector)
    assert client.get(PAGE).context["can_edit"] is False
    assert client.post(EDIT, VALID).status_code == 403
    assert UniversityRequisites.objects.count() == 0


def test_licence_with_scan_then_the_document_opens(client, hr, media):
    client.force_login(hr)
    scan = SimpleUploadedFile("litsenziya.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    data = {
        "number": "L-0412",
        "issue_date": "10.06.2021",
        "issuing_body": "Inspeksiya",
        "activity": "Oliy taʼlim",
        "document": scan,
    }
    assert client.post(reverse("web:org_licence_create"), data)["Location"] == PAGE
    licence = Licence.objects.get()
    response = client.get(reverse("web:org_document", kwargs={"kind": "licence", "pk": licence.pk}))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 scan"


def test_licence_scan_of_a_wrong_type_is_refused(client, hr, media):
    client.force_login(hr)
    scan = SimpleUploadedFile("litsenziya.exe", b"MZ")
    data = {
        "number": "L-1",
        "issue_date": "10.06.2021",
        "issuing_body": "Inspeksiya",
        "activity": "Oliy taʼlim",
        "document": scan,
    }
    response = client.post(reverse("web:org_licence_create"), data)
    assert response.context["form"].errors == {"document": ["Upload a PDF, JPG or PNG file."]}
    assert Licence.objects.count() == 0


def test_accreditation_entered(client, hr):
    client.force_login(hr)
    data = {
        "certificate_number": "A-77",
        "issue_date": "01.05.2024",
        "valid_until": "01.05.2029",
        "scope": "Bakalavriat",
    }
    client.post(reverse("web:org_accreditation_create"), data)
    html = client.get(PAGE).content.decode()
    assert "<td>A-77</td><td>01.05.2024</td><td>01.05.2029</td><td>Bakalavriat</td>" in html


def test_validity_before_issue_is_refused_on_the_field(client, hr):
    client.force_login(hr)
    data = {
        "certificate_number": "A-77",
        "issue_date": "01.05.2024",
        "valid_until": "01.04.2024",
        "scope": "Bakalavriat",
    }
    response = client.post(reverse("web:org_accreditation_create"), data)
    assert response.context["form"].errors == {
        "valid_until": ["“Valid until” cannot be before the issue date."]
    }
