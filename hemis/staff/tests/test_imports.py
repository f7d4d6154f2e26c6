import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from hemis.audit.models import AuditEvent
from hemis.staff.models import Appointment, Employee
from hemis.staff.services import imports
from hemis.testing import factories as f

D = dt.date
GOOD = [
    ["Aliyev", "Jasur", "Karimovich", "31505901234561", "15.05.1990", "11", "+998901234561",
     "j.aliyev@example.uz", "12", "D-INORG", "13", "11", "1.00", "245-K", "28.08.2025", "01.09.2025"],
    ["Qodirova", "Malika", "", "41203921234562", D(1992, 3, 12), "12", "",
     "", "12", "D-ACC", "12", "13", 0.5, "246-K", D(2025, 8, 29), D(2025, 9, 2)],
]  # fmt: skip


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([str(label) for _k, label in imports.COLUMNS])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_good_file_creates_everyone(uni, hr):
    count, errors = imports.import_employees(content=xlsx(GOOD), actor=hr, filename="xodimlar.xlsx")
    assert (count, errors) == (2, [])
    aliyev = Employee.objects.get(pinfl="31505901234561")
    assert (
        aliyev.full_name,
        aliyev.birth_date,
        aliyev.gender,
        aliyev.phone,
        aliyev.email,
        aliyev.employee_type,
    ) == (
        "Aliyev Jasur Karimovich",
        D(1990, 5, 15),
        "11",
        "+998901234561",
        "j.aliyev@example.uz",
        "12",
    )
    a = Appointment.objects.get(employee__pinfl="41203921234562")
    assert (
        a.org_unit,
        a.position,
        a.employment_form,
        a.rate,
        a.order_number,
        a.order_date,
        a.start_date,
    ) == (
        uni["accounting_dept"],
        "12",
        "13",
        Decimal("0.50"),
        "246-K",
        D(2025, 8, 29),
        D(2025, 9, 2),
    )
    assert AuditEvent.objects.get(action="staff.employee.imported").data == {
        "count": 2,
        "file": "xodimlar.xlsx",
    }
    assert AuditEvent.objects.filter(action="staff.employee.created").count() == 2


def test_two_bad_rows_import_nothing_and_are_both_reported(uni, hr):
    f.EmployeeFactory(pinfl="31505901234561")
    bad_rate = [*GOOD[1][:12], "0.60", *GOOD[1][13:]]
    bad_rate[3] = "41203921234599"
    third = [*GOOD[1]]
    third[3], third[9], third[14] = "41203921234598", "NO-SUCH", "31.02.2025"
    count, errors = imports.import_employees(content=xlsx([GOOD[0], bad_rate, GOOD[1], third]), actor=hr)
    assert count == 0
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "pinfl", "An employee with this PINFL already exists."),
        (3, "rate", "The staff rate must be one of 1.00, 0.75, 0.50 or 0.25."),
        (5, "unit", "No unit with the code “NO-SUCH”."),
        (5, "order_date", "Enter the date as DD.MM.YYYY."),
    ]
    assert errors[0].column_label == "PINFL"
    assert Employee.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="staff.employee").exists()


def test_not_an_excel_file_is_refused(hr):
    with pytest.raises(ValidationError) as exc:
        imports.import_employees(content=b"not a workbook", actor=hr)
    assert exc.value.message_dict == {"file": ["The file is not an Excel (.xlsx) workbook."]}


def test_template_has_the_header_row(db):
    sheet = load_workbook(BytesIO(imports.template_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [tuple(str(label) for _k, label in imports.COLUMNS)]
