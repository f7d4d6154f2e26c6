import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from hemis.audit.models import AuditEvent
from hemis.staff import services
from hemis.staff.enums import Position
from hemis.staff.models import Employee, StaffUnit
from hemis.staff.services import imports
from hemis.testing import factories as f
from hemis.web.staff.tests.conftest import hire, text

D = dt.date


def plan(unit, actor, position, rate):
    return services.create_staff_unit(
        actor=actor,
        org_unit=unit,
        position=position,
        planned_rate=Decimal(rate),
        order_number="1-SH",
        order_date=D(2025, 8, 20),
    )


def test_staff_table_planned_filled_vacant(hr_client, hr, uni):
    plan(uni["inorganic"], hr, Position.DOCENT, "3.00")
    hire(uni["inorganic"], hr, position=Position.DOCENT, rate="1.00")
    hire(uni["inorganic"], hr, last_name="Qosimov", position=Position.DOCENT, rate="1.00")
    hire(uni["inorganic"], hr, last_name="Nazarov", position=Position.ASSISTANT, rate="1.00")
    response = hr_client.get(reverse("web:staff_units"))
    rows = [
        (line.unit.code, line.position, line.planned, line.filled, line.vacant)
        for line in response.context["lines"]
    ]
    assert rows == [
        ("D-INORG", "12", Decimal("0.00"), Decimal("1.00"), Decimal("-1.00")),
        ("D-INORG", "14", Decimal("3.00"), Decimal("2.00"), Decimal("1.00")),
    ]
    assert response.context["totals"] == {
        "planned": Decimal("3.00"),
        "filled": Decimal("3.00"),
        "vacant": Decimal("0.00"),
    }


@pytest.mark.parametrize("extra", [0, 2])
def test_staff_table_query_count_is_constant(hr_client, hr, uni, django_assert_num_queries, extra):
    units = [uni["inorganic"], uni["accounting_dept"], uni["chem"]]
    for unit in units[: 1 + extra]:
        plan(unit, hr, Position.DOCENT, "2.00")
        hire(unit, hr, last_name=f"X{unit.code}")
    with django_assert_num_queries(8):
        response = hr_client.get(reverse("web:staff_units"))
    assert len(response.context["lines"]) == 1 + extra


def test_staff_unit_page_adds_line_and_refuses_duplicate(hr_client, hr, uni):
    url = reverse("web:staff_unit", args=[uni["inorganic"].pk])
    data = {"position": "14", "planned_rate": "2,50", "order_number": "7-SH", "order_date": "01.09.2025"}
    assert hr_client.post(url, data).status_code == 302
    line = StaffUnit.objects.get()
    assert (line.planned_rate, line.order_number, line.order_date) == (Decimal("2.50"), "7-SH", D(2025, 9, 1))
    again = hr_client.post(url, data)
    assert again.context["form"].errors == {
        "position": ["The unit already has a staff line for this position: edit it."]
    }
    assert StaffUnit.objects.count() == 1


def test_staff_table_export(client, hr, uni, rector):
    plan(uni["inorganic"], hr, Position.DOCENT, "2.00")
    client.force_login(rector)
    response = client.get(reverse("web:staff_units_export"))
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("D-INORG", "Noorganik kimyo kafedrasi", "Associate professor (docent)", 2, 0, 2)
    assert AuditEvent.objects.filter(action="staff.staff_unit.exported").count() == 1


def test_head_does_not_see_other_units_staff_table(client, hr, uni):
    plan(uni["accounting_dept"], hr, Position.DOCENT, "2.00")
    head = f.UserFactory(username="head_inorg")
    f.grant(head, "head", uni["inorganic"])
    client.force_login(head)
    assert client.get(reverse("web:staff_unit", args=[uni["accounting_dept"].pk])).status_code == 404
    assert client.get(reverse("web:staff_units")).context["lines"] == []


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append([str(label) for _k, label in imports.COLUMNS])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("x.xlsx", out.getvalue())


ROW = ["Aliyev", "Jasur", "", "31505901234561", "15.05.1990", "11", "", "", "12", "D-INORG", "13", "11", "1.00",
       "245-K", "28.08.2025", "01.09.2025"]  # fmt: skip


def test_import_page_reports_every_bad_row(hr_client, uni):
    bad1 = [*ROW]
    bad1[3] = "123"
    bad2 = [*ROW]
    bad2[3], bad2[11] = "31505901234562", "99"
    response = hr_client.post(reverse("web:staff_import"), {"file": _xlsx([bad1, ROW, bad2])})
    assert response.status_code == 400
    assert [(e.row, e.column_label, e.message) for e in response.context["errors"]] == [
        (2, "PINFL", "PINFL must be exactly 14 digits."),
        (4, "Employment form code", "Unknown code “99”."),
    ]
    assert "Nothing was imported: 2 rows have errors." in text(response)
    assert Employee.objects.count() == 0


def test_import_page_imports_good_file(hr_client, uni):
    response = hr_client.post(reverse("web:staff_import"), {"file": _xlsx([ROW])})
    assert response["Location"] == reverse("web:staff_employees")
    assert list(Employee.objects.values_list("pinfl", flat=True)) == ["31505901234561"]


def test_import_template_download(hr_client):
    response = hr_client.get(reverse("web:staff_import_template"))
    header = next(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert header[:4] == ("Last name", "First name", "Patronymic", "PINFL")


def test_staff_line_edit_and_delete_with_confirmation(hr_client, hr, uni):
    line = plan(uni["inorganic"], hr, Position.DOCENT, "2.00")
    edit = reverse("web:staff_unit_edit", args=[line.pk])
    assert hr_client.get(edit).context["form"].initial["planned_rate"] == Decimal("2.00")
    hr_client.post(edit, {"planned_rate": "3,25", "order_number": "9-SH", "order_date": "05.01.2026"})
    line.refresh_from_db()
    assert (line.planned_rate, line.order_number) == (Decimal("3.25"), "9-SH")
    delete = reverse("web:staff_unit_delete", args=[line.pk])
    assert "Delete the line" in text(hr_client.get(delete))
    assert StaffUnit.objects.count() == 1
    hr_client.post(delete)
    assert StaffUnit.objects.count() == 0
    assert AuditEvent.objects.filter(action="staff.staff_unit.deleted").count() == 1


def test_dean_cannot_edit_staff_lines(client, hr, uni, dean_chemistry):
    line = plan(uni["inorganic"], hr, Position.DOCENT, "2.00")
    client.force_login(dean_chemistry)
    assert client.post(reverse("web:staff_unit_delete", args=[line.pk])).status_code == 403
    assert StaffUnit.objects.count() == 1
