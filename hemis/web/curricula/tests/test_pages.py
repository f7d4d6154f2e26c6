"""The curricula pages: lists and detail with bounded queries, forms, approval, copies, leaks."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.curricula.enums import CurriculumStatus, WeekKind
from hemis.curricula.models import Curriculum, CurriculumSubject, CurriculumWeek, SubjectLoad
from hemis.curricula.tests import factories as cf
from hemis.testing import factories as f

D = dt.date


@pytest.fixture
def chem_cur(uni):
    return cf.curriculum(cf.programme(uni["chem"], code="60710100", duration=1), 2026)


def subject_post(subj, department, **changes):
    data = {
        "subject": subj.pk,
        "subject_type": "11",
        "block": "11.02",
        "credits": "6",
        "final_form": "11",
        "department": department.pk,
        "hours_11": "30",
        "hours_13": "30",
        "points_11": "30",
        "points_12": "20",
        "points_13": "50",
    }
    return data | changes


# --- list and detail: the same number of queries for 1 and 3 ---------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    for _ in range(n):
        cur = cf.curriculum(cf.programme(uni["chem"], duration=1), 2026)
        cf.add(cur.semesters.get(number=1), uni["inorganic"])
    cf.curriculum(cf.programme(uni["econ"], duration=1), 2026)  # another faculty's: not listed
    client.force_login(dean_chemistry)
    with django_assert_num_queries(9):
        response = client.get(reverse("web:curricula_list"))
    rows = list(response.context["page"])
    assert len(rows) == n
    assert [(c.semester_count, c.subject_count, c.empty_count) for c in rows] == [(2, 1, 1)] * n


@pytest.mark.parametrize("n", [1, 3])
def test_detail_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    cur = cf.curriculum(cf.programme(uni["chem"], duration=n), 2026)
    for semester in cur.semesters.all():
        for _ in range(n):
            cf.add(semester, uni["inorganic"], credits="4")
    client.force_login(dean_chemistry)
    with django_assert_num_queries(11):
        response = client.get(reverse("web:curricula_detail", kwargs={"pk": cur.pk}))
    assert len(response.context["semesters"]) == 2 * n
    assert response.context["total_credits"] == Decimal(4 * n * 2 * n)
    first = response.context["semesters"][0]
    assert (first["totals"].credits, first["totals"].hours) == (Decimal(4 * n), 180 * n)
    # Only the lesson types with hours in the curriculum get a column: lecture, practical, independent.
    assert [code for code, _label in response.context["training_types"]] == ["11", "13", "17"]
    assert first["subjects"][0][1] == [30, 30, 120]
    assert [c.code for c in response.context["control_legend"]] == sorted(
        c.control_type.code for c in first["subjects"][0][0].controls.all()
    )


def test_list_filters_and_export(client, uni, academic):
    chem = cf.curriculum(cf.programme(uni["chem"], code="60710100", duration=1), 2025)
    cf.curriculum(cf.programme(uni["econ"], code="60410100", duration=1), 2026)
    client.force_login(academic)
    response = client.get(reverse("web:curricula_list"), {"faculty": uni["chem"].pk})
    assert [c.pk for c in response.context["page"]] == [chem.pk]
    response = client.get(reverse("web:curricula_list"), {"intake_year": "2026", "status": "draft"})
    assert [c.programme.code for c in response.context["page"]] == ["60410100"]
    cf.add(chem.semesters.get(number=1), uni["inorganic"], credits="5")
    response = client.get(reverse("web:curricula_export"), {"faculty": uni["chem"].pk})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert (rows[1][0], rows[1][2], rows[1][6], rows[1][10]) == (str(chem.programme), 2025, 1, 5)
    event = AuditEvent.objects.get(action="curricula.curriculum.exported")
    assert event.data["rows"] == 1


# --- create, approve, return, copy -------------------------------------------------------------------


def test_dean_creates_a_curriculum(client, uni, dean_chemistry):
    prog = cf.programme(uni["chem"], duration=2)
    client.force_login(dean_chemistry)
    response = client.get(reverse("web:curricula_create"))
    choices = set(response.context["form"].fields["programme"].queryset)
    assert prog in choices and not any(p.faculty == uni["econ"] for p in choices)
    marking = cf.marking("11")
    response = client.post(
        reverse("web:curricula_create"),
        {"programme": prog.pk, "intake_year": "2026", "education_form": "11", "marking_system": marking.pk},
    )
    cur = Curriculum.objects.get()
    assert response.url == reverse("web:curricula_detail", kwargs={"pk": cur.pk})
    assert (cur.programme, cur.intake_year, cur.semesters.count(), cur.created_by) == (
        prog,
        2026,
        4,
        dean_chemistry,
    )


def test_create_refuses_another_faculty_programme_and_a_duplicate(client, uni, dean_chemistry, chem_cur):
    econ_prog = cf.programme(uni["econ"])
    client.force_login(dean_chemistry)
    data = {"intake_year": "2026", "education_form": "11", "marking_system": cf.marking().pk}
    response = client.post(reverse("web:curricula_create"), data | {"programme": econ_prog.pk})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["programme"]
    response = client.post(reverse("web:curricula_create"), data | {"programme": chem_cur.programme.pk})
    assert response.context["form"].errors["intake_year"] == [
        "The programme already has a curriculum for the intake of 2026 in this form."
    ]
    assert Curriculum.objects.count() == 1


def test_approve_page_refuses_empty_semesters(client, uni, dean_chemistry, chem_cur):
    cf.add(chem_cur.semesters.get(number=1), uni["inorganic"])
    client.force_login(dean_chemistry)
    url = reverse("web:curricula_approve", kwargs={"pk": chem_cur.pk})
    response = client.get(url)
    assert "Semesters without subjects: 2." in response.content.decode()
    response = client.post(url, follow=True)
    assert "Semesters without subjects: 2. Add their subjects before approving." in response.content.decode()
    chem_cur.refresh_from_db()
    assert (chem_cur.status, chem_cur.approved_on) == (CurriculumStatus.DRAFT, None)


def test_approve_and_return_to_draft(client, uni, dean_chemistry, superadmin, chem_cur):
    cf.filled(chem_cur, uni["inorganic"])
    client.force_login(dean_chemistry)
    client.post(reverse("web:curricula_approve", kwargs={"pk": chem_cur.pk}))
    chem_cur.refresh_from_db()
    assert (chem_cur.status, chem_cur.approved_on, chem_cur.approved_by) == (
        CurriculumStatus.APPROVED,
        timezone.localdate(),
        dean_chemistry,
    )
    response = client.post(reverse("web:curricula_return", kwargs={"pk": chem_cur.pk}))
    assert response.status_code == 403
    chem_cur.refresh_from_db()
    assert chem_cur.status == CurriculumStatus.APPROVED
    client.force_login(superadmin)
    client.post(reverse("web:curricula_return", kwargs={"pk": chem_cur.pk}))
    chem_cur.refresh_from_db()
    assert (chem_cur.status, chem_cur.approved_on) == (CurriculumStatus.DRAFT, None)


def test_copy_page(client, uni, dean_chemistry, chem_cur):
    cf.add(chem_cur.semesters.get(number=2), uni["inorganic"])
    client.force_login(dean_chemistry)
    url = reverse("web:curricula_copy", kwargs={"pk": chem_cur.pk})
    assert client.get(url).context["form"].initial == {"intake_year": 2027}
    response = client.post(url, {"intake_year": "2026"})
    assert response.context["form"].errors["intake_year"] == [
        "The programme already has a curriculum for the intake of 2026 in this form."
    ]
    client.post(url, {"intake_year": "2028"})
    copy = Curriculum.objects.get(intake_year=2028)
    assert (copy.copied_from, CurriculumSubject.objects.filter(semester__curriculum=copy).count()) == (
        chem_cur,
        1,
    )


def test_academic_department_reads_but_cannot_edit(client, uni, academic, chem_cur):
    client.force_login(academic)
    response = client.get(reverse("web:curricula_detail", kwargs={"pk": chem_cur.pk}))
    assert (response.context["can_edit"], response.context["can_approve"]) == (False, False)
    semester = chem_cur.semesters.get(number=1)
    subj = cf.subject(uni["inorganic"])
    url = reverse("web:curricula_subject_add", kwargs={"pk": semester.pk})
    assert client.post(url, subject_post(subj, uni["inorganic"])).status_code == 403
    assert CurriculumSubject.objects.count() == 0


def test_head_of_department_reads_the_curricula_of_its_faculty(client, uni, chem_cur):
    cf.curriculum(cf.programme(uni["econ"], duration=1), 2026)
    head = f.UserFactory(username="head_inorg")
    f.grant(head, "head", uni["inorganic"])
    client.force_login(head)
    response = client.get(reverse("web:curricula_list"))
    assert [c.pk for c in response.context["page"]] == [chem_cur.pk]


# --- subjects and weeks ----------------------------------------------------------------------------


def test_add_edit_and_remove_a_subject(client, uni, dean_chemistry, chem_cur):
    semester = chem_cur.semesters.get(number=1)
    subj = cf.subject(uni["inorganic"], code="KIM101")
    client.force_login(dean_chemistry)
    url = reverse("web:curricula_subject_add", kwargs={"pk": semester.pk})
    response = client.post(url, subject_post(subj, uni["inorganic"]))
    cs = CurriculumSubject.objects.get()
    assert response.url.endswith("#semester-1")
    assert sorted(cs.loads.values_list("training_type", "hours")) == [("11", 30), ("13", 30)]
    edit = reverse("web:curricula_subject_edit", kwargs={"pk": cs.pk})
    assert client.get(edit).context["form"].initial["points_13"] == 50
    client.post(edit, subject_post(subj, uni["inorganic"], credits="3.5", hours_13=""))
    cs.refresh_from_db()
    assert (cs.credits, list(cs.loads.values_list("training_type", flat=True))) == (Decimal("3.5"), ["11"])
    client.post(reverse("web:curricula_subject_delete", kwargs={"pk": cs.pk}))
    assert CurriculumSubject.objects.count() == 0


def test_add_subject_shows_refusals_on_the_form(client, uni, dean_chemistry, chem_cur):
    semester = chem_cur.semesters.get(number=1)
    subj = cf.subject(uni["inorganic"])
    client.force_login(dean_chemistry)
    url = reverse("web:curricula_subject_add", kwargs={"pk": semester.pk})
    response = client.post(url, subject_post(subj, uni["inorganic"], points_13="40"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The maximum points of the controls add up to 90; the marking system needs exactly 100."
    ]
    response = client.post(url, subject_post(subj, uni["inorganic"], credits="0"))
    assert response.context["form"].errors["credits"] == ["Credits must be more than zero."]
    response = client.post(url, subject_post(subj, uni["inorganic"], block="12.01"))
    assert list(response.context["form"].errors) == ["block"]
    response = client.post(url, subject_post(subj, uni["inorganic"], hours_11="", hours_13=""))
    assert response.context["form"].non_field_errors() == ["Enter the hours of at least one lesson type."]
    assert (CurriculumSubject.objects.count(), SubjectLoad.objects.count()) == (0, 0)


def test_weeks_page_changes_kinds(client, dean_chemistry, chem_cur):
    semester = chem_cur.semesters.get(number=1)
    client.force_login(dean_chemistry)
    url = reverse("web:curricula_weeks", kwargs={"pk": semester.pk})
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    assert (len(data), data["week_1"]) == (21, "theory")
    response = client.post(url, data | {"week_10": WeekKind.PRACTICE})
    assert response.status_code == 302
    assert CurriculumWeek.objects.get(semester=semester, number=10).kind == WeekKind.PRACTICE


# --- leaks: the dean of economics and chemistry's curricula --------------------------------------------


def test_dean_of_another_faculty_can_neither_see_nor_change(client, uni, dean_economics, chem_cur):
    semester = chem_cur.semesters.get(number=1)
    cs = cf.add(semester, uni["inorganic"])
    cf.add(chem_cur.semesters.get(number=2), uni["inorganic"])
    subj = cf.subject(uni["inorganic"])
    client.force_login(dean_economics)
    assert list(client.get(reverse("web:curricula_list")).context["page"]) == []
    gets = [
        ("web:curricula_detail", chem_cur.pk),
        ("web:curricula_copy", chem_cur.pk),
        ("web:curricula_weeks", semester.pk),
        ("web:curricula_subject_edit", cs.pk),
    ]
    for name, pk in gets:
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    posts = [
        ("web:curricula_approve", chem_cur.pk, {}),
        ("web:curricula_copy", chem_cur.pk, {"intake_year": "2030"}),
        ("web:curricula_weeks", semester.pk, {"week_1": "holiday"}),
        ("web:curricula_subject_add", semester.pk, subject_post(subj, uni["accounting_dept"])),
        ("web:curricula_subject_edit", cs.pk, subject_post(cs.subject, uni["accounting_dept"], credits="1")),
        ("web:curricula_subject_delete", cs.pk, {}),
    ]
    for name, pk, data in posts:
        assert client.post(reverse(name, kwargs={"pk": pk}), data).status_code == 404
    chem_cur.refresh_from_db()
    cs.refresh_from_db()
    assert (chem_cur.status, Curriculum.objects.count(), CurriculumSubject.objects.count()) == (
        CurriculumStatus.DRAFT,
        1,
        2,
    )
    assert (cs.credits, semester.weeks.get(number=1).kind) == (Decimal("6"), WeekKind.THEORY)
    assert not AuditEvent.objects.filter(actor_id=dean_economics.pk).exists()


def test_nav_shows_curricula_to_the_dean(client, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(reverse("web:home"))
    assert reverse("web:curricula_list") in response.content.decode()
