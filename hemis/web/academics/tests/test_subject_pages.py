"""Subject catalogue pages: list (bounded queries, filters, export), create/edit/deactivate, import."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from hemis.academics.models import Subject
from hemis.academics.services.subjects import save_subject
from hemis.audit.models import AuditEvent
from hemis.core.excel import workbook_bytes
from hemis.web.academics.tests.conftest import text

pytestmark = pytest.mark.usefixtures("english")


def subject(department, code="KIM101", **changes) -> Subject:
    values = {
        "code": code,
        "name_uz": "Umumiy kimyo",
        "name_en": "General chemistry",
        "department": department,
        "description_uz": "Asoslar.",
        "description_en": "Basics.",
        **changes,
    }
    return save_subject(values=values, actor=None)


def form_data(department, **changes) -> dict:
    return {
        "code": "KIM105",
        "name_uz": "Organik kimyo",
        "name_en": "Organic chemistry",
        "department": department.pk,
        "description_uz": "Uglerod birikmalari.",
        "description_en": "",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, academic, uni, django_assert_num_queries, n):
    for i in range(n):
        subject(uni["inorganic"], code=f"KIM10{i}")
    client.force_login(academic)
    with django_assert_num_queries(9):
        response = client.get(reverse("web:subjects_list"), {"department": uni["inorganic"].pk})
    assert [s.code for s in response.context["page"]] == [f"KIM10{i}" for i in range(n)]


def test_incomplete_english_filter(client, head, uni):
    subject(uni["inorganic"], code="KIM101")
    subject(uni["accounting_dept"], code="BUX201", name_uz="Buxgalteriya", name_en="")
    subject(uni["inorganic"], code="KIM102", description_en="")
    client.force_login(head)
    response = client.get(reverse("web:subjects_list"), {"incomplete": "on"})
    assert [s.code for s in response.context["page"]] == ["BUX201", "KIM102"]
    assert response.context["can_edit"] is False


def test_academic_adds_and_edits_a_subject(client, academic, uni):
    client.force_login(academic)
    response = client.post(reverse("web:subjects_create"), form_data(uni["inorganic"]))
    assert response.status_code == 302
    made = Subject.objects.get(code="KIM105")
    assert (made.department, made.catalogued_at, made.created_by) == (uni["inorganic"], None, academic)
    response = client.post(
        reverse("web:subjects_edit", args=[made.pk]),
        form_data(uni["inorganic"], description_en="Carbon compounds."),
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.description_en == "Carbon compounds."
    assert made.catalogued_at is not None


def test_faculty_is_not_a_department(client, academic, uni):
    client.force_login(academic)
    response = client.post(reverse("web:subjects_create"), form_data(uni["chem"]))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "department": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert not Subject.objects.exists()


def test_dean_reads_but_cannot_edit(client, dean_chemistry, uni):
    made = subject(uni["accounting_dept"])
    client.force_login(dean_chemistry)
    assert [s.code for s in client.get(reverse("web:subjects_list")).context["page"]] == ["KIM101"]
    assert (
        client.post(reverse("web:subjects_edit", args=[made.pk]), form_data(uni["inorganic"])).status_code
        == 403
    )
    assert client.post(reverse("web:subjects_deactivate", args=[made.pk])).status_code == 403
    made.refresh_from_db()
    assert (made.code, made.is_active) == ("KIM101", True)


def test_deactivate_with_confirmation(client, academic, uni):
    made = subject(uni["inorganic"])
    client.force_login(academic)
    confirm = client.get(reverse("web:subjects_deactivate", args=[made.pk]))
    assert "Take “KIM101 General chemistry” out of use?" in text(confirm)
    made.refresh_from_db()
    assert made.is_active is True
    client.post(reverse("web:subjects_deactivate", args=[made.pk]))
    made.refresh_from_db()
    assert made.is_active is False


def test_export_is_audited(client, academic, uni):
    subject(uni["inorganic"])
    client.force_login(academic)
    response = client.get(reverse("web:subjects_export"))
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:7] == (
        "KIM101",
        "Umumiy kimyo",
        None,
        "General chemistry",
        "D-INORG",
        "Asoslar.",
        "Basics.",
    )
    assert AuditEvent.objects.get(action="academics.subject.exported").data["rows"] == 1


def upload(rows) -> SimpleUploadedFile:
    content = workbook_bytes(title="Fanlar", headers=["a"] * 7, rows=rows)
    return SimpleUploadedFile("fanlar.xlsx", content)


def test_import_good_file(client, academic, uni):
    client.force_login(academic)
    rows = [["KIM101", "Umumiy kimyo", "", "General chemistry", "D-INORG", "Asoslar.", "Basics."]]
    response = client.post(reverse("web:subjects_import"), {"file": upload(rows)})
    assert response.status_code == 302
    assert list(Subject.objects.values_list("code", "department__code")) == [("KIM101", "D-INORG")]


def test_import_bad_file_lists_every_bad_row(client, academic, uni):
    client.force_login(academic)
    rows = [
        ["KIM101", "Umumiy kimyo", "", "", "D-INORG", "", ""],
        ["KIM102", "", "", "", "D-INORG", "", ""],
        ["KIM103", "Fizik kimyo", "", "", "D-XXX", "", ""],
    ]
    response = client.post(reverse("web:subjects_import"), {"file": upload(rows)})
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["errors"]] == [(3, "name_uz"), (4, "department")]
    assert "Nothing was imported: 2 rows have errors." in text(response)
    assert not Subject.objects.exists()


def test_import_template_download(client, academic):
    client.force_login(academic)
    response = client.get(reverse("web:subjects_import_template"))
    header = next(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert header[0] == "Code" and header[4] == "Department code or name"


def test_import_page_and_create_form_render(client, academic, uni):
    client.force_login(academic)
    page = text(client.get(reverse("web:subjects_import")))
    assert "Department code or name" in page
    form = client.get(reverse("web:subjects_create")).context["form"]
    assert list(form.fields["department"].queryset) == [uni["accounting_dept"], uni["inorganic"]]
