"""The record pages: a student's academic record (own only for a student), the rating and summary
statements with their PDF and Excel, the GPA list with its ranks and the recompute button."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.grading.models import Gpa
from hemis.grading.services.gpa import recompute_gpa, start_gpa_recomputation
from hemis.grading.services.records import refresh_records
from hemis.jobs.models import Job
from hemis.schedule.enums import ControlKind
from hemis.testing import factories as f
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import add_subject, grade
from hemis.testing.schedule import text, with_login

F = ControlKind.FINAL
LATER = dt.date(2028, 3, 1)
GPA_QUERIES, RATING_QUERIES, SUMMARY_QUERIES, RECORD_QUERIES = 18, 15, 17, 8


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def xlsx_rows(response) -> list:
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture
def results(grading):
    """KT-21: a Mathematics 86 (5), Physics 71 (4) → GPA 4.5; b 75 (4), 40 (2, failed) → 3.0; c 60 (3)
    and barred in Physics → 3.0; the others missing. KT-22: e Mathematics 90 → 5.0."""
    w = grading.world
    a, b, c = grading.students()[:3]
    e = grading.students("KT-22")[0]
    grade(w, "MAT204", {a: 86, b: 75, c: 60})
    grade(w, "FIZ204", {a: 71, b: 40}, barred=(c,))
    grade(w, "MAT204", {e: 90}, group="KT-22")
    refresh_records(today=LATER)
    recompute_gpa()
    return {"a": a, "b": b, "c": c, "e": e}


# --- a student's record ---------------------------------------------------------------------------------


def test_the_dean_reads_a_students_record(client, dean_chemistry, grading, results):
    client.force_login(dean_chemistry)
    body = text(client.get(reverse("web:grading_student_record", kwargs={"pk": results["a"].pk})))
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", r).split())
        for r in re.findall(r'data-testid="record-row">(.*?)</tr>', body)
    ]
    assert rows == [
        "FIZ204 Fizika 4,0 71 / 100 71 4 Passed",
        "MAT204 Oliy matematika 4,0 86 / 100 86 5 Passed",
    ]
    gpas = [
        " ".join(re.sub(r"<[^>]+>", " ", r).split())
        for r in re.findall(r'data-testid="gpa-row">(.*?)</tr>', body)
    ]
    assert gpas == ["2026-2027 4,5 8,0 2 0", "Cumulative 4,5 8,0 2 0"]


def test_a_student_reads_their_own_record_only(client, grading, results):
    """Two students of one group: each reads their own record; the other's is a 404."""
    a, b = results["a"], results["b"]
    for student, name in ((a, "student_a"), (b, "student_b")):
        f.grant(with_login(student, name), "student")
    client.force_login(a.user)
    response = client.get(reverse("web:grading_my_record"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:grading_student_record", kwargs={"pk": a.pk}
    )
    assert "86 / 100" in text(client.get(response["Location"]))
    assert client.get(reverse("web:grading_student_record", kwargs={"pk": b.pk})).status_code == 404
    assert client.get(reverse("web:grading_gpa")).status_code == 403


def test_the_dean_of_economics_does_not_reach_chemistry(client, dean_economics, grading, results):
    client.force_login(dean_economics)
    assert (
        client.get(reverse("web:grading_student_record", kwargs={"pk": results["a"].pk})).status_code == 404
    )
    query = {"group": grading.world.kt21.pk, "semester": grading.world.semester.pk}
    body = text(client.get(reverse("web:grading_rating"), query))
    assert 'data-testid="rating-table"' not in body and "Aliyev0" not in body
    body = text(client.get(reverse("web:grading_gpa")))
    assert 'data-testid="gpa-row"' not in body


# --- the rating and summary statements ---------------------------------------------------------------------


def _cells(body, testid):
    return [
        " ".join(re.sub(r"<[^>]+>", " ", r).split())
        for r in re.findall(rf'data-testid="{testid}">(.*?)</tr>', body, re.S)
    ]


def test_the_rating_statement_ranks_the_group(client, dean_chemistry, grading, results):
    client.force_login(dean_chemistry)
    query = {"group": grading.world.kt21.pk, "semester": grading.world.semester.pk}
    body = text(client.get(reverse("web:grading_rating"), query))
    rows = _cells(body, "rating-row")
    a, b, c = (results[k].full_name for k in "abc")
    assert rows[:3] == [f"1 {a} 71 (4) 86 (5) 4,5", f"2 {b} 40 (2) 75 (4) 3,0", f"2 {c} 0 (2) 60 (3) 3,0"]
    assert rows[3].startswith("— ") and rows[3].endswith(" 0 (2) 0 (2) —")  # missing both, no GPA
    assert len(rows) == 12
    pdf = pdf_text(client.get(reverse("web:grading_rating"), {**query, "format": "pdf"}))
    assert "Rating statement" in pdf and "KT-21" in pdf and "86 (5)" in pdf and "4.5" in pdf
    sheet = xlsx_rows(client.get(reverse("web:grading_rating"), {**query, "format": "xlsx"}))
    assert sheet[0] == ("Rank", "Student", "FIZ204", "MAT204", "GPA")
    assert sheet[1][2:] == ("71 (4)", "86 (5)", 4.5)
    assert AuditEvent.objects.filter(action="grading.rating_statement.exported").count() == 1


def test_the_summary_statement_counts_grades(client, dean_chemistry, grading, results):
    client.force_login(dean_chemistry)
    query = {"group": grading.world.kt21.pk, "semester": grading.world.semester.pk}
    body = text(client.get(reverse("web:grading_summary"), query))
    # columns: students, graded, passed, failed, debts, grades 5 4 3 2, average score of the graded
    assert _cells(body, "summary-row") == [
        "FIZ204 Fizika 12 2 1 1 11 0 1 0 1 55,5",
        "MAT204 Oliy matematika 12 3 3 0 9 1 1 1 0 73,7",
    ]
    assert _cells(body, "summary-total") == ["Total 24 5 4 1 20 1 2 1 1 66,4"]
    pdf = pdf_text(client.get(reverse("web:grading_summary"), {**query, "format": "pdf"}))
    assert "Summary statement" in pdf and "Oliy matematika" in pdf and "73.7" in pdf
    sheet = xlsx_rows(client.get(reverse("web:grading_summary"), {**query, "format": "xlsx"}))
    assert sheet[-1][:6] == ("Total", 24, 5, 4, 1, 20)


# --- the GPA list ----------------------------------------------------------------------------------------------


def test_the_gpa_list_ranks_over_the_university_and_decides_the_transfer(client, academic, grading, results):
    client.force_login(academic)
    w = grading.world
    body = text(client.get(reverse("web:grading_gpa"), {"academic_year": w.year.pk, "kind": "year"}))
    rows = _cells(body, "gpa-row")
    names = {k: s.full_name for k, s in results.items()}
    # student, group, course, GPA, credits, debts, ranks in group, course, faculty, university, transfer
    assert rows == [
        f"{names['e']} KT-22 2 5,0 4,0 0 1 1 1 1 Can move",
        f"{names['a']} KT-21 2 4,5 8,0 0 1 2 2 2 Can move",
        f"{names['b']} KT-21 2 3,0 8,0 1 2 3 3 3 Can move",
        f"{names['c']} KT-21 2 3,0 4,0 1 2 3 3 3 Can move",
    ]
    body = text(
        client.get(
            reverse("web:grading_gpa"), {"academic_year": w.year.pk, "kind": "all", "group": w.kt21.pk}
        )
    )
    assert [r.split(" KT-21 ")[1] for r in _cells(body, "gpa-row")] == [
        "2 4,5 8,0 0 1 2 2 2 Can move",
        "2 3,0 8,0 1 2 3 3 3 Can move",
        "2 3,0 4,0 1 2 3 3 3 Can move",
    ]
    assert 'data-testid="gpa-recompute"' in body


def test_the_gpa_list_filters_the_seventh_course(client, academic, grading, results):
    """A student's course runs to 7 (six-year programmes with a seventh, as the students' forms offer)."""
    client.force_login(academic)
    e = results["e"]
    type(e).objects.filter(pk=e.pk).update(course=7)
    query = {"academic_year": grading.world.year.pk, "kind": "year", "course": 7}
    rows = _cells(text(client.get(reverse("web:grading_gpa"), query)), "gpa-row")
    assert rows == [f"{e.full_name} KT-22 7 5,0 4,0 0 1 1 1 1 Can move"]


@pytest.mark.parametrize("page", ["gpa", "rating", "summary"])
def test_the_list_queries_do_not_grow_with_its_rows(
    client, academic, grading, results, django_assert_num_queries, page
):
    """KT-22 has one student with a GPA, KT-21 three: the same queries for both."""
    client.force_login(academic)
    w = grading.world
    url = reverse(f"web:grading_{page}")
    client.get(url)  # the session and the settings row, once
    expected = {"gpa": GPA_QUERIES, "rating": RATING_QUERIES, "summary": SUMMARY_QUERIES}[page]
    for group, n in ((w.kt22, 1), (w.kt21, 3)):
        query = {"academic_year": w.year.pk, "group": group.pk, "semester": w.semester.pk}
        with django_assert_num_queries(expected):
            body = text(client.get(url, query))
        if page == "gpa":
            assert len(_cells(body, "gpa-row")) == n


def test_recompute_starts_the_job_and_goes_to_its_page(
    client, academic, grading, results, django_capture_on_commit_callbacks
):
    client.force_login(academic)
    Gpa.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:grading_gpa_recompute"))
    job = Job.objects.get(name="grading.gpa")
    assert response.status_code == 302 and response["Location"] == reverse("web:job", kwargs={"pk": job.pk})
    job.refresh_from_db()
    assert job.result["cumulative"] == 4 and Gpa.objects.filter(academic_year=None).count() == 4


def test_recompute_is_refused_to_the_dean_and_nothing_starts(client, dean_chemistry, grading, results):
    client.force_login(dean_chemistry)
    assert client.post(reverse("web:grading_gpa_recompute")).status_code == 403
    assert not Job.objects.exists()
    body = text(client.get(reverse("web:grading_gpa")))
    assert 'data-testid="gpa-recompute"' not in body


def test_the_record_page_queries_do_not_grow_with_its_rows(
    client, dean_chemistry, grading, results, django_assert_num_queries
):
    """e has one record, a three (Chemistry of the autumn added): the same queries."""
    w = grading.world
    add_subject(grading, "CHM101", credits="5", semester=w.autumn)
    make_statement(
        w, subject="CHM101", control_kind=F, control_date=dt.date(2027, 1, 10), points={results["a"]: 44}
    )
    refresh_records(today=LATER)
    client.force_login(dean_chemistry)
    client.get(reverse("web:grading_gpa"))
    for student, n in ((results["e"], 1), (results["a"], 3)):
        with django_assert_num_queries(RECORD_QUERIES):
            body = text(client.get(reverse("web:grading_student_record", kwargs={"pk": student.pk})))
        assert len(_cells(body, "record-row")) == n


def test_a_running_recomputation_is_shown_and_a_second_refused(client, academic, grading, results):
    client.force_login(academic)
    first = start_gpa_recomputation(actor=academic)  # queued: its callbacks are not run here
    body = text(client.get(reverse("web:grading_gpa")))
    assert "The GPA is being recomputed." in body and reverse("web:job", kwargs={"pk": first.pk}) in body
    response = client.post(reverse("web:grading_gpa_recompute"), follow=True)
    assert "The GPA is being recomputed already; wait for the job to finish." in text(response)
    assert list(Job.objects.values_list("pk", flat=True)) == [first.pk]
