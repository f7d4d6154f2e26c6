import datetime as dt
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from hemis.core.excel import workbook_bytes


def test_workbook_keeps_types_and_neutralises_formulas():
    data = workbook_bytes(
        title="Xodimlar",
        headers=["F.I.Sh.", "Tugʻilgan sana", "Stavka", "Izoh"],
        rows=[["Oʻrinboyeva Gulnoza", dt.date(2001, 3, 9), Decimal("0.75"), "=HYPERLINK(1)"]],
    )
    ws = load_workbook(BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("F.I.Sh.", "Tugʻilgan sana", "Stavka", "Izoh")
    assert rows[1][0] == "Oʻrinboyeva Gulnoza"
    assert rows[1][1].date() == dt.date(2001, 3, 9)
    assert ws.cell(row=2, column=2).number_format == "DD.MM.YYYY"
    assert rows[1][2] == 0.75
    assert rows[1][3] == "'=HYPERLINK(1)"
