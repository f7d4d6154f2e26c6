"""Writes on the university's requisites, licences and accreditation records (annex 3, items 1 and 6)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import Accreditation, ChangeKind, Licence, StructureChange, UniversityRequisites

REQUISITE_FIELDS = (
    "full_name_uz",
    "full_name_ru",
    "full_name_en",
    "short_name_uz",
    "short_name_ru",
    "short_name_en",
    "hemis_code",
    "tin",
    "address",
    "phone",
    "email",
    "website",
    "bank_name",
    "mfo",
    "bank_account",
    "ownership",
    "university_form",
)
LICENCE_FIELDS = ("number", "issue_date", "valid_until", "issuing_body", "activity")
ACCREDITATION_FIELDS = ("certificate_number", "issue_date", "valid_until", "scope")


def _values(obj: Model, fields: tuple[str, ...]) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _log(*, kind: str, subject: str, number: str, date: dt.date, before: dict, after: dict, actor) -> None:
    StructureChange.objects.create(
        kind=kind,
        subject=subject[:255],
        document_number=number.strip(),
        document_date=date,
        before=before,
        after=after,
        created_by=actor,
    )


@transaction.atomic
def save_requisites(*, actor, document_number: str = "", document_date: dt.date | None = None, **values):
    """Create or update the one requisites record; every field is validated on the field.

    The first complete save is the initial entry (annex 3 item 1). A later change needs the
    document it is based on (number and date) and is logged for annex 3 item 6.
    """
    requisites = UniversityRequisites.objects.select_for_update().order_by("pk").first()
    first = requisites is None
    requisites = requisites or UniversityRequisites(created_by=actor)
    before = {} if first else _values(requisites, REQUISITE_FIELDS)
    for name in REQUISITE_FIELDS:
        if name in values:
            setattr(requisites, name, _strip(values[name]))
    after = _values(requisites, REQUISITE_FIELDS)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if not first and not changed:
        raise ValidationError(_("Nothing was changed."))
    if not first:
        _require_document(document_number, document_date)
    requisites.document_number, requisites.document_date = document_number.strip(), document_date
    requisites.full_clean()
    requisites.completed_at = requisites.completed_at or timezone.now()
    requisites.save()
    if not first:
        _log(
            kind=ChangeKind.REQUISITES_UPDATED,
            subject=requisites.short_name_uz,
            number=document_number,
            date=document_date,
            before={k: before[k] for k in changed},
            after=changed,
            actor=actor,
        )
    audit.record(
        actor=actor,
        action="org.requisites.created" if first else "org.requisites.updated",
        target=requisites,
        before={k: before.get(k) for k in changed},
        after=changed,
        data={"document_number": document_number, "document_date": document_date},
    )
    return requisites


def _require_document(number: str, date: dt.date | None) -> None:
    errors = {}
    if not (number or "").strip():
        errors["document_number"] = [_("Enter the number of the document this change is based on.")]
    if date is None:
        errors["document_date"] = [_("Enter the date of the document this change is based on.")]
    if errors:
        raise ValidationError(errors)


def _save_record(obj, *, fields, values: dict, document, kind: str | None, action: str, actor):
    """Validate and save a licence or accreditation record, log the change and audit it."""
    before = {} if obj.pk is None else _values(obj, fields)
    for name in fields:
        if name in values:
            setattr(obj, name, _strip(values[name]))
    if document is not None:
        obj.document = document
    if obj.valid_until and obj.issue_date and obj.valid_until < obj.issue_date:
        raise ValidationError({"valid_until": [_("“Valid until” cannot be before the issue date.")]})
    obj.full_clean()
    obj.save()
    after = _values(obj, fields)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if document is not None:
        changed["document"] = obj.document.name
    if kind:  # a new licence or certificate changes the university's data: annex 3 item 6
        _log(
            kind=kind,
            subject=str(obj),
            number=getattr(obj, fields[0]),
            date=obj.issue_date,
            before={},
            after=changed,
            actor=actor,
        )
    audit.record(
        actor=actor, action=action, target=obj, before={k: before.get(k) for k in changed}, after=changed
    )
    return obj


@transaction.atomic
def add_licence(*, actor, document=None, **values) -> Licence:
    """Enter a licence (number, dates, issuing body, activity, optional scan)."""
    return _save_record(
        Licence(created_by=actor),
        fields=LICENCE_FIELDS,
        values=values,
        document=document,
        kind=ChangeKind.LICENCE_ADDED,
        action="org.licence.created",
        actor=actor,
    )


@transaction.atomic
def update_licence(*, licence: Licence, actor, document=None, **values) -> Licence:
    return _save_record(
        licence,
        fields=LICENCE_FIELDS,
        values=values,
        document=document,
        kind=None,
        action="org.licence.updated",
        actor=actor,
    )


@transaction.atomic
def add_accreditation(*, actor, document=None, **values) -> Accreditation:
    """Enter an accreditation certificate (number, dates, programmes covered, optional scan)."""
    return _save_record(
        Accreditation(created_by=actor),
        fields=ACCREDITATION_FIELDS,
        values=values,
        document=document,
        kind=ChangeKind.ACCREDITATION_ADDED,
        action="org.accreditation.created",
        actor=actor,
    )


@transaction.atomic
def update_accreditation(*, accreditation: Accreditation, actor, document=None, **values) -> Accreditation:
    return _save_record(
        accreditation,
        fields=ACCREDITATION_FIELDS,
        values=values,
        document=document,
        kind=None,
        action="org.accreditation.updated",
        actor=actor,
    )
