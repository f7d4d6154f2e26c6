"""The subject catalogue (annex 4 item 8): entries in Uzbek and English with their department, and its
Excel import (all or nothing, with a report of every bad row; existing codes are updated).

``catalogued_at`` is set the first time an entry has its Uzbek and English names and descriptions, and
never cleared: the compliance evaluator measures the catalogue on it.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.academics.models import Subject
from hemis.academics.services.common import NAMES, assign, snapshot
from hemis.audit import services as audit
from hemis.core.excel import workbook_bytes
from hemis.core.imports import RowError, cell_text, check_row_count, first_sheet
from hemis.org.models import OrgUnit, StructureType

FIELDS = ("code", *NAMES, "department", "description_uz", "description_en", "is_active")
CATALOGUE_FIELDS = ("name_uz", "name_en", "description_uz", "description_en")
MAX_DESCRIPTION = 5000


def _state(subject: Subject) -> dict[str, Any]:
    values = snapshot(subject, FIELDS)
    values["department"] = subject.department_id
    values["catalogued_at"] = subject.catalogued_at
    return values


def is_complete(subject: Subject) -> bool:
    return all(str(getattr(subject, name) or "").strip() for name in CATALOGUE_FIELDS)


def _check(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    department = values.get("department")
    if not isinstance(department, OrgUnit) or department.structure_type != StructureType.DEPARTMENT:
        errors["department"] = [_("Choose a department.")]
    for lang in ("uz", "en"):
        if len(str(values.get(f"description_{lang}") or "")) > MAX_DESCRIPTION:
            errors[f"description_{lang}"] = [
                _("A description may have at most %(n)s characters.") % {"n": MAX_DESCRIPTION}
            ]
    if errors:
        raise ValidationError(errors)


def _write(subject: Subject | None, values: dict[str, Any], actor) -> Subject:
    values = {name: values[name] for name in FIELDS if name in values}
    creating = subject is None
    subject = subject or Subject(created_by=actor)
    before = None if creating else _state(subject)
    _check({**snapshot(subject, FIELDS), **values} if not creating else values)
    assign(subject, values)
    subject.full_clean()
    if subject.catalogued_at is None and is_complete(subject):
        subject.catalogued_at = timezone.now()
    subject.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor, action=f"academics.subject.{verb}", target=subject, before=before, after=_state(subject)
    )
    return subject


@transaction.atomic
def save_subject(*, subject: Subject | None = None, values: dict[str, Any], actor) -> Subject:
    """Create a catalogue entry or change one; audited as ``academics.subject.created``/``updated``."""
    return _write(subject, values, actor)


@transaction.atomic
def deactivate_subject(*, subject: Subject, actor) -> Subject:
    """Take an entry out of use (curricula keep it); it can be made active again by editing it."""
    if not subject.is_active:
        raise ValidationError({"is_active": [_("The subject is already inactive.")]})
    subject.is_active = False
    subject.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=actor,
        action="academics.subject.deactivated",
        target=subject,
        before={"is_active": True},
        after={"is_active": False},
    )
    return subject


# --- Excel import --------------------------------------------------------------------------------

MAX_ROWS = 5000
COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("code", gettext_lazy("Code")),
    ("name_uz", gettext_lazy("Name (Uzbek)")),
    ("name_ru", gettext_lazy("Name (Russian)")),
    ("name_en", gettext_lazy("Name (English)")),
    ("department", gettext_lazy("Department code or name")),
    ("description_uz", gettext_lazy("Description (Uzbek)")),
    ("description_en", gettext_lazy("Description (English)")),
)
KEYS = [key for key, _label in COLUMNS]
LABELS = dict(COLUMNS)
MAX_LENGTHS = {"code": 32, "name_uz": 255, "name_ru": 255, "name_en": 255}


def _row_error(row: int, column: str, message: str) -> RowError:
    return RowError(row, column, message, str(LABELS[column]) if column in LABELS else "")


def template_bytes() -> bytes:
    """The empty import file: the header row only."""
    return workbook_bytes(title=_("Subjects"), headers=[str(label) for _key, label in COLUMNS], rows=[])


def read_rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """``(row number, {column: text})`` of the data rows; ValidationError on "file" if unusable."""
    sheet = first_sheet(content)
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(KEYS), values_only=True), start=2):
        texts = [cell_text(c) for c in cells]
        if all(t == "" for t in texts):
            continue
        rows.append((number, dict(zip(KEYS, texts + [""] * (len(KEYS) - len(texts)), strict=True))))
    check_row_count(rows, empty_message=_("The file has no subject rows under the header."), limit=MAX_ROWS)
    return rows


class _Checker:
    """Checks the rows of one file (one query for the departments)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        wanted = {r["department"] for r in rows if r["department"]}
        units = OrgUnit.objects.filter(Q(code__in=wanted) | Q(name_uz__in=wanted))
        self.by_code = {u.code: u for u in units}
        self.by_name: dict[str, list[OrgUnit]] = {}
        for unit in units:
            self.by_name.setdefault(unit.name_uz, []).append(unit)
        self.seen: dict[str, int] = {}
        self.errors: list[RowError] = []

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(_row_error(row, column, message))

    def check(self, number: int, raw: dict[str, str]) -> dict[str, Any] | None:
        before = len(self.errors)
        self._code(number, raw["code"])
        if not raw["name_uz"]:
            self.fail(number, "name_uz", _("This value is required."))
        for key, limit in MAX_LENGTHS.items():
            if len(raw[key]) > limit:
                self.fail(number, key, _("At most %(n)s characters.") % {"n": limit})
        department = self._department(number, raw["department"])
        self._descriptions(number, raw)
        if len(self.errors) > before:
            return None
        return {**{k: raw[k] for k in KEYS if k != "department"}, "department": department}

    def _code(self, number: int, code: str) -> None:
        if not code:
            self.fail(number, "code", _("This value is required."))
        elif code in self.seen:
            self.fail(number, "code", _("The same code is in row %(row)s.") % {"row": self.seen[code]})
        self.seen.setdefault(code, number)

    def _department(self, number: int, key: str) -> OrgUnit | None:
        if not key:
            self.fail(number, "department", _("This value is required."))
            return None
        unit = self.by_code.get(key)
        named = self.by_name.get(key, [])
        if unit is None and len(named) > 1:
            self.fail(
                number, "department", _("Several units are named “%(name)s”: use the code.") % {"name": key}
            )
            return None
        unit = unit or (named[0] if named else None)
        if unit is None:
            self.fail(
                number, "department", _("No department with the code or name “%(key)s”.") % {"key": key}
            )
        elif unit.structure_type != StructureType.DEPARTMENT:
            self.fail(number, "department", _("“%(unit)s” is not a department.") % {"unit": unit.name})
        elif not unit.active:
            self.fail(number, "department", _("The department “%(unit)s” is closed.") % {"unit": unit.name})
        else:
            return unit
        return None

    def _descriptions(self, number: int, raw: dict[str, str]) -> None:
        for lang, name_key in (("uz", "name_uz"), ("en", "name_en")):
            key = f"description_{lang}"
            if len(raw[key]) > MAX_DESCRIPTION:
                self.fail(number, key, _("At most %(n)s characters.") % {"n": MAX_DESCRIPTION})
            elif raw[key] and not raw[name_key]:
                self.fail(number, key, _("A description needs the name in the same language."))


def check_rows(rows: list[tuple[int, dict[str, str]]]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    checker = _Checker([raw for _n, raw in rows])
    good = []
    for number, raw in rows:
        values = checker.check(number, raw)
        if values is not None:
            good.append((number, values))
    errors = sorted(checker.errors, key=lambda e: (e.row, KEYS.index(e.column) if e.column in KEYS else -1))
    return good, errors


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: tuple[RowError, ...] = ()


@transaction.atomic
def import_subjects(*, content: bytes, actor, filename: str = "") -> ImportResult:
    """Import every row or none; a row with an existing code updates that entry (blank cells of the
    optional columns are written as blank). Errors mean nothing was saved."""
    good, errors = check_rows(read_rows(content))
    if errors:
        return ImportResult(errors=tuple(errors))
    existing = {s.code: s for s in Subject.objects.filter(code__in=[v["code"] for _n, v in good])}
    created = updated = 0
    for number, values in good:
        subject = existing.get(values["code"])
        try:
            _write(subject, values, actor)
        except ValidationError as exc:  # a rule the pre-check does not know: report it, save nothing
            transaction.set_rollback(True)
            return ImportResult(errors=tuple(_errors_of(number, exc)))
        created, updated = (created + 1, updated) if subject is None else (created, updated + 1)
    audit.record(
        actor=actor,
        action="academics.subject.imported",
        data={"created": created, "updated": updated, "file": filename},
    )
    return ImportResult(created=created, updated=updated)


def _errors_of(number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [_row_error(number, "", m) for m in exc.messages]
    return [
        _row_error(number, field if field in LABELS else "", message)
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
