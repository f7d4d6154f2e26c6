"""A statement's files: the PDF read back, the Excel template and the import through the page (all or
nothing with the report); the statement page's queries do not grow with its students."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hemis.core.models import UniversitySettings
from hemis.grading.models import Statement, StatementLine
from hemis.grading.services.statements import enter_grades
from hemis.org.models import StructureType
from hemis.schedule.enums import ControlKind
from hemis.testing import factories as f
from hemis.testing.grading import make_statement
from hemis.testing.grading_files import sheet_rows, xlsx_rows
from hemis.testing.schedule import text


@pytest.fixture
def karimov(grading):
    f.grant(grading.karimov_user, "teacher")
    return grading.karimov_user


def url(name, statement) -> str:
    return reverse(f"web:grading_{name}", args=[statement.pk])


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def xlsx(*rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("grades.xlsx", xlsx_rows(*rows))


def test_the_pdf_of_a_final_shows_each_students_points_and_record_grade(client, grading, dean_chemistry):
    """Final of 50 held 01.06.2027: current 30 + midterm 20 given, then 45 of the final → 95 → 5."""
    w = grading.world
    s = grading.students()
    make_statement(w, control_kind=ControlKind.CURRENT, points={s[0]: 30, s[1]: 10})
    make_statement(w, control_kind=ControlKind.MIDTERM, points={s[0]: 20, s[1]: 5})
    final = make_statement(w, barred=(s[2],), signed=True)
    StatementLine.objects.filter(statement=final).update(graded_at=None)
    final.signed_at = None
    final.save()
    enter_grades(
        statement=final,
        grades={s[0].pk: 45, s[1].pk: 20},
        versions={s[0].pk: 0, s[1].pk: 0},
        actor=dean_chemistry,
        today=dt.date(2027, 6, 1),
    )
    final.signed_at = dt.datetime(2027, 6, 5, 10, 0, tzinfo=dt.UTC)
    final.save()
    client.force_login(dean_chemistry)
    response = client.get(url("statement_pdf", final))
    assert response["Content-Type"] == "application/pdf"
    content = pdf_text(response.content)
    for expected in (
        "Statement (qaydnoma)",
        "Faculty: Kimyo texnologiyasi fakulteti",
        "Group: KT-21",
        "Subject: MAT204 Oliy matematika",
        "Control: Final control",
        "Statement: 1st statement",
        "Control date: 01.06.2027",
        "Examiner: Karimov Anvar",
        f"1\n{s[0].full_name}\n{s[0].student_id_number}\n45\n5\n",
        f"2\n{s[1].full_name}\n{s[1].student_id_number}\n20\n2\n",  # 10 + 5 + 20 = 35 → 2
        f"3\n{s[2].full_name}\n{s[2].student_id_number}\nnot admitted\n",
        "Dean: ____",
        "Signed off: 05.06.2027",
    ):
        assert expected in content, content


def test_the_pdf_names_the_university_of_the_settings_in_the_active_language(client, grading, dean_chemistry):
    UniversitySettings.objects.create(
        name_uz="Toshkent kimyo-texnologiya instituti", name_en="Tashkent Institute of Chemical Technology"
    )
    statement = make_statement(grading.world, control_kind=ControlKind.MIDTERM)
    client.force_login(dean_chemistry)
    assert "University: Tashkent Institute of Chemical Technology" in pdf_text(
        client.get(url("statement_pdf", statement)).content
    )
    client.cookies["hemis_language"] = "uz"
    assert "Toshkent kimyo-texnologiya instituti" in pdf_text(
        client.get(url("statement_pdf", statement)).content
    )


def test_without_a_name_in_the_settings_the_pdf_names_the_unit_above_the_faculty(client, grading, superadmin):
    """No name in the settings: the root unit above the statement's faculty; none when the faculty is
    itself the root (the line is left out)."""
    statement = make_statement(grading.world, control_kind=ControlKind.MIDTERM)
    client.force_login(superadmin)
    assert "University:" not in pdf_text(client.get(url("statement_pdf", statement)).content)
    root = f.make_unit(code="U", name="Toshkent kimyo-texnologiya instituti", kind=StructureType.RECTORATE)
    faculty = f.make_unit(code="F-SUB", name="Kimyo fakulteti", kind=StructureType.FACULTY, parent=root)
    Statement.objects.filter(pk=statement.pk).update(faculty=faculty)
    content = pdf_text(client.get(url("statement_pdf", statement)).content)
    assert "University: Toshkent kimyo-texnologiya instituti" in content
    assert "Faculty: Kimyo fakulteti" in content


def test_the_examiner_downloads_the_template_and_imports_it_back(client, grading, karimov):
    s = grading.students()
    statement = make_statement(
        grading.world, control_kind=ControlKind.MIDTERM, control_date=timezone.localdate()
    )
    client.force_login(karimov)
    response = client.get(url("statement_template", statement))
    rows = sheet_rows(response.content)
    assert rows[0] == ("Student ID", "Student", "Points")
    assert [r[0] for r in rows[1:]] == [student.student_id_number for student in s]

    bad = xlsx((s[0].student_id_number, "", 15), ("000000000000", "", 3), (s[1].student_id_number, "", 25))
    response = client.post(url("statement_import", statement), {"file": bad})
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was imported: 2 rows have errors." in page
    assert "No student has the ID “000000000000”." in page
    assert "Points must be from 0 to 20." in page
    assert not StatementLine.objects.filter(statement=statement, points__isnull=False).exists()

    good = xlsx((s[0].student_id_number, "", 15), (s[1].student_id_number, "", 19))
    response = client.post(url("statement_import", statement), {"file": good}, follow=True)
    assert "2 grades are imported." in text(response)
    points = dict(StatementLine.objects.filter(statement=statement).values_list("student_id", "points"))
    assert (points[s[0].pk], points[s[1].pk], points[s[2].pk]) == (15, 19, None)


def test_an_import_into_a_locked_statement_is_refused_with_why(client, grading, karimov):
    s = grading.students()
    held = timezone.localdate() - dt.timedelta(days=20)  # the pages use the real today
    statement = make_statement(grading.world, control_kind=ControlKind.MIDTERM, control_date=held)
    client.force_login(karimov)
    response = client.post(
        url("statement_import", statement), {"file": xlsx((s[0].student_id_number, "", 15))}
    )
    assert response.status_code == 400
    page = text(response)
    assert "ask the dean's office to reopen it." in page
    assert 'data-testid="import-form"' not in page
    assert not StatementLine.objects.filter(statement=statement, points__isnull=False).exists()


def test_the_statement_page_queries_do_not_grow_with_students(
    client, grading, karimov, django_assert_num_queries
):
    s = grading.students()
    small = make_statement(
        grading.world, control_kind=ControlKind.MIDTERM, control_date=timezone.localdate(), students=s[:1]
    )
    big = make_statement(
        grading.world, control_kind=ControlKind.CURRENT, control_date=timezone.localdate(), students=s[:3]
    )
    client.force_login(karimov)
    client.get(url("statement", small))
    with CaptureQueriesContext(connection) as queries:
        client.get(url("statement", small))
    with django_assert_num_queries(len(queries)):
        response = client.get(url("statement", big))
    assert len(response.context["rows"]) == 3
    assert len(response.context["form"].rows) == 3
