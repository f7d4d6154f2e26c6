"""Excel import of admitted people into an admission order: all or nothing.

The first row is the header: the column names below, in English or Uzbek (or in the language the
template was downloaded in), in any order; optional columns may be left out. One person a row. Every
row is checked first (with the checks of ``admission.clean_admission_data``, plus duplicates inside
the file); when any row is bad nothing is imported and the report lists every bad row with its row
number, column and reason. Otherwise, in one transaction, the admission order is prepared (or the
given prepared order is used) and one item is added per row.
"""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.academics.models import Programme
from hemis.audit import services as audit
from hemis.core.excel import workbook_bytes
from hemis.core.imports import RowError, cell_text, check_row_count, first_sheet
from hemis.movements import admission
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order
from hemis.movements.services.orders import add_item, prepare_order
from hemis.students.models import Group

MAX_ROWS = 2000
# (key, label shown and translated, Uzbek name)
COLUMNS: tuple[tuple[str, Promise, str], ...] = (
    ("last_name", gettext_lazy("Last name"), "Familiya"),
    ("first_name", gettext_lazy("First name"), "Ism"),
    ("patronymic", gettext_lazy("Patronymic"), "Otasining ismi"),
    ("pinfl", gettext_lazy("PINFL"), "JSHSHIR"),
    ("passport", gettext_lazy("Passport"), "Pasport"),
    ("birth_date", gettext_lazy("Birth date (DD.MM.YYYY)"), "Tugʻilgan sana (KK.OO.YYYY)"),
    ("gender", gettext_lazy("Gender code"), "Jinsi kodi"),
    ("phone", gettext_lazy("Phone"), "Telefon"),
    ("email", gettext_lazy("E-mail"), "Elektron pochta"),
    ("address", gettext_lazy("Address"), "Manzil"),
    ("student_id_number", gettext_lazy("Student ID"), "Talaba ID raqami"),
    ("programme", gettext_lazy("Programme code"), "Yoʻnalish kodi"),
    ("course", gettext_lazy("Course"), "Kurs"),
    ("payment_form", gettext_lazy("Payment form code"), "Toʻlov shakli kodi"),
    ("education_type", gettext_lazy("Education type code"), "Taʼlim turi kodi"),
    ("education_form", gettext_lazy("Education form code"), "Taʼlim shakli kodi"),
    ("citizenship", gettext_lazy("Citizenship code"), "Fuqarolik kodi"),
    ("social_category", gettext_lazy("Social category code"), "Ijtimoiy toifa kodi"),
    ("accommodation", gettext_lazy("Accommodation code"), "Yashash joyi kodi"),
    ("group", gettext_lazy("Group"), "Guruh"),
)
KEYS = [key for key, _label, _uz in COLUMNS]
LABELS = {key: label for key, label, _uz in COLUMNS}
REQUIRED_COLUMNS = ("last_name", "first_name", "pinfl", "birth_date", "student_id_number", "programme")
REQUIRED_COLUMNS += ("payment_form",)
EXAMPLE = (
    "Toshmatov",
    "Jasur",
    "Baxtiyor oʻgʻli",
    "50101200700011",
    "AD1234567",
    dt.date(2007, 1, 1),
    "11",
    "+998901112233",
    "jasur@example.uz",
    "Toshkent shahri, Chilonzor tumani",
    "400251200001",
    "60720100",
    1,
    "11",
    "11",
    "11",
    "11",
    "10",
    "11",
    "",
)


def _row_error(row: int, column: str, message: str) -> RowError:
    return RowError(row, column, message, str(LABELS[column]) if column in LABELS else "")


def _norm(header) -> str:
    """A header compared without case, apostrophes, spaces and the bracketed format hint."""
    text = re.sub(r"\(.*?\)", "", str(header or "")).lower()
    return re.sub(r"[\sʻʼ'‘’`_\-.]", "", text)


def _aliases() -> dict[str, str]:
    out = {}
    for key, label, uzbek in COLUMNS:
        out[_norm(uzbek)] = key
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                out[_norm(str(label))] = key
    return out


def template_bytes(*, programme_code: str = "") -> bytes:
    """The import file to fill: the header row and one example row."""
    example = list(EXAMPLE)
    if programme_code:
        example[KEYS.index("programme")] = programme_code
    return workbook_bytes(
        title=_("Admission"), headers=[str(label) for _key, label, _uz in COLUMNS], rows=[example]
    )


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """``(row number, {key: value})`` of the data rows; ValidationError on "file" when unusable."""
    sheet = first_sheet(content)
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None) or ()
    keys = _header_keys(header)
    rows = []
    for number, cells in enumerate(lines, start=2):
        if all(cell_text(c) == "" for c in cells):
            continue
        rows.append((number, {key: _cell(cells[i]) for i, key in keys.items() if i < len(cells)}))
    check_row_count(rows, empty_message=_("The file has no rows under the header."), limit=MAX_ROWS)
    return rows


def _cell(value):
    """A cell's value; text written as "'+998…" (kept from being a formula) loses the apostrophe."""
    if isinstance(value, str):
        value = value.strip()
        return value[1:] if value.startswith("'") else value
    return value


def _header_keys(header) -> dict[int, str]:
    aliases = _aliases()
    keys: dict[int, str] = {}
    problems = []
    for index, name in enumerate(header):
        if cell_text(name) == "":
            continue
        key = aliases.get(_norm(name))
        if key is None:
            problems.append(_("Unknown column “%(name)s”.") % {"name": name})
        elif key in keys.values():
            problems.append(_("The column “%(name)s” appears twice.") % {"name": name})
        else:
            keys[index] = key
    missing = [str(LABELS[k]) for k in REQUIRED_COLUMNS if k not in keys.values()]
    if missing:
        problems.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    if problems:
        raise ValidationError({"file": problems})
    return keys


class _Checker:
    """Checks the rows of one file (one query for the programmes and one for the groups)."""

    def __init__(self, order: Order, rows: list[tuple[int, dict]]) -> None:
        self.order = order
        programmes = Programme.objects.filter(faculty_id=order.faculty_id)
        self.programmes = {p.code: p for p in programmes}
        names = {cell_text(raw.get("group")) for _n, raw in rows} - {""}
        self.groups = {g.name: g for g in Group.objects.filter(name__in=names, faculty_id=order.faculty_id)}
        self.seen: dict[tuple[str, str], int] = {}
        self.errors: list[RowError] = []

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(_row_error(row, column, message))

    def check(self, number: int, raw: dict) -> tuple[dict, Group | None] | None:
        before = len(self.errors)
        data = {key: raw.get(key) for key in admission.FIELDS}
        code = cell_text(raw.get("programme"))
        if code:
            data["programme"] = self.programmes.get(code)
            if data["programme"] is None:
                self.fail(
                    number,
                    "programme",
                    _("No programme with the code “%(code)s” in the faculty.") % {"code": code},
                )
        self._duplicates(number, data)
        group = self._group(number, cell_text(raw.get("group")))
        try:
            cleaned = admission.clean_admission_data(data, order=self.order)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field == "programme" and data.get("programme") is None and code:
                    continue  # already reported
                for message in messages:
                    self.fail(number, field if field in LABELS else "", message)
            return None
        try:
            admission.check_target_group(group, cleaned)
        except ValidationError as exc:
            for message in exc.messages:
                self.fail(number, "group", message)
        return (cleaned, group) if len(self.errors) == before else None

    def _duplicates(self, number: int, data: dict) -> None:
        for key in ("student_id_number", "pinfl"):
            value = cell_text(data.get(key))
            if not value:
                continue
            first = self.seen.setdefault((key, value), number)
            if first != number:
                message = _("The same value is in row %(row)s.") % {"row": first}
                self.fail(number, key, message)

    def _group(self, number: int, name: str) -> Group | None:
        if not name:
            return None
        group = self.groups.get(name)
        if group is None:
            self.fail(number, "group", _("No group “%(name)s” in the faculty.") % {"name": name})
        return group


def check_rows(
    order: Order, rows: list[tuple[int, dict]]
) -> tuple[list[tuple[int, dict, Group | None]], list[RowError]]:
    checker = _Checker(order, rows)
    good = []
    for number, raw in rows:
        result = checker.check(number, raw)
        if result is not None:
            good.append((number, *result))
    order_of = {key: i for i, key in enumerate(KEYS)}
    errors = sorted(checker.errors, key=lambda e: (e.row, order_of.get(e.column, -1)))
    return good, errors


def _draft_admission(order: Order) -> None:
    if order.kind != OrderKind.ADMISSION or order.status != OrderStatus.DRAFT:
        raise ValidationError({"order": [_("Rows can be imported only into a prepared admission order.")]})


@transaction.atomic
def import_admission(
    *,
    actor,
    content: bytes,
    order: Order | None = None,
    number: str = "",
    date: dt.date | None = None,
    faculty=None,
    filename: str = "",
) -> tuple[Order | None, int, list[RowError]]:
    """Import every row or none into ``order`` (or a new admission order ``number``/``date``/``faculty``).

    Returns (order, imported count, errors); with errors nothing was saved and the order is None when
    it was to be created. A ValidationError is raised for an unusable file or order."""
    existing = order
    if existing is not None:
        _draft_admission(existing)
    target = existing or Order(kind=OrderKind.ADMISSION, number=number, date=date, faculty=faculty)
    good, errors = check_rows(target, read_rows(content))
    if errors:
        return existing, 0, errors
    if existing is None:
        order = prepare_order(
            actor=actor, kind=OrderKind.ADMISSION, number=number, date=date, faculty=faculty
        )
    for row, data, group in good:
        try:
            add_item(actor=actor, order=order, admission_data=data, target_group=group)
        except ValidationError as exc:  # a rule the pre-check does not know: report it, save nothing
            transaction.set_rollback(True)
            return existing, 0, _errors_of(row, exc)
    audit.record(
        actor=actor,
        action="movements.order.imported",
        target=order,
        data={"count": len(good), "file": filename},
    )
    return order, len(good), []


def _errors_of(number: int, exc: ValidationError) -> list[RowError]:
    column_of = {"target_group": "group", "admission_data": ""}
    if not hasattr(exc, "error_dict"):
        return [_row_error(number, "", m) for m in exc.messages]
    return [
        _row_error(number, column_of.get(field, field if field in LABELS else ""), message)
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
