"""The PINFL correction request (annex 1 item 4): the super administrator flags students and employees
whose PINFL was entered wrongly, the letter to the ministry centre is a PDF (read back with pypdf), the
request goes draft → sent → corrected, and it is corrected only when every record carries its correct
PINFL — found by the check the sync job runs, never marked by hand."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings
from hemis.exchange import letter, selectors, services
from hemis.exchange.enums import CorrectionStatus
from hemis.exchange.models import PinflCorrection, PinflCorrectionLine
from hemis.testing import factories as f

RIGHT_STUDENT = "31234567890123"
RIGHT_TEACHER = "41234567890123"


@pytest.fixture
def people(student_in_group, superadmin):
    UniversitySettings.objects.create(name_uz="Toshkent kimyo-texnologiya instituti", hemis_code="371")
    teacher = f.EmployeeFactory(last_name="Gʻaniyev", first_name="Botir", patronymic="Oʻktamovich")
    return {"student": student_in_group, "teacher": teacher, "admin": superadmin}


def flag_both(people):
    s = services.flag_pinfl(
        student=people["student"],
        correct_value=RIGHT_STUDENT,
        reason="Pasportdagi raqam",
        actor=people["admin"],
    )
    e = services.flag_pinfl(
        employee=people["teacher"],
        correct_value=RIGHT_TEACHER,
        reason="Raqamlar almashgan",
        actor=people["admin"],
    )
    return s, e


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_flagged_records_go_on_one_draft_request(people):
    wrong_student, wrong_teacher = people["student"].pinfl, people["teacher"].pinfl
    s, e = flag_both(people)
    assert s.request_id == e.request_id
    request = PinflCorrection.objects.get()
    assert (request.status, request.number) == (CorrectionStatus.DRAFT, f"{timezone.localdate().year}-001")
    assert (s.wrong_value, s.correct_value, s.student, s.employee) == (
        wrong_student,
        RIGHT_STUDENT,
        people["student"],
        None,
    )
    assert (e.wrong_value, e.correct_value, e.employee) == (wrong_teacher, RIGHT_TEACHER, people["teacher"])
    events = AuditEvent.objects.filter(action="exchange.pinfl.flagged").order_by("pk")
    assert [ev.data["person_kind"] for ev in events] == ["student", "employee"]
    for ev in events:  # personal data is journaled as changed, never by value
        assert wrong_student not in str(ev.data) and RIGHT_STUDENT not in str(ev.data)


@pytest.mark.parametrize(
    ("correct", "reason", "field"),
    [
        ("1234", "Xato", "correct_value"),
        ("abcdefghijklmn", "Xato", "correct_value"),
        (RIGHT_STUDENT, " ", "reason"),
    ],
)
def test_a_wrong_flag_is_refused_naming_its_field(people, correct, reason, field):
    with pytest.raises(ValidationError) as refused:
        services.flag_pinfl(
            student=people["student"], correct_value=correct, reason=reason, actor=people["admin"]
        )
    assert field in refused.value.message_dict
    assert not PinflCorrectionLine.objects.exists()


def test_a_flag_is_refused_for_the_same_value_a_taken_value_or_a_record_already_flagged(people):
    student = people["student"]
    other = f.StudentFactory(group=student.group)
    with pytest.raises(ValidationError, match="already entered"):
        services.flag_pinfl(student=student, correct_value=student.pinfl, reason="Xato", actor=None)
    with pytest.raises(ValidationError, match="Another record"):
        services.flag_pinfl(student=student, correct_value=other.pinfl, reason="Xato", actor=None)
    services.flag_pinfl(student=student, correct_value=RIGHT_STUDENT, reason="Xato", actor=None)
    with pytest.raises(ValidationError, match="already flagged"):
        services.flag_pinfl(student=student, correct_value="39999999999999", reason="Xato", actor=None)
    with pytest.raises(ValidationError, match="one student or one employee"):
        services.flag_pinfl(correct_value=RIGHT_STUDENT, reason="Xato", actor=None)
    assert PinflCorrectionLine.objects.count() == 1


def test_the_letter_is_a_pdf_with_the_number_date_university_records_and_signatory(people):
    flag_both(people)
    request = PinflCorrection.objects.get()
    services.send_request(
        request=request,
        signatory_name="A. Qodirov",
        signatory_position="Prorektor",
        sent_on=dt.date(2026, 12, 4),
        actor=people["admin"],
    )
    request.refresh_from_db()
    text = text_of(letter.letter_pdf(request, selectors.correction_lines(request)))
    assert f"No. {request.number} of 04.12.2026" in text
    assert "Toshkent kimyo-texnologiya instituti" in text
    assert "RTTRM" in text
    assert "Oʻrinboyeva Gulnoza" in text  # oʻ drawn and read back
    assert "Gʻaniyev Botir Oʻktamovich" in text  # gʻ too
    for value in (people["student"].pinfl, RIGHT_STUDENT, people["teacher"].pinfl, RIGHT_TEACHER):
        assert value in text
    assert "400251199999" in text and "Pasportdagi raqam" in text
    assert "Prorektor" in text and "A. Qodirov" in text


def test_draft_to_sent_to_corrected_only_when_every_record_carries_its_correct_pinfl(people):
    s, e = flag_both(people)
    request = s.request
    services.remove_line(line=e, actor=people["admin"])
    e = services.flag_pinfl(
        employee=people["teacher"], correct_value=RIGHT_TEACHER, reason="Xato", actor=None
    )
    assert e.request_id == request.pk  # still the draft
    with pytest.raises(ValidationError, match="future"):
        services.send_request(
            request=request,
            signatory_name="A",
            signatory_position="B",
            sent_on=dt.date(2099, 1, 1),
            actor=None,
        )
    services.send_request(
        request=request,
        signatory_name="A. Qodirov",
        signatory_position="Prorektor",
        sent_on=dt.date(2026, 12, 4),
        actor=people["admin"],
    )
    request.refresh_from_db()
    assert request.status == CorrectionStatus.SENT
    with pytest.raises(ValidationError, match="draft"):
        services.remove_line(line=s, actor=None)
    with pytest.raises(ValidationError, match="already sent"):
        services.send_request(
            request=request,
            signatory_name="A",
            signatory_position="B",
            sent_on=dt.date(2026, 12, 4),
            actor=None,
        )
    assert services.check_corrections() == 0  # nothing corrected yet
    student = people["student"]
    student.pinfl = RIGHT_STUDENT
    student.save()
    assert services.check_corrections() == 0  # one of two: still sent
    request.refresh_from_db()
    s.refresh_from_db()
    assert (request.status, s.corrected_at is not None) == (CorrectionStatus.SENT, True)
    teacher = people["teacher"]
    teacher.pinfl = RIGHT_TEACHER
    teacher.save()
    assert services.sync()["corrected"] == 1  # the sync job finds it
    request.refresh_from_db()
    assert request.status == CorrectionStatus.CORRECTED and request.corrected_at is not None
    actions = list(
        AuditEvent.objects.filter(target_id=str(request.pk), action__startswith="exchange.pinfl_request")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "exchange.pinfl_request.created",
        "exchange.pinfl_request.sent",
        "exchange.pinfl_request.corrected",
    ]
    # A new flag opens a new draft.
    other = f.StudentFactory(group=student.group)
    line = services.flag_pinfl(student=other, correct_value="35555555555555", reason="Xato", actor=None)
    assert line.request_id != request.pk and line.request.number.endswith("-002")


def test_an_empty_draft_cannot_be_sent(people):
    s, e = flag_both(people)
    services.remove_line(line=s, actor=None)
    services.remove_line(line=e, actor=None)
    with pytest.raises(ValidationError, match="at least one"):
        services.send_request(
            request=s.request,
            signatory_name="A",
            signatory_position="B",
            sent_on=dt.date(2026, 12, 4),
            actor=None,
        )
