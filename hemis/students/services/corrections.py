"""Personal-data correction requests (annex 13 item 7): a student asks, the dean's office of their faculty
applies (through the student-edit service) or rejects with an answer."""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.people import journaled, pinfl_validator
from hemis.students.models import CorrectableField, CorrectionStatus, DataCorrectionRequest, Student
from hemis.students.services.common import Errors, add, raise_if
from hemis.students.services.students import update_student
from hemis.students.validators import email_error, normalise_phone, phone_error, scan_error

F = CorrectableField
_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
# Kept in the journal as "changed", never by value (as the student-edit service does).


def _choices(field: str):
    return getattr(Student._meta.get_field(field), "choices", None) or []


def _choice_code(field: str, text: str) -> str | None:
    """The code of a choice named by ``text``: its code or its label in any interface language."""
    wanted = text.strip().casefold()
    for code, label in _choices(field):
        if wanted == code.casefold():
            return code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if wanted == str(label).casefold():
                    return code
    return None


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_value(field: str, text: str):
    """The value ``text`` means for the student's ``field`` (the form the record keeps), or raises
    ValidationError on ``requested_value``."""
    text = (text or "").strip()

    def refuse(message):
        raise ValidationError({"requested_value": [message]})

    if not text and field not in (F.PATRONYMIC, F.ACCOMMODATION):
        refuse(_("Enter the correct value."))
    if field == F.BIRTH_DATE:
        value = _parse_date(text)
        if value is None:
            refuse(_("Enter the date as DD.MM.YYYY."))
        return value
    if field == F.PHONE:
        if phone_error(text):
            refuse(phone_error(text))
        return normalise_phone(text)
    if field == F.EMAIL:
        if email_error(text):
            refuse(email_error(text))
        return text
    if field == F.PINFL:
        try:
            pinfl_validator(text)
        except ValidationError as error:
            refuse(error.messages[0])
        return text
    if field in (F.GENDER, F.CITIZENSHIP, F.SOCIAL_CATEGORY, F.ACCOMMODATION):
        if not text:
            return ""
        code = _choice_code(field, text)
        if code is None:
            names = ", ".join(str(label) for _code, label in _choices(field))
            refuse(_("Choose one of: %(names)s.") % {"names": names})
        return code
    if len(text) > 255:
        refuse(_("At most 255 characters."))
    return text


def shown_value(student: Student, field: str) -> str:
    """The student's ``field`` as the record holds it, in words (a choice by its label, a date DD.MM.YYYY)."""
    if field == F.OTHER:
        return ""
    value = getattr(student, field)
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    display = getattr(student, f"get_{field}_display", None)
    return str(display()) if display and value else str(value or "")


def _stored(field: str, value) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


@transaction.atomic
def request_correction(
    *, student: Student, field: str, requested_value: str, comment: str, file=None, actor
) -> DataCorrectionRequest:
    """The student asks the dean's office to correct ``field`` to ``requested_value`` (checked and kept in
    the record's own form: a date DD.MM.YYYY, a phone +998…, a choice by its code), with a comment and an
    optional scan. The value held now is kept with the request. Refuses naming the field."""
    errors: Errors = {}
    if field not in F.values:
        add(errors, "field", _("Choose the field to correct."))
    refused_file = scan_error(file) if file else None
    if refused_file:
        add(errors, "file", refused_file)
    comment = (comment or "").strip()
    if field == F.OTHER and not comment:
        add(errors, "comment", _("Say in the comment what is to be corrected."))
    raise_if(errors)
    value = parse_value(field, requested_value) if field != F.OTHER else (requested_value or "").strip()
    if field == F.OTHER and not value:
        raise ValidationError({"requested_value": [_("Enter the correct value.")]})
    if field != F.OTHER and value == getattr(student, field):
        raise ValidationError({"requested_value": [_("The record already holds this value.")]})
    request = DataCorrectionRequest(
        student=student,
        field=field,
        current_value=shown_value(student, field)[:255],
        requested_value=_stored(field, value)[:255],
        comment=comment,
        created_by=actor,
    )
    if file:
        request.file = file
    request.full_clean(exclude=["student", "created_by", "decided_by"])
    request.save()
    audit.record(
        actor=actor,
        action="students.correction.requested",
        target=request,
        data={
            "student": student.pk,
            "field": field,
            "value": journaled(field, request.requested_value),
        },
    )
    return request


def _locked_open(request: DataCorrectionRequest) -> DataCorrectionRequest:
    locked = DataCorrectionRequest.objects.select_for_update().select_related("student").get(pk=request.pk)
    if locked.status != CorrectionStatus.OPEN:
        raise ValidationError(
            {
                "status": [
                    _("This request was already decided: %(status)s.")
                    % {"status": locked.get_status_display()}
                ]
            }
        )
    return locked


def _decided(request: DataCorrectionRequest, status: str, answer: str, actor) -> DataCorrectionRequest:
    request.status, request.answer = status, answer
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "answer", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action=f"students.correction.{status}",
        target=request,
        before={"status": CorrectionStatus.OPEN},
        after={"status": status, "answer": answer},
    )
    return request


@transaction.atomic
def apply_correction(*, request: DataCorrectionRequest, answer: str = "", actor) -> DataCorrectionRequest:
    """The dean's office applies an open request: the student's field gets the requested value through
    the student-edit service (its checks apply; audited there too), the request is marked applied. A
    request about "other" data writes nothing itself (orders change those)."""
    request = _locked_open(request)
    if request.field != F.OTHER:
        value = parse_value(request.field, request.requested_value)
        try:
            update_student(student=request.student, actor=actor, data={request.field: value})
        except ValidationError as error:
            messages = error.messages
            raise ValidationError({"requested_value": messages}) from None
    return _decided(request, CorrectionStatus.APPLIED, (answer or "").strip(), actor)


@transaction.atomic
def reject_correction(*, request: DataCorrectionRequest, answer: str, actor) -> DataCorrectionRequest:
    """The dean's office rejects an open request; the answer tells the student why (required)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": [_("Say why the request is rejected.")]})
    request = _locked_open(request)
    return _decided(request, CorrectionStatus.REJECTED, answer, actor)
