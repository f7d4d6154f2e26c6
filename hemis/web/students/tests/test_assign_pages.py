"""Putting students without a group into a group (annex 5 item 6) through the page."""

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.students.models import Student
from hemis.students.tests import builders as b
from hemis.testing import factories as f
from hemis.web.students.tests.conftest import text


@pytest.mark.parametrize("extra", [0, 2])
def test_assign_page_query_count_is_constant(dean_client, uni, django_assert_num_queries, extra):
    for n in range(1 + extra):
        b.student_without_group(uni["chem_group"].programme, f"Talaba{n}")
    with django_assert_num_queries(8):
        response = dean_client.get(reverse("web:students_assign"))
    assert len(response.context["waiting"]) == 1 + extra


def test_assign_through_the_page(dean_client, uni):
    group = uni["chem_group"]
    first = b.student_without_group(group.programme, "Aliyev")
    second = b.student_without_group(group.programme, "Boboyev")
    response = dean_client.post(
        reverse("web:students_assign"), {"group": group.pk, "students": [first.pk, second.pk]}
    )
    assert response.url == reverse("web:students_group", args=[group.pk])
    assert list(
        Student.objects.filter(group=group).order_by("last_name").values_list("last_name", flat=True)
    ) == [
        "Aliyev",
        "Boboyev",
    ]


def test_assign_refusal_shows_the_reason_and_changes_nothing(dean_client, uni, student_in_group):
    free = b.student_without_group(uni["chem_group"].programme, "Aliyev")
    other = b.group(uni["chem"], "KT-12-24", uni["chem_group"].programme)
    response = dean_client.post(
        reverse("web:students_assign"), {"group": other.pk, "students": [free.pk, student_in_group.pk]}
    )
    assert response.status_code == 400
    assert f"Already in a group (move them by a transfer order): {student_in_group.full_name}." in text(
        response
    )
    assert Student.objects.get(pk=free.pk).group_id is None
    assert Student.objects.get(pk=student_in_group.pk).group_id == uni["chem_group"].pk


def test_dean_cannot_assign_another_facultys_students_or_groups(client, uni, dean_economics):
    chem_free = b.student_without_group(uni["chem_group"].programme, "Aliyev")
    econ_free = b.student_without_group(uni["econ_group"].programme, "Ismoilov")
    client.force_login(dean_economics)
    page = client.get(reverse("web:students_assign"))
    assert [s.last_name for s in page.context["waiting"]] == ["Ismoilov"]
    assert [g.name for g in page.context["groups"]] == ["IQ-21-24"]
    url = reverse("web:students_assign")
    assert client.post(url, {"group": uni["econ_group"].pk, "students": [chem_free.pk]}).status_code == 404
    assert client.post(url, {"group": uni["chem_group"].pk, "students": [econ_free.pk]}).status_code == 404
    assert Student.objects.filter(group__isnull=True).count() == 2
    assert not AuditEvent.objects.filter(action="students.student.assigned_to_group").exists()


def test_academic_department_cannot_assign(client, uni, academic):
    student = b.student_without_group(uni["chem_group"].programme)
    client.force_login(academic)
    response = client.post(
        reverse("web:students_assign"), {"group": uni["chem_group"].pk, "students": [student.pk]}
    )
    assert response.status_code == 403
    assert Student.objects.get(pk=student.pk).group_id is None


def test_students_with_a_group_are_not_offered(dean_client, uni, student_in_group):
    f.StudentFactory(group=None, faculty=uni["chem"], programme=uni["chem_group"].programme, status="13")
    assert list(dean_client.get(reverse("web:students_assign")).context["waiting"]) == []
