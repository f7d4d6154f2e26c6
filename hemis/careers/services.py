"""Writes on competitive selections and professional-development records; every one is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.careers.dates import add_years
from hemis.careers.enums import TERM_YEARS_MAX, TERM_YEARS_MIN, CompetitionResult
from hemis.careers.models import Competition, TrainingRecord
from hemis.org.models import OrgUnit, StructureType
from hemis.staff.models import Employee

COMPETITION_FIELDS = (
    "employee",
    "position",
    "org_unit",
    "order_number",
    "order_date",
    "selection_date",
    "term_years",
    "result",
    "notes",
)
TRAINING_FIELDS = (
    "employee",
    "place",
    "institution",
    "programme",
    "date_from",
    "date_to",
    "hours",
    "certificate_number",
    "certificate_date",
    "order_number",
    "order_date",
)


def _value(obj, name: str):
    value = getattr(obj, name)
    if isinstance(value, Employee):
        return value.pk
    if isinstance(value, OrgUnit):
        return value.code
    return value


def _values(obj, names) -> dict:
    return {name: _value(obj, name) for name in names}


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _order_date_errors(order_date: dt.date | None) -> dict[str, list[str]]:
    if order_date and order_date > timezone.localdate():
        return {"order_date": [_("The order date cannot be in the future.")]}
    return {}


def _lock(employee: Employee) -> None:
    """Serialise writes on one employee's records (the overlap check reads, then writes)."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()


# --- competitive selection ---------------------------------------------------------------------


def _competition_errors(competition: Competition) -> dict[str, list[str]]:
    errors = _order_date_errors(competition.order_date)
    term = competition.term_years
    if term is None or not TERM_YEARS_MIN <= term <= TERM_YEARS_MAX:
        errors["term_years"] = [
            _("The term must be from %(min)d to %(max)d years.")
            % {"min": TERM_YEARS_MIN, "max": TERM_YEARS_MAX}
        ]
    unit = competition.org_unit if competition.org_unit_id else None
    if unit is not None and unit.structure_type != StructureType.DEPARTMENT:
        errors["org_unit"] = [_("Choose a department.")]
    return errors


def _overlapping(competition: Competition):
    """Passed selections of the same teacher for the same position whose validity overlaps this one's."""
    return (
        Competition.objects.filter(
            employee_id=competition.employee_id,
            position=competition.position,
            result=CompetitionResult.PASSED,
            selection_date__lt=competition.valid_until,
            valid_until__gt=competition.selection_date,
        )
        .exclude(pk=competition.pk)
        .order_by("selection_date")
    )


def _validate_competition(competition: Competition) -> None:
    errors = _competition_errors(competition)
    if competition.selection_date is None:
        errors["selection_date"] = [_("Enter the selection date.")]
    if errors:
        raise ValidationError(errors)
    competition.valid_until = add_years(competition.selection_date, competition.term_years)
    competition.full_clean()
    if competition.passed:
        _lock(competition.employee)
        other = _overlapping(competition).first()
        if other is not None:
            message = _(
                "This teacher already passed a selection for this position valid from %(start)s to %(end)s."
            ) % {"start": f"{other.selection_date:%d.%m.%Y}", "end": f"{other.valid_until:%d.%m.%Y}"}
            raise ValidationError({"selection_date": [message]})


@transaction.atomic
def create_competition(
    *,
    actor,
    employee: Employee,
    position: str,
    org_unit: OrgUnit,
    order_number: str,
    order_date: dt.date,
    selection_date: dt.date,
    term_years: int,
    result: str,
    notes: str = "",
) -> Competition:
    """Record a competitive selection of a teacher; its validity (selection date + term) is computed."""
    competition = Competition(
        created_by=actor,
        employee=employee,
        position=position,
        org_unit=org_unit,
        order_number=order_number,
        order_date=order_date,
        selection_date=selection_date,
        term_years=term_years,
        result=result,
        notes=notes,
    )
    _validate_competition(competition)
    competition.save()
    audit.record(
        actor=actor,
        action="careers.competition.created",
        target=competition,
        after=_values(competition, (*COMPETITION_FIELDS, "valid_until")),
    )
    return competition


@transaction.atomic
def update_competition(*, competition: Competition, actor, **fields) -> Competition:
    """Change a selection's fields (any of COMPETITION_FIELDS); the journal keeps the old values."""
    before = _values(competition, (*COMPETITION_FIELDS, "valid_until"))
    for name, value in fields.items():
        if name not in COMPETITION_FIELDS:
            raise TypeError(f"unknown field {name!r}")
        setattr(competition, name, value)
    _validate_competition(competition)
    competition.save()
    old, new = _changed(before, _values(competition, (*COMPETITION_FIELDS, "valid_until")))
    audit.record(actor=actor, action="careers.competition.updated", target=competition, before=old, after=new)
    return competition


@transaction.atomic
def delete_competition(*, competition: Competition, actor) -> None:
    """Delete a selection entered by mistake; the journal keeps what it said."""
    before = _values(competition, (*COMPETITION_FIELDS, "valid_until"))
    audit.record(actor=actor, action="careers.competition.deleted", target=competition, before=before)
    competition.delete()


# --- professional development -------------------------------------------------------------------


def _training_errors(record: TrainingRecord) -> dict[str, list[str]]:
    errors = _order_date_errors(record.order_date)
    if record.date_from and record.date_to and record.date_to < record.date_from:
        errors["date_to"] = [_("The end of the period cannot be before its start.")]
    if record.date_to and record.certificate_date and record.certificate_date < record.date_to:
        errors["certificate_date"] = [_("The certificate cannot be dated before the training ends.")]
    if record.hours is None or record.hours <= 0:
        errors["hours"] = [_("The number of hours must be greater than zero.")]
    return errors


def _validate_training(record: TrainingRecord) -> None:
    errors = _training_errors(record)
    if errors:
        raise ValidationError(errors)
    record.full_clean()


@transaction.atomic
def create_training_record(
    *,
    actor,
    employee: Employee,
    place: str,
    institution: str,
    programme: str,
    date_from: dt.date,
    date_to: dt.date,
    hours: int,
    certificate_number: str,
    certificate_date: dt.date,
    order_number: str,
    order_date: dt.date,
) -> TrainingRecord:
    """Record a completed professional-development course of an employee, with certificate and order."""
    record = TrainingRecord(
        created_by=actor,
        employee=employee,
        place=place,
        institution=institution,
        programme=programme,
        date_from=date_from,
        date_to=date_to,
        hours=hours,
        certificate_number=certificate_number,
        certificate_date=certificate_date,
        order_number=order_number,
        order_date=order_date,
    )
    _validate_training(record)
    record.save()
    audit.record(
        actor=actor,
        action="careers.training_record.created",
        target=record,
        after=_values(record, TRAINING_FIELDS),
    )
    return record


@transaction.atomic
def update_training_record(*, record: TrainingRecord, actor, **fields) -> TrainingRecord:
    """Change a training record's fields (any of TRAINING_FIELDS); the journal keeps the old values."""
    before = _values(record, TRAINING_FIELDS)
    for name, value in fields.items():
        if name not in TRAINING_FIELDS:
            raise TypeError(f"unknown field {name!r}")
        setattr(record, name, value)
    _validate_training(record)
    record.save()
    old, new = _changed(before, _values(record, TRAINING_FIELDS))
    audit.record(actor=actor, action="careers.training_record.updated", target=record, before=old, after=new)
    return record


@transaction.atomic
def delete_training_record(*, record: TrainingRecord, actor) -> None:
    """Delete a training record entered by mistake; the journal keeps what it said."""
    before = _values(record, TRAINING_FIELDS)
    audit.record(actor=actor, action="careers.training_record.deleted", target=record, before=before)
    record.delete()
