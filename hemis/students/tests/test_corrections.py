"""Personal-data correction requests (annex 13 item 7): asked by the student, applied (through the
student-edit service) or rejected with an answer by the dean's office; refusals change nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hemis.audit.models import AuditEvent
from hemis.core.people import Gender
from hemis.students.models import CorrectionStatus, DataCorrectionRequest
from hemis.students.services import corrections as services
from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def student(uni):
    user = f.UserFactory(username="400251100501")
    return f.StudentFactory(
        group=uni["chem_group"],
        student_id_number="400251100501",
        user=user,
        patronymic="Baxtiyorovna",
        address="Toshkent, Chilonzor 5",
        gender=Gender.FEMALE,
    )


def ask(student, field, value, comment="", file=None):
    return services.request_correction(
        student=student, field=field, requested_value=value, comment=comment, file=file, actor=student.user
    )


def test_a_request_keeps_the_value_held_then_and_the_scan(student):
    scan = SimpleUploadedFile("guvohnoma.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    request = ask(student, "birth_date", "19.03.2005", "Guvohnomada 19-mart.", scan)
    assert (request.status, request.current_value, request.requested_value) == (
        "open",
        "09.03.2005",
        "19.03.2005",
    )
    assert request.file.name.endswith(".pdf")
    assert request.created_by == student.user
    event = AuditEvent.objects.get(action="students.correction.requested")
    assert event.data["value"] == "•"  # a birth date is personal data


def test_applying_writes_the_field_through_the_student_edit_service(student, dean_chemistry):
    request = ask(student, "birth_date", "19.03.2005")
    services.apply_correction(request=request, answer="Tuzatildi.", actor=dean_chemistry)
    student.refresh_from_db()
    request.refresh_from_db()
    assert student.birth_date == dt.date(2005, 3, 19)
    assert (request.status, request.answer, request.decided_by) == ("applied", "Tuzatildi.", dean_chemistry)
    assert request.decided_at is not None
    assert AuditEvent.objects.filter(action="students.student.updated", actor=dean_chemistry).count() == 1
    assert AuditEvent.objects.filter(action="students.correction.applied").count() == 1


@pytest.mark.parametrize(
    ("field", "text", "stored", "value"),
    [
        ("gender", "male", "11", Gender.MALE),
        ("citizenship", "Foreign citizen", "12", "12"),
        ("phone", "93 555 01 02", "+998935550102", "+998935550102"),
        ("last_name", "  Oʻrinboyeva-Karimova ", "Oʻrinboyeva-Karimova", "Oʻrinboyeva-Karimova"),
    ],
)
def test_values_are_kept_in_the_records_own_form(student, dean_chemistry, field, text, stored, value):
    request = ask(student, field, text)
    assert request.requested_value == stored
    services.apply_correction(request=request, actor=dean_chemistry)
    student.refresh_from_db()
    assert getattr(student, field) == value


@pytest.mark.parametrize(
    ("field", "text", "comment", "error_field", "message"),
    [
        ("birth_date", "2005-03-19", "", "requested_value", "Enter the date as DD.MM.YYYY."),
        ("birth_date", "31.02.2005", "", "requested_value", "Enter the date as DD.MM.YYYY."),
        ("pinfl", "123", "", "requested_value", "PINFL must be exactly 14 digits."),
        ("gender", "robot", "", "requested_value", "Choose one of: Unknown, Male, Female."),
        ("address", "Toshkent, Chilonzor 5", "", "requested_value", "The record already holds this value."),
        ("nickname", "Guli", "", "field", "Choose the field to correct."),
        ("other", "KT-12-24", "", "comment", "Say in the comment what is to be corrected."),
        ("last_name", "", "", "requested_value", "Enter the correct value."),
    ],
)
def test_wrong_requests_are_refused(student, field, text, comment, error_field, message):
    with pytest.raises(ValidationError) as refused:
        ask(student, field, text, comment)
    assert refused.value.message_dict[error_field] == [message]
    assert not DataCorrectionRequest.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("scan.exe", 10, "Upload a file of one of these types: pdf, jpg, jpeg, png."),
        ("scan.pdf", 5 * 1024 * 1024 + 1, "The file is larger than 5 MB."),
    ],
)
def test_refused_scans_change_nothing(student, name, size, message):
    scan = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError) as refused:
        ask(student, "address", "Toshkent, Yunusobod 4", file=scan)
    assert refused.value.message_dict["file"] == [message]
    assert not DataCorrectionRequest.objects.exists()


def test_rejecting_needs_an_answer_and_writes_nothing(student, dean_chemistry):
    request = ask(student, "address", "Toshkent, Yunusobod 4")
    with pytest.raises(ValidationError) as refused:
        services.reject_correction(request=request, answer="  ", actor=dean_chemistry)
    assert refused.value.message_dict == {"answer": ["Say why the request is rejected."]}
    request.refresh_from_db()
    assert request.status == CorrectionStatus.OPEN
    services.reject_correction(
        request=request, answer="Propiskangiz boʻyicha manzil toʻgʻri.", actor=dean_chemistry
    )
    request.refresh_from_db()
    student.refresh_from_db()
    assert (request.status, request.decided_by) == ("rejected", dean_chemistry)
    assert student.address == "Toshkent, Chilonzor 5"
    assert not AuditEvent.objects.filter(action="students.student.updated").exists()


def test_a_decided_request_is_not_decided_again(student, dean_chemistry):
    request = ask(student, "address", "Toshkent, Yunusobod 4")
    services.reject_correction(request=request, answer="Yoʻq.", actor=dean_chemistry)
    with pytest.raises(ValidationError) as refused:
        services.apply_correction(request=request, actor=dean_chemistry)
    assert refused.value.message_dict == {"status": ["This request was already decided: rejected."]}
    student.refresh_from_db()
    assert student.address == "Toshkent, Chilonzor 5"


def test_a_value_the_student_edit_service_refuses_leaves_the_request_open(student, dean_chemistry):
    other = f.StudentFactory(group=student.group, pinfl="30101990099999")
    request = ask(student, "pinfl", other.pinfl)
    with pytest.raises(ValidationError) as refused:
        services.apply_correction(request=request, actor=dean_chemistry)
    assert refused.value.message_dict == {"requested_value": ["A student with this PINFL already exists."]}
    request.refresh_from_db()
    assert request.status == CorrectionStatus.OPEN


def test_other_data_is_marked_applied_without_writing(student, dean_chemistry):
    request = ask(student, "other", "Oʻqish shakli: sirtqi", comment="Men sirtqi boʻlimga oʻtganman.")
    before = {k: v for k, v in student.__dict__.items() if not k.startswith("_") and k != "updated_at"}
    services.apply_correction(request=request, answer="Buyruq tayyorlanmoqda.", actor=dean_chemistry)
    student.refresh_from_db()
    after = {k: v for k, v in student.__dict__.items() if not k.startswith("_") and k != "updated_at"}
    assert after == before
    assert DataCorrectionRequest.objects.get().status == "applied"
