"""Group pages: list, export, page, open, edit, close, subgroups; scope and query counts."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.students.models import Group, Subgroup
from hemis.students.services import groups as services
from hemis.students.tests import builders as b
from hemis.testing import factories as f
from hemis.web.students.tests.conftest import text


def names(response) -> list[str]:
    return [g.name for g in response.context["page"]]


@pytest.mark.parametrize("extra", [0, 2])
def test_group_list_query_count_is_constant(dean_client, uni, django_assert_num_queries, extra):
    for n in range(extra):
        group = b.group(uni["chem"], f"KT-9{n}-24")
        f.StudentFactory(group=group)
    with django_assert_num_queries(8):
        response = dean_client.get(reverse("web:students_groups"))
    assert len(response.context["page"].object_list) == 1 + extra


def test_group_list_counts_students_and_filters(dean_client, uni, student_in_group):
    b.group(uni["chem"], "KT-31-25", intake_year=2025, course=1)
    f.StudentFactory(group=uni["chem_group"], status="12")
    response = dean_client.get(reverse("web:students_groups"))
    assert [(g.name, g.studying_count, g.student_count) for g in response.context["page"]] == [
        ("KT-11-24", 1, 2),
        ("KT-31-25", 0, 0),
    ]
    assert names(dean_client.get(reverse("web:students_groups"), {"intake_year": 2025})) == ["KT-31-25"]
    assert names(dean_client.get(reverse("web:students_groups"), {"course": 2})) == ["KT-11-24"]
    assert names(dean_client.get(reverse("web:students_groups"), {"q": "31"})) == ["KT-31-25"]


def test_dean_of_economics_sees_none_of_chemistrys_groups(client, uni, dean_economics):
    client.force_login(dean_economics)
    assert names(client.get(reverse("web:students_groups"))) == ["IQ-21-24"]
    chem = uni["chem_group"]
    for route in ("web:students_group", "web:students_group_edit", "web:students_group_close"):
        assert client.get(reverse(route, args=[chem.pk])).status_code == 404
    response = client.post(reverse("web:students_group_close", args=[chem.pk]))
    assert response.status_code == 404
    assert Group.objects.get(pk=chem.pk).is_active is True


def test_academic_department_reads_all_groups_but_cannot_edit(client, uni, academic):
    client.force_login(academic)
    assert names(client.get(reverse("web:students_groups"))) == ["IQ-21-24", "KT-11-24"]
    assert client.get(reverse("web:students_group_create")).status_code == 403
    response = client.post(reverse("web:students_group_edit", args=[uni["chem_group"].pk]), {"name": "X"})
    assert response.status_code == 403
    assert Group.objects.get(pk=uni["chem_group"].pk).name == "KT-11-24"


def test_group_export_is_audited(dean_client, uni, student_in_group):
    response = dean_client.get(reverse("web:students_groups_export"))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "KT-11-24"
    assert (rows[1][8], rows[1][9]) == (1, 1)
    assert len(rows) == 2
    assert AuditEvent.objects.get(action="students.group.exported").data["rows"] == 1


@pytest.mark.parametrize("extra", [0, 2])
def test_group_page_query_count_is_constant(dean_client, uni, django_assert_num_queries, extra):
    group = uni["chem_group"]
    sub = Subgroup.objects.create(group=group, name="A")
    for n in range(1 + extra):
        sub.students.add(f.StudentFactory(group=group, last_name=f"Talaba{n}"))
    b.year_with_semesters(2025)
    with django_assert_num_queries(10):
        response = dean_client.get(reverse("web:students_group", args=[group.pk]))
    assert len(response.context["students"]) == 1 + extra
    assert all(s is not None for _student, s in response.context["students"])


def test_open_a_group_through_the_form(dean_client, uni):
    prog = b.programme(uni["chem"], "60720100")
    cur = b.curriculum(prog, 2025)
    data = {
        "name": "KT-31-25",
        "programme": prog.pk,
        "intake_year": "2025",
        "course": "1",
        "language": "11",
        "education_form": "11",
        "curriculum": cur.pk,
    }
    response = dean_client.post(reverse("web:students_group_create"), data)
    group = Group.objects.get(name="KT-31-25")
    assert response.url == reverse("web:students_group", args=[group.pk])
    assert (group.faculty, group.curriculum) == (uni["chem"], cur)


def test_open_a_group_for_another_faculty_is_refused(dean_client, uni):
    econ_prog = b.programme(uni["econ"], "60410100")
    data = {"name": "IQ-31-25", "programme": econ_prog.pk, "intake_year": "2025", "course": "1"}
    data |= {"language": "11", "education_form": "11"}
    response = dean_client.post(reverse("web:students_group_create"), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["programme"]
    assert not Group.objects.filter(name="IQ-31-25").exists()


def test_wrong_curriculum_shows_on_the_field(dean_client, uni):
    prog = b.programme(uni["chem"], "60720100")
    cur = b.curriculum(prog, 2024)
    data = {"name": "KT-31-25", "programme": prog.pk, "intake_year": "2025", "course": "1"}
    data |= {"language": "11", "education_form": "11", "curriculum": cur.pk}
    response = dean_client.post(reverse("web:students_group_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {"curriculum": ["The curriculum is for another intake year."]}
    assert "The curriculum is for another intake year." in text(response)
    assert not Group.objects.filter(name="KT-31-25").exists()


def test_close_page_refuses_while_students_study(dean_client, uni, student_in_group):
    response = dean_client.post(reverse("web:students_group_close", args=[uni["chem_group"].pk]))
    assert response.status_code == 400
    assert "Students still study in the group: move them by orders first." in text(response)
    assert Group.objects.get(pk=uni["chem_group"].pk).is_active is True


def test_subgroup_pages(dean_client, uni, student_in_group, dean_chemistry):
    group = uni["chem_group"]
    dean_client.post(reverse("web:students_subgroup_create", args=[group.pk]), {"name": "A"})
    sub = Subgroup.objects.get(group=group)
    dean_client.post(
        reverse("web:students_subgroup_members", args=[sub.pk]), {"students": [student_in_group.pk]}
    )
    dean_client.post(reverse("web:students_subgroup_rename", args=[sub.pk]), {"name": "B"})
    sub.refresh_from_db()
    assert (sub.name, list(sub.students.all())) == ("B", [student_in_group])
    dean_client.post(reverse("web:students_subgroup_delete", args=[sub.pk]))
    assert not Subgroup.objects.exists()


def test_subgroup_members_refuse_a_student_of_another_group(dean_client, uni, dean_chemistry):
    sub = services.create_subgroup(group=uni["chem_group"], name="A", actor=dean_chemistry)
    stranger = f.StudentFactory(group=b.group(uni["chem"], "KT-12-24"))
    response = dean_client.post(
        reverse("web:students_subgroup_members", args=[sub.pk]), {"students": [stranger.pk]}
    )
    assert response.status_code == 404
    assert list(sub.students.all()) == []


def test_subgroups_of_another_faculty_are_not_found(client, uni, dean_economics, superadmin):
    sub = services.create_subgroup(group=uni["chem_group"], name="A", actor=superadmin)
    client.force_login(dean_economics)
    for route in (
        "web:students_subgroup_rename",
        "web:students_subgroup_members",
        "web:students_subgroup_delete",
    ):
        assert client.post(reverse(route, args=[sub.pk]), {"name": "X"}).status_code == 404
    assert Subgroup.objects.get(pk=sub.pk).name == "A"
    assert (
        client.post(
            reverse("web:students_subgroup_create", args=[uni["chem_group"].pk]), {"name": "Z"}
        ).status_code
        == 404
    )
    assert Subgroup.objects.count() == 1
