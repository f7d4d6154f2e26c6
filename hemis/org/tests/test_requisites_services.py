import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hemis.audit.models import AuditEvent
from hemis.org.models import ChangeKind, Licence, StructureChange, UniversityRequisites
from hemis.org.services import requisites as services

VALID = {
    "full_name_uz": "Toshkent kimyo-texnologiya instituti",
    "full_name_ru": "Ташкентский химико-технологический институт",
    "full_name_en": "Tashkent Institute of Chemical Technology",
    "short_name_uz": "TKTI",
    "short_name_en": "TICT",
    "hemis_code": "311",
    "tin": "201234567",
    "address": "Toshkent sh., Navoiy koʻchasi, 32",
    "phone": "+998 71 244 79 20",
    "email": "info@tkti.example",
    "website": "https://tkti.example",
    "bank_name": "Oʻzmilliybank",
    "mfo": "00450",
    "bank_account": "20208000900123456001",
    "ownership": "11",
    "university_form": "13",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_first_save_is_the_complete_initial_entry(hr):
    req = services.save_requisites(actor=hr, **VALID)
    assert req.completed_at is not None
    assert req.tin == "201234567"
    assert StructureChange.objects.count() == 0
    event = AuditEvent.objects.get(action="org.requisites.created")
    assert event.data["after"]["short_name_en"] == "TICT"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tin", "20123456", "The TIN (STIR) must be exactly 9 digits."),
        ("tin", "20123456A", "The TIN (STIR) must be exactly 9 digits."),
        ("mfo", "0045", "The bank MFO code must be exactly 5 digits."),
        ("bank_account", "2020800090012345600", "The bank account number must be exactly 20 digits."),
        ("bank_account", "2020800090012345600X", "The bank account number must be exactly 20 digits."),
    ],
)
def test_format_errors_are_on_the_field_and_nothing_is_saved(hr, field, value, message):
    with pytest.raises(ValidationError) as error:
        services.save_requisites(actor=hr, **{**VALID, field: value})
    assert error.value.message_dict == {field: [message]}
    assert UniversityRequisites.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="org.").count() == 0


def test_english_name_is_required(hr):
    with pytest.raises(ValidationError) as error:
        services.save_requisites(actor=hr, **{**VALID, "full_name_en": "", "short_name_en": " "})
    assert set(error.value.message_dict) == {"full_name_en", "short_name_en"}


def test_a_later_change_needs_its_document_and_is_logged(hr):
    first = services.save_requisites(actor=hr, **VALID)
    with pytest.raises(ValidationError) as error:
        services.save_requisites(actor=hr, **{**VALID, "phone": "+998 71 244 00 00"})
    assert set(error.value.message_dict) == {"document_number", "document_date"}
    req = services.save_requisites(
        actor=hr,
        document_number="45-son",
        document_date=dt.date(2026, 3, 2),
        **{**VALID, "phone": "+998 71 244 00 00"},
    )
    assert req.pk == first.pk
    assert req.completed_at == first.completed_at
    change = StructureChange.objects.get()
    assert (change.kind, change.document_date) == (ChangeKind.REQUISITES_UPDATED, dt.date(2026, 3, 2))
    assert (change.before, change.after) == ({"phone": "+998 71 244 79 20"}, {"phone": "+998 71 244 00 00"})


def test_licence_with_scan_is_stored_under_org_licences(hr, media):
    scan = SimpleUploadedFile("litsenziya.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    licence = services.add_licence(
        actor=hr,
        document=scan,
        number="L-0412",
        issue_date=dt.date(2021, 6, 10),
        valid_until=None,
        issuing_body="Taʼlim sifatini nazorat qilish davlat inspeksiyasi",
        activity="Oliy taʼlim xizmatlari",
    )
    assert licence.document.name.startswith("org/licences/litsenziya")
    assert (media / licence.document.name).read_bytes() == b"%PDF-1.4 test"
    change = StructureChange.objects.get()
    assert (change.kind, change.document_number, change.document_date) == (
        ChangeKind.LICENCE_ADDED,
        "L-0412",
        dt.date(2021, 6, 10),
    )


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("scan.docx", 100, "Upload a PDF, JPG or PNG file."),
        ("scan.png", 10 * 1024 * 1024 + 1, "The file is larger than 10 MB."),
    ],
)
def test_licence_scan_type_and_size(hr, media, name, size, message):
    scan = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError) as error:
        services.add_licence(
            actor=hr, document=scan, number="L-1", issue_date=dt.date(2021, 6, 10),
            issuing_body="Inspeksiya", activity="Oliy taʼlim",
        )  # fmt: skip
    assert error.value.message_dict == {"document": [message]}
    assert Licence.objects.count() == 0


def test_validity_before_issue_is_refused(hr):
    with pytest.raises(ValidationError) as error:
        services.add_accreditation(
            actor=hr, certificate_number="A-77", issue_date=dt.date(2024, 5, 1),
            valid_until=dt.date(2024, 4, 1), scope="60720100 Kimyoviy texnologiya",
        )  # fmt: skip
    assert list(error.value.message_dict) == ["valid_until"]


def test_accreditation_update_is_audited_not_logged_again(hr):
    acc = services.add_accreditation(
        actor=hr, certificate_number="A-77", issue_date=dt.date(2024, 5, 1),
        valid_until=dt.date(2029, 5, 1), scope="Bakalavriat",
    )  # fmt: skip
    services.update_accreditation(accreditation=acc, actor=hr, scope="Bakalavriat va magistratura")
    assert StructureChange.objects.count() == 1
    event = AuditEvent.objects.get(action="org.accreditation.updated")
    assert event.data == {
        "before": {"scope": "Bakalavriat"},
        "after": {"scope": "Bakalavriat va magistratura"},
    }
