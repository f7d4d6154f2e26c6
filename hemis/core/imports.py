"""What every all-or-nothing Excel import shares: opening the workbook, reading a cell as text,
limiting the number of rows, and the row error of the report (row number, column, message)."""

from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    """One problem of the report: the file's row number, the column key and the message."""

    row: int
    column: str
    message: str
    label: str = ""  # the column's header, in the language of the request

    @property
    def column_label(self) -> str:
        return self.label


def cell_text(value) -> str:
    """A cell as text: None is empty, 12.0 is "12", surrounding spaces go."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def first_sheet(content: bytes):
    """The first worksheet of an .xlsx file; ValidationError on "file" when it is not one."""
    try:
        return load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except (BadZipFile, KeyError, OSError, ValueError, IndexError) as exc:
        raise ValidationError({"file": [_("The file is not an Excel (.xlsx) workbook.")]}) from exc


def check_row_count(rows: list, *, empty_message: str, limit: int = MAX_ROWS) -> None:
    """Refuse a file with no data rows, or with more than ``limit``."""
    if not rows:
        raise ValidationError({"file": [empty_message]})
    if len(rows) > limit:
        raise ValidationError({"file": [_("At most %(n)s rows can be imported at once.") % {"n": limit}]})
