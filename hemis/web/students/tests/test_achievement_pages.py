"""Achievement pages: the university list (bounded queries, scope, export), add/edit/delete per student,
and the partial for the student's page."""

import datetime as dt
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.students.models import Achievement
from hemis.students.services import achievements as services
from hemis.testing import factories as f
from hemis.web.students.achievements import student_panel
from hemis.web.students.tests.conftest import text

D = dt.date


def achieve(student, title="Respublika olimpiadasi", **changes) -> Achievement:
    values = {"kind": "21", "title": title, "awarded_on": D(2025, 4, 18), "issuer": "Vazirlik", **changes}
    return services.add_achievement(student=student, values=values, actor=None)


def form_data(**changes) -> dict:
    return {
        "kind": "30",
        "title": "IELTS Academic",
        "awarded_on": "02.06.2025",
        "issuer": "British Council",
        "certificate_language": "14",
        "certificate_level": "7.0",
        "valid_until": "02.06.2027",
        **changes,
    }


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, dean_chemistry, student_in_group, django_assert_num_queries, n):
    for i in range(n):
        achieve(student_in_group, title=f"Olimpiada {i}", awarded_on=D(2025, 4, 10 + i))
    client.force_login(dean_chemistry)
    with django_assert_num_queries(9):
        response = client.get(reverse("web:achievements_list"))
    assert [a.title for a in response.context["page"]] == [f"Olimpiada {i}" for i in reversed(range(n))]


def test_dean_sees_only_own_faculty(client, dean_economics, uni, student_in_group):
    econ_student = f.StudentFactory(group=uni["econ_group"], last_name="Tursunova")
    achieve(student_in_group, title="Kimyo olimpiadasi")
    achieve(econ_student, title="Iqtisod olimpiadasi")
    client.force_login(dean_economics)
    response = client.get(reverse("web:achievements_list"))
    assert [a.title for a in response.context["page"]] == ["Iqtisod olimpiadasi"]
    assert list(response.context["form"].fields["faculty"].queryset) == [uni["econ"]]


def test_filters_and_export(client, rector, uni, student_in_group):
    econ_student = f.StudentFactory(group=uni["econ_group"])
    achieve(student_in_group, title="Kimyo olimpiadasi")
    achieve(econ_student, title="Sertifikat", kind="30", certificate_language="14", certificate_level="B2")
    achieve(econ_student, title="Eski", awarded_on=D(2023, 5, 5))
    client.force_login(rector)
    url = reverse("web:achievements_list")
    assert [a.title for a in client.get(url, {"kind": "30"}).context["page"]] == ["Sertifikat"]
    assert [a.title for a in client.get(url, {"year": "2023"}).context["page"]] == ["Eski"]
    assert [a.title for a in client.get(url, {"faculty": uni["chem"].pk}).context["page"]] == [
        "Kimyo olimpiadasi"
    ]
    response = client.get(reverse("web:achievements_export"), {"faculty": uni["chem"].pk})
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [(r[0], r[2], r[5]) for r in rows[1:]] == [
        ("Oʻrinboyeva Gulnoza", "KT-11-24", "Kimyo olimpiadasi")
    ]
    assert AuditEvent.objects.get(action="students.achievement.exported").data["rows"] == 1


def test_dean_adds_an_achievement_from_the_student(client, dean_chemistry, student_in_group):
    client.force_login(dean_chemistry)
    url = reverse("web:achievements_create", args=[student_in_group.pk])
    response = client.post(url, {**form_data(), "next": "/students/7/"})
    assert response.status_code == 302
    assert response["Location"] == "/students/7/"
    made = Achievement.objects.get()
    assert (made.student, made.kind, made.certificate_level, made.created_by) == (
        student_in_group,
        "30",
        "7.0",
        dean_chemistry,
    )


def test_certificate_without_level_is_refused_on_the_field(client, dean_chemistry, student_in_group):
    client.force_login(dean_chemistry)
    url = reverse("web:achievements_create", args=[student_in_group.pk])
    response = client.post(url, form_data(certificate_level=""))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "certificate_level": ["A language certificate needs its level or score."]
    }
    assert not Achievement.objects.exists()


def test_dean_of_economics_cannot_touch_chemistry_students(client, dean_economics, student_in_group):
    made = achieve(student_in_group)
    client.force_login(dean_economics)
    create = reverse("web:achievements_create", args=[student_in_group.pk])
    assert client.post(create, form_data()).status_code == 404
    assert client.post(reverse("web:achievements_edit", args=[made.pk]), form_data()).status_code == 404
    assert client.post(reverse("web:achievements_delete", args=[made.pk])).status_code == 404
    made.refresh_from_db()
    assert (Achievement.objects.count(), made.title, made.kind) == (1, "Respublika olimpiadasi", "21")
    assert not AuditEvent.objects.filter(
        action__in=["students.achievement.updated", "students.achievement.deleted"]
    ).exists()


def test_management_reads_but_cannot_add(client, rector, student_in_group):
    client.force_login(rector)
    assert client.get(reverse("web:achievements_create", args=[student_in_group.pk])).status_code == 404
    assert client.get(reverse("web:achievements_list")).context["can_edit"] is False


def test_edit_and_delete(client, dean_chemistry, student_in_group):
    made = achieve(student_in_group)
    client.force_login(dean_chemistry)
    response = client.post(
        reverse("web:achievements_edit", args=[made.pk]), form_data(kind="21", title="Olimpiada, 2-oʻrin")
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.title, made.certificate_language) == ("Olimpiada, 2-oʻrin", "")
    confirm = client.get(reverse("web:achievements_delete", args=[made.pk]))
    assert "Delete “Olimpiada, 2-oʻrin” of Oʻrinboyeva Gulnoza?" in text(confirm)
    client.post(reverse("web:achievements_delete", args=[made.pk]))
    assert not Achievement.objects.exists()


def test_student_partial_shows_achievements_and_the_add_link(dean_chemistry, rector, student_in_group):
    achieve(student_in_group, title="Navoiy stipendiyasi", kind="12")

    def render(user):
        request = RequestFactory().get("/students/1/")
        request.user = user
        request.principal = build_principal(user, None)
        context = {"student": student_in_group, **student_panel(request, student_in_group)}
        return render_to_string("web/students/_student_achievements.html", context, request=request)

    as_dean = render(dean_chemistry)
    assert "Navoiy stipendiyasi" in as_dean
    assert reverse("web:achievements_create", args=[student_in_group.pk]) in as_dean
    as_rector = render(rector)
    assert "Navoiy stipendiyasi" in as_rector
    assert "Add achievement" not in as_rector


def test_add_form_names_the_student(client, dean_chemistry, student_in_group):
    client.force_login(dean_chemistry)
    response = client.get(
        reverse("web:achievements_create", args=[student_in_group.pk]), {"next": "/students/"}
    )
    assert "Add achievement: Oʻrinboyeva Gulnoza" in text(response)
    assert response.context["next"] == "/students/"
