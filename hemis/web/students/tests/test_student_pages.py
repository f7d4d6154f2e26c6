"""Student pages: list, export, page with masked personal data, edit; scope and query counts."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.students.models import Achievement, AchievementKind, Student
from hemis.students.tests import builders as b
from hemis.testing import factories as f
from hemis.web.students.tests.conftest import text


def listed(response) -> list[str]:
    return [s.last_name for s in response.context["page"]]


@pytest.mark.parametrize("extra", [0, 2])
def test_student_list_query_count_is_constant(dean_client, uni, django_assert_num_queries, extra):
    f.StudentFactory(group=uni["chem_group"], last_name="Aliyev")
    for n in range(extra):
        b.student_without_group(uni["chem_group"].programme, f"Talaba{n}")
    with django_assert_num_queries(9):
        response = dean_client.get(reverse("web:students_list"))
    assert len(response.context["page"].object_list) == 1 + extra


def test_student_list_filters(dean_client, uni):
    f.StudentFactory(group=uni["chem_group"], last_name="Aliyev", payment_form="12")
    b.student_without_group(uni["chem_group"].programme, "Boboyev")
    url = reverse("web:students_list")
    assert listed(dean_client.get(url)) == ["Aliyev", "Boboyev"]
    assert listed(dean_client.get(url, {"without_group": "on"})) == ["Boboyev"]
    assert listed(dean_client.get(url, {"payment_form": "12"})) == ["Aliyev"]
    assert listed(dean_client.get(url, {"group": uni["chem_group"].pk})) == ["Aliyev"]
    assert listed(dean_client.get(url, {"q": "bobo"})) == ["Boboyev"]


def test_search_by_pinfl_only_for_roles_seeing_personal_data(client, dean_client, uni, academic):
    f.StudentFactory(group=uni["chem_group"], last_name="Aliyev", pinfl="51203051234567")
    url = reverse("web:students_list")
    assert listed(dean_client.get(url, {"q": "51203051234567"})) == ["Aliyev"]
    client.force_login(academic)
    assert listed(client.get(url, {"q": "51203051234567"})) == []


def test_dean_of_economics_sees_none_of_chemistrys_students(client, uni, dean_economics, student_in_group):
    f.StudentFactory(group=uni["econ_group"], last_name="Ismoilov")
    client.force_login(dean_economics)
    assert listed(client.get(reverse("web:students_list"))) == ["Ismoilov"]
    for route in ("web:students_student", "web:students_student_edit"):
        assert client.get(reverse(route, args=[student_in_group.pk])).status_code == 404
    response = client.post(
        reverse("web:students_student_edit", args=[student_in_group.pk]), {"last_name": "Boshqa"}
    )
    assert response.status_code == 404
    assert Student.objects.get(pk=student_in_group.pk).last_name == "Oʻrinboyeva"


def test_university_roles_filter_by_faculty(client, uni, academic, student_in_group):
    f.StudentFactory(group=uni["econ_group"], last_name="Ismoilov")
    client.force_login(academic)
    response = client.get(reverse("web:students_list"), {"faculty": uni["econ"].pk})
    assert listed(response) == ["Ismoilov"]


def test_dean_has_no_faculty_filter(dean_client, uni):
    assert "faculty" not in dean_client.get(reverse("web:students_list")).context["form"].fields


def test_personal_data_masked_for_the_academic_department(client, uni, academic):
    student = f.StudentFactory(group=uni["chem_group"], pinfl="51203051234567", phone="+998901234567")
    client.force_login(academic)
    body = text(client.get(reverse("web:students_student", args=[student.pk])))
    assert "51203051234567" not in body
    assert "••••••••••••67" in body
    assert "+998901234567" not in body
    assert "51203051234567" not in text(client.get(reverse("web:students_list")))


def test_dean_sees_personal_data(dean_client, uni):
    student = f.StudentFactory(group=uni["chem_group"], pinfl="51203051234567")
    body = text(dean_client.get(reverse("web:students_student", args=[student.pk])))
    assert "51203051234567" in body
    assert "Status, group, course and programme change only by student orders." in body


@pytest.mark.parametrize("extra", [0, 2])
def test_student_page_query_count_is_constant(dean_client, uni, django_assert_num_queries, extra):
    student = f.StudentFactory(group=uni["chem_group"])
    for n in range(extra):
        f.StudentFactory(group=uni["chem_group"], last_name=f"Talaba{n}")
        Achievement.objects.create(
            student=student,
            kind=AchievementKind.OLYMPIAD,
            title=f"Olimpiada {n}",
            awarded_on=dt.date(2026, 4, n + 1),
        )
    # The page, its student, the order history (one query) and the achievements (one query).
    with django_assert_num_queries(8):
        response = dean_client.get(reverse("web:students_student", args=[student.pk]))
    assert response.context["student"] == student


def test_export_masks_for_the_academic_department_and_is_audited(client, uni, academic):
    f.StudentFactory(group=uni["chem_group"], last_name="Aliyev", pinfl="51203051234567")
    client.force_login(academic)
    sheet = load_workbook(BytesIO(client.get(reverse("web:students_export")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("Aliyev Gulnoza", rows[1][1], "••••••••••••67")
    event = AuditEvent.objects.get(action="students.student.exported")
    assert (event.data["rows"], event.data["personal_data"]) == (1, False)


def test_edit_student_through_the_form(dean_client, uni, student_in_group):
    data = {
        "last_name": "Oʻrinboyeva",
        "first_name": "Gulnoza",
        "patronymic": "Akmal qizi",
        "pinfl": student_in_group.pinfl,
        "passport": "AD1234567",
        "birth_date": "09.03.2005",
        "gender": "12",
        "phone": "+998935551122",
        "email": "gulnoza@example.uz",
        "address": "Toshkent sh., Chilonzor t.",
        "payment_form": "12",
        "citizenship": "11",
        "social_category": "10",
        "accommodation": "15",
    }
    response = dean_client.post(reverse("web:students_student_edit", args=[student_in_group.pk]), data)
    assert response.url == reverse("web:students_student", args=[student_in_group.pk])
    student = Student.objects.get(pk=student_in_group.pk)
    assert (student.patronymic, student.payment_form, student.accommodation, student.group_id) == (
        "Akmal qizi",
        "12",
        "15",
        uni["chem_group"].pk,
    )


def test_edit_student_bad_phone_is_refused_on_the_field(dean_client, student_in_group):
    data = {"last_name": "X", "first_name": "Y", "pinfl": student_in_group.pinfl, "gender": "12"}
    data |= {"phone": "12345", "payment_form": "11", "citizenship": "11", "social_category": "10"}
    response = dean_client.post(reverse("web:students_student_edit", args=[student_in_group.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {"phone": ["Phone must look like +998901234567."]}
    assert Student.objects.get(pk=student_in_group.pk).last_name == "Oʻrinboyeva"


def test_academic_department_cannot_edit_students(client, academic, student_in_group):
    client.force_login(academic)
    response = client.post(
        reverse("web:students_student_edit", args=[student_in_group.pk]), {"last_name": "X"}
    )
    assert response.status_code == 403
    assert Student.objects.get(pk=student_in_group.pk).last_name == "Oʻrinboyeva"


def test_group_filter_offers_the_groups_of_the_chosen_programme(client, dean_client, uni, academic):
    other = f.GroupFactory(faculty=uni["chem"], name="KT-12-24", programme=uni["chem_group"].programme)
    elsewhere = f.GroupFactory(faculty=uni["chem"], name="BT-11-24")
    f.StudentFactory(group=other)  # the programme filter offers the programmes students study
    # A faculty's dean picks from the faculty's groups straight away.
    response = dean_client.get(reverse("web:students_list"))
    assert list(response.context["form"].fields["group"].queryset) == [elsewhere, uni["chem_group"], other]
    # University-wide roles first choose a programme: a thousand groups would be no choice at all.
    client.force_login(academic)
    response = client.get(reverse("web:students_list"))
    assert list(response.context["form"].fields["group"].queryset) == []
    assert (
        response.context["form"].fields["group"].help_text == "Choose a programme to pick one of its groups."
    )
    programme = uni["chem_group"].programme
    response = client.get(reverse("web:students_list"), {"programme": programme.pk, "group": other.pk})
    assert list(response.context["form"].fields["group"].queryset) == [uni["chem_group"], other]
    assert response.context["form"].is_valid()
