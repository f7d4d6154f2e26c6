"""Excel import of employees: all or nothing.

Every row is checked first; when any row is bad nothing is imported and the report lists every bad
row with its row number, column and reason. Otherwise all employees are created in one transaction.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.audit import services as audit
from hemis.core.excel import workbook_bytes
from hemis.core.imports import RowError, cell_text, check_row_count, first_sheet
from hemis.core.people import Gender
from hemis.org.models import OrgUnit
from hemis.staff.enums import ALLOWED_RATES, EmploymentForm, Position
from hemis.staff.models import Employee, EmployeeType
from hemis.staff.services.employees import make_employee

MAX_ROWS = 5000
COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("last_name", gettext_lazy("Last name")),
    ("first_name", gettext_lazy("First name")),
    ("patronymic", gettext_lazy("Patronymic")),
    ("pinfl", gettext_lazy("PINFL")),
    ("birth_date", gettext_lazy("Birth date (DD.MM.YYYY)")),
    ("gender", gettext_lazy("Gender code")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("E-mail")),
    ("employee_type", gettext_lazy("Employee type code")),
    ("unit", gettext_lazy("Unit code")),
    ("position", gettext_lazy("Position code")),
    ("employment_form", gettext_lazy("Employment form code")),
    ("rate", gettext_lazy("Staff rate")),
    ("order_number", gettext_lazy("Order number")),
    ("order_date", gettext_lazy("Order date (DD.MM.YYYY)")),
    ("start_date", gettext_lazy("Start date (DD.MM.YYYY)")),
)
KEYS = [key for key, _label in COLUMNS]
LABELS = dict(COLUMNS)
REQUIRED = {"last_name", "first_name", "pinfl", "birth_date", "gender", "employee_type", "unit", "position"}
REQUIRED |= {"employment_form", "rate", "order_number", "order_date", "start_date"}


def _row_error(row: int, column: str, message: str) -> RowError:
    return RowError(row, column, message, str(LABELS[column]) if column in LABELS else "")


def template_bytes() -> bytes:
    """The empty import file: the header row only."""
    return workbook_bytes(title=_("Employees"), headers=[str(label) for _key, label in COLUMNS], rows=[])


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(cell_text(value), "%d.%m.%Y").date()  # noqa: DTZ007 - a date only
    except ValueError:
        return None


class _Checker:
    """Checks the rows of one file against the database (one query per lookup table)."""

    def __init__(self, rows: list[dict]) -> None:
        pinfls = [cell_text(r.get("pinfl")) for r in rows]
        self.existing = set(Employee.objects.filter(pinfl__in=pinfls).values_list("pinfl", flat=True))
        codes = {cell_text(r.get("unit")) for r in rows}
        self.units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
        self.seen: dict[str, int] = {}
        self.errors: list[RowError] = []

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(_row_error(row, column, message))

    def check(self, number: int, raw: dict) -> dict | None:
        before = len(self.errors)
        for key in REQUIRED:
            if not cell_text(raw.get(key)):
                self.fail(number, key, _("This value is required."))
        if len(self.errors) > before:
            return None
        values = {key: cell_text(raw.get(key)) for key in ("last_name", "first_name", "patronymic", "email")}
        values["phone"] = cell_text(raw.get("phone"))
        values["pinfl"] = self._pinfl(number, cell_text(raw.get("pinfl")))
        values.update(self._codes(number, raw))
        values.update(self._dates(number, raw))
        values["rate"] = self._rate(number, raw.get("rate"))
        values["unit"] = self._unit(number, cell_text(raw.get("unit")))
        self._contacts(number, values)
        values["order_number"] = cell_text(raw.get("order_number"))
        return values if len(self.errors) == before else None

    def _pinfl(self, number: int, pinfl: str) -> str:
        if not re.fullmatch(r"\d{14}", pinfl):
            self.fail(number, "pinfl", _("PINFL must be exactly 14 digits."))
        elif pinfl in self.existing:
            self.fail(number, "pinfl", _("An employee with this PINFL already exists."))
        elif pinfl in self.seen:
            self.fail(number, "pinfl", _("The same PINFL is in row %(row)s.") % {"row": self.seen[pinfl]})
        self.seen.setdefault(pinfl, number)
        return pinfl

    def _codes(self, number: int, raw: dict) -> dict:
        out = {}
        for key, choices in (
            ("gender", Gender),
            ("employee_type", EmployeeType),
            ("position", Position),
            ("employment_form", EmploymentForm),
        ):
            code = cell_text(raw.get(key))
            if code not in choices.values:
                self.fail(number, key, _("Unknown code “%(code)s”.") % {"code": code})
            out[key] = code
        return out

    def _dates(self, number: int, raw: dict) -> dict:
        out = {}
        for key in ("birth_date", "order_date", "start_date"):
            out[key] = _date(raw.get(key))
            if out[key] is None:
                self.fail(number, key, _("Enter the date as DD.MM.YYYY."))
        return out

    def _rate(self, number: int, value) -> Decimal | None:
        try:
            rate = Decimal(cell_text(value).replace(",", ".")).quantize(Decimal("0.01"))
        except InvalidOperation:
            rate = None
        if rate not in ALLOWED_RATES:
            self.fail(number, "rate", _("The staff rate must be one of 1.00, 0.75, 0.50 or 0.25."))
        return rate

    def _unit(self, number: int, code: str) -> OrgUnit | None:
        unit = self.units.get(code)
        if unit is None:
            self.fail(number, "unit", _("No unit with the code “%(code)s”.") % {"code": code})
        elif not unit.active:
            self.fail(number, "unit", _("The unit “%(unit)s” is closed.") % {"unit": unit})
        return unit

    def _contacts(self, number: int, values: dict) -> None:
        if values["phone"] and not re.fullmatch(r"\+998\d{9}", values["phone"]):
            self.fail(number, "phone", _("Phone must look like +998901234567."))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                self.fail(number, "email", _("Enter a valid e-mail address."))


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """``(row number, {column: value})`` of the data rows; ValidationError on "file" if unreadable."""
    sheet = first_sheet(content)
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(KEYS), values_only=True), start=2):
        if all(cell_text(c) == "" for c in cells):
            continue
        rows.append((number, dict(zip(KEYS, cells, strict=False))))
    check_row_count(rows, empty_message=_("The file has no employee rows under the header."), limit=MAX_ROWS)
    return rows


def check_rows(rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    checker = _Checker([raw for _n, raw in rows])
    good = []
    for number, raw in rows:
        values = checker.check(number, raw)
        if values is not None:
            good.append((number, values))
    errors = sorted(checker.errors, key=lambda e: (e.row, KEYS.index(e.column)))
    return good, errors


@transaction.atomic
def import_employees(*, content: bytes, actor, filename: str = "") -> tuple[int, list[RowError]]:
    """Import every row or none: returns (created count, errors); errors means nothing was saved."""
    rows = read_rows(content)
    good, errors = check_rows(rows)
    if errors:
        return 0, errors
    for number, v in good:
        person = {k: v[k] for k in ("last_name", "first_name", "patronymic", "pinfl", "birth_date", "gender")}
        person |= {"phone": v["phone"], "email": v["email"], "employee_type": v["employee_type"]}
        appointment = {k: v[k] for k in ("position", "employment_form", "rate", "order_number")}
        appointment |= {"org_unit": v["unit"], "order_date": v["order_date"], "start_date": v["start_date"]}
        try:
            make_employee(actor=actor, data=person, appointment=appointment)
        except ValidationError as exc:  # a rule the pre-check does not know: report it, save nothing
            transaction.set_rollback(True)
            return 0, _errors_of(number, exc)
    audit.record(actor=actor, action="staff.employee.imported", data={"count": len(good), "file": filename})
    return len(good), []


def _errors_of(number: int, exc: ValidationError) -> list[RowError]:
    column_of = {"org_unit": "unit"}
    if not hasattr(exc, "error_dict"):
        return [_row_error(number, "", m) for m in exc.messages]
    return [
        _row_error(number, column_of.get(field, field if field in LABELS else ""), message)
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
