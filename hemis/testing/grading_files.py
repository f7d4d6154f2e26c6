"""Files the grading tests upload: a grade sheet as an examiner fills it in Excel."""

from io import BytesIO

from openpyxl import Workbook, load_workbook

GRADE_HEADERS = ("Student ID", "Student", "Points")


def xlsx_rows(*rows, headers=GRADE_HEADERS) -> bytes:
    """An .xlsx workbook whose first sheet holds ``headers`` and then ``rows`` (cells kept as given:
    numbers, text, None)."""
    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheet_rows(content: bytes) -> list[tuple]:
    """The rows of a workbook's first sheet, as values (a downloaded template read back)."""
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
