"""The diploma pages: the diploma department's list of graduating students with their clearance state and
the form that records a diploma; the student's checklist; the PDFs of the diploma and the supplement,
refused (404) until the clearance sheet is fully signed AND the diploma is marked issued, then read back
with pypdf."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings
from hemis.grading.enums import RecordStatus
from hemis.graduation import services
from hemis.graduation.models import ClearanceLine, Diploma
from hemis.graduation.tests.fixtures import student_with_login
from hemis.org.models import StructureType
from hemis.testing import factories as f
from hemis.testing.grading_records import record
from hemis.testing.schedule import text, with_login

DIPLOMAS = reverse("web:diplomas")
MY = reverse("web:diploma_my")
PDF = reverse("web:diploma_pdf")
SUPPLEMENT = reverse("web:diploma_supplement_pdf")
DIPLOMAS_QUERIES = 7


def sign_all(student, librarian, warden):
    for code, who in (("library", librarian), ("dormitory", warden)):
        line = ClearanceLine.objects.get(sheet__student=student, unit__code=code)
        services.sign_line(line=line, actor=who, role=code)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_diplomas_list_and_record_form(client, alice, bob, charlie, diploma_clerk, librarian, warden):
    services.open_sheet(student=alice, actor=alice.user)
    sign_all(alice, librarian, warden)
    client.force_login(diploma_clerk)
    page = text(client.get(DIPLOMAS))
    assert re.findall(r'data-student="(\d+)"', page) == [str(alice.pk), str(bob.pk)]  # not Charlie (course 2)
    assert "fully signed" in page and "not opened" in page
    url = reverse("web:diploma_record", args=[alice.pk])
    before = (Diploma.objects.count(), AuditEvent.objects.count())
    response = client.post(url, {"series": "AB", "number": "12x", "issued_on": "30.06.2026"})
    assert response.status_code == 400 and (Diploma.objects.count(), AuditEvent.objects.count()) == before
    response = client.post(url, {"series": "AB", "number": "1234567", "issued_on": "30.06.2099"})
    assert response.status_code == 400 and "The date of issue cannot be in the future." in text(response)
    assert (Diploma.objects.count(), AuditEvent.objects.count()) == before
    assert (
        client.post(url, {"series": "ab", "number": "1234567", "issued_on": "30.06.2026"}).status_code == 302
    )
    diploma = Diploma.objects.get(student=alice)
    assert (diploma.series, diploma.number, diploma.issued_on, diploma.registered_by) == (
        "AB",
        "1234567",
        dt.date(2026, 6, 30),
        diploma_clerk,
    )
    page = text(client.get(DIPLOMAS, {"state": "issued"}))
    assert re.findall(r'data-student="(\d+)"', page) == [str(alice.pk)]
    assert "AB 1234567, 30.06.2026" in page


def test_only_a_graduating_students_diploma_is_recorded(client, charlie, diploma_clerk):
    client.force_login(diploma_clerk)
    url = reverse("web:diploma_record", args=[charlie.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"series": "AB", "number": "1", "issued_on": "30.06.2026"}).status_code == 404
    assert not Diploma.objects.exists()


def test_diplomas_pages_are_the_departments(client, alice, librarian, dean_chemistry):
    for user in (librarian, dean_chemistry, alice.user):
        client.force_login(user)
        assert client.get(DIPLOMAS).status_code == 403
        assert client.get(reverse("web:diploma_record", args=[alice.pk])).status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_diplomas_list_queries_do_not_grow(client, final_group, diploma_clerk, django_assert_num_queries, n):
    for i in range(n):
        s = student_with_login(final_group, f"4002211000{70 + i}", "Ism", f"Familiya{i}")
        services.open_sheet(student=s, actor=s.user)
        services.record_diploma(
            student=s, series="AB", number=str(i + 1), issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
        )
    client.force_login(diploma_clerk)
    client.get(DIPLOMAS)
    with django_assert_num_queries(DIPLOMAS_QUERIES):
        page = text(client.get(DIPLOMAS))
    assert page.count('data-testid="graduate"') == n


def test_the_gate_closed_then_opened_and_the_pdfs(client, grading, librarian, warden, diploma_clerk):
    UniversitySettings.objects.update_or_create(
        pk=1, defaults={"name_uz": "Toshkent kimyo-texnologiya instituti"}
    )
    student, classmate = grading.students()[:2]
    for s, name in ((student, "400221100081"), (classmate, "400221100082")):
        s.course = s.programme.duration_years
        s.save(update_fields=["course"])
        with_login(s, name)
    record(grading, student, RecordStatus.PASSED, total=86, grade="5")
    record(grading, classmate, RecordStatus.PASSED, total=71, grade="4")
    client.force_login(student.user)
    page = text(client.get(MY))
    assert re.findall(r'data-met="(\w+)"', page) == ["no", "no"]
    assert "The clearance sheet is not opened." in page
    assert client.get(PDF).status_code == 404 and client.get(SUPPLEMENT).status_code == 404
    services.open_sheet(student=student, actor=student.user)
    sign_all(student, librarian, warden)
    assert client.get(PDF).status_code == 404  # signed, but the diploma is not recorded
    assert re.findall(r'data-met="(\w+)"', text(client.get(MY))) == ["yes", "no"]
    services.record_diploma(
        student=classmate, series="AB", number="2", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    services.record_diploma(
        student=student, series="AB", number="1234567", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    page = text(client.get(MY))
    assert re.findall(r'data-met="(\w+)"', page) == ["yes", "yes"] and 'data-testid="diploma-pdf"' in page
    content = pdf_text(client.get(PDF))
    assert content.startswith("Diploma University: Toshkent kimyo-texnologiya instituti")
    assert f"Graduate: {student.full_name}" in content
    assert "Diploma: AB № 1234567 Date of issue: 30.06.2026" in content
    assert "Degree: Bachelor" in content
    supplement = pdf_text(client.get(SUPPLEMENT))
    assert supplement.startswith("Diploma supplement")
    assert "1 MAT204 Oliy matematika" in supplement and "4.0 86 5 Passed" in supplement
    assert "Credits earned: 4.0" in supplement
    assert classmate.full_name not in supplement and "71" not in supplement


def test_a_classmates_diploma_is_never_reached(client, grading, librarian, warden, diploma_clerk):
    student, classmate = grading.students()[:2]
    for s, name in ((student, "400221100091"), (classmate, "400221100092")):
        s.course = s.programme.duration_years
        s.save(update_fields=["course"])
        with_login(s, name)
    services.open_sheet(student=classmate, actor=classmate.user)
    sign_all(classmate, librarian, warden)
    services.record_diploma(
        student=classmate, series="AB", number="9", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    client.force_login(student.user)
    assert client.get(PDF).status_code == 404
    assert "AB 9" not in text(client.get(MY))
    client.force_login(diploma_clerk)
    assert client.get(MY).status_code == 403 and client.get(PDF).status_code == 403


def test_without_a_name_in_the_settings_the_diploma_names_the_unit_above_the_faculty(
    client, grading, librarian, warden, diploma_clerk
):
    """As the statements and the certificates do: no name in the settings, the root unit above the
    student's faculty (before, the diploma alone printed no university then)."""
    student = grading.students()[0]
    root = f.make_unit(code="U", name="Toshkent kimyo-texnologiya instituti", kind=StructureType.RECTORATE)
    faculty = f.make_unit(code="F-SUB", name="Kimyo fakulteti", kind=StructureType.FACULTY, parent=root)
    student.faculty, student.course = faculty, student.programme.duration_years
    student.save(update_fields=["faculty", "course"])
    with_login(student, "400221100091")
    record(grading, student, RecordStatus.PASSED, total=86, grade="5")
    services.open_sheet(student=student, actor=student.user)
    sign_all(student, librarian, warden)
    services.record_diploma(
        student=student, series="AB", number="7654321", issued_on=dt.date(2026, 6, 30), actor=diploma_clerk
    )
    client.force_login(student.user)
    assert pdf_text(client.get(PDF)).startswith("Diploma University: Toshkent kimyo-texnologiya instituti")
