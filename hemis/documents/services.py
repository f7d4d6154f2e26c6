"""Issuing and revoking a student's documents (annex 13 item 6)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit.services import record
from hemis.documents.builders import build_facts
from hemis.documents.enums import PREFIX
from hemis.documents.models import DocumentCounter, IssuedDocument

PURPOSE_MAX = 255


def next_number(kind: str, year: int) -> str:
    """The next registration number of ``kind`` in ``year`` (``MA-2026-000123``). Call inside the
    transaction that stores the document: the counter's row stays locked by the ``UPDATE`` until it
    commits, so a concurrent issue waits and takes the following number."""
    DocumentCounter.objects.bulk_create([DocumentCounter(kind=kind, year=year)], ignore_conflicts=True)
    DocumentCounter.objects.filter(kind=kind, year=year).update(last=F("last") + 1)
    last = DocumentCounter.objects.filter(kind=kind, year=year).values_list("last", flat=True).get()
    return f"{PREFIX[kind]}-{year}-{last:06d}"


@transaction.atomic
def issue_document(*, student, kind: str, actor, purpose: str = "", order=None, now=None) -> IssuedDocument:
    """Issue ``kind`` to ``student``: its facts read from the student's records now, a registration number
    and a random check code; audited. Refused with a ``ValidationError`` (nothing written) when the student
    has nothing of the kind to state."""
    purpose = " ".join((purpose or "").split())
    if len(purpose) > PURPOSE_MAX:
        raise ValidationError(
            {"purpose": _("Write the purpose in at most %(n)d characters.") % {"n": PURPOSE_MAX}}
        )
    now = now or timezone.now()
    facts = build_facts(student, kind, purpose=purpose, order=order, today=timezone.localdate(now))
    document = IssuedDocument.objects.create(
        kind=kind,
        student=student,
        number=next_number(kind, timezone.localdate(now).year),
        check_code=secrets.token_urlsafe(9),
        issued_at=now,
        issued_by=actor,
        purpose=purpose,
        facts=facts,
        order=order,
    )
    record(
        actor=actor,
        action="documents.document.issued",
        target=document,
        data={"number": document.number, "kind": kind, "student": student.student_id_number},
    )
    return document


@transaction.atomic
def revoke_document(*, document: IssuedDocument, actor, reason: str) -> IssuedDocument:
    """Revoke an issued document: its verification page reports it as not found from now on."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why the document is revoked.")})
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if document.revoked_at is not None:
        raise ValidationError({"reason": _("The document is already revoked.")})
    document.revoked_at = timezone.now()
    document.revoked_reason = reason[:255]
    document.save(update_fields=["revoked_at", "revoked_reason"])
    record(
        actor=actor,
        action="documents.document.revoked",
        target=document,
        data={"reason": document.revoked_reason},
    )
    return document
