"""Group subjects page (annex 5 item 8): options, binding, unbinding; scope and query counts."""

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.students.models import GroupSubject
from hemis.students.tests import builders as b
from hemis.web.students.tests.conftest import text


@pytest.fixture
def setup(uni):
    prog = b.programme(uni["chem"], "60720100")
    cur = b.curriculum(prog, 2024)
    group = b.group(uni["chem"], "KT-21-24", prog, curriculum=cur, course=2, intake_year=2024)
    autumn, spring = b.year_with_semesters(2025)
    return {"group": group, "cur": cur, "autumn": autumn, "spring": spring, "dept": uni["inorganic"]}


def url(setup, semester="autumn") -> str:
    return (
        reverse("web:students_group_subjects", args=[setup["group"].pk]) + f"?semester={setup[semester].pk}"
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_group_subjects_page_query_count_is_constant(
    dean_client, setup, dean_chemistry, django_assert_num_queries, extra
):
    for n in range(1 + extra):
        cs = b.curriculum_subject(setup["cur"], 3, f"KIM30{n}", setup["dept"])
        GroupSubject.objects.create(group=setup["group"], curriculum_subject=cs, semester=setup["autumn"])
        b.curriculum_subject(setup["cur"], 3, f"KIM31{n}", setup["dept"])
    with django_assert_num_queries(10):
        response = dean_client.get(url(setup))
    assert (len(response.context["options"]), len(response.context["bindings"])) == (2 + 2 * extra, 1 + extra)


def test_bind_all_then_unbind(dean_client, setup):
    first = b.curriculum_subject(setup["cur"], 3, "KIM301", setup["dept"])
    b.curriculum_subject(setup["cur"], 3, "KIM302", setup["dept"])
    b.curriculum_subject(setup["cur"], 4, "KIM401", setup["dept"])
    response = dean_client.post(url(setup), {"semester": setup["autumn"].pk, "all": "1"})
    assert response.status_code == 302
    codes = list(GroupSubject.objects.values_list("curriculum_subject__subject__code", flat=True))
    assert codes == ["KIM301", "KIM302"]
    binding = GroupSubject.objects.get(curriculum_subject=first)
    dean_client.post(reverse("web:students_group_subject_unbind", args=[setup["group"].pk, binding.pk]))
    assert list(GroupSubject.objects.values_list("curriculum_subject__subject__code", flat=True)) == [
        "KIM302"
    ]
    assert AuditEvent.objects.filter(action="students.group_subject.unbound").count() == 1


def test_binding_a_subject_of_another_semester_is_refused(dean_client, setup):
    spring_subject = b.curriculum_subject(setup["cur"], 4, "KIM401", setup["dept"])
    response = dean_client.post(url(setup), {"semester": setup["autumn"].pk, "subjects": [spring_subject.pk]})
    assert response.status_code == 400
    assert "Not in the group's curriculum for this semester: Fan KIM401." in text(response)
    assert not GroupSubject.objects.exists()


def test_page_says_teachers_come_later_and_when_no_curriculum(dean_client, setup):
    group = setup["group"]
    group.curriculum = None
    group.save()
    body = text(dean_client.get(url(setup)))
    assert "Teachers are assigned to the bound subjects later, by the heads of the departments." in body
    assert "The group has no curriculum: choose one on the group's page first." in body


def test_dean_of_economics_cannot_see_or_bind(client, setup, dean_economics):
    cs = b.curriculum_subject(setup["cur"], 3, "KIM301", setup["dept"])
    binding = GroupSubject.objects.create(
        group=setup["group"], curriculum_subject=cs, semester=setup["autumn"]
    )
    client.force_login(dean_economics)
    assert client.get(url(setup)).status_code == 404
    assert client.post(url(setup), {"semester": setup["autumn"].pk, "all": "1"}).status_code == 404
    unbind = reverse("web:students_group_subject_unbind", args=[setup["group"].pk, binding.pk])
    assert client.post(unbind).status_code == 404
    assert list(GroupSubject.objects.all()) == [binding]


def test_academic_department_reads_but_cannot_bind(client, setup, academic):
    b.curriculum_subject(setup["cur"], 3, "KIM301", setup["dept"])
    client.force_login(academic)
    response = client.get(url(setup))
    assert response.context["can_bind"] is False
    assert client.post(url(setup), {"semester": setup["autumn"].pk, "all": "1"}).status_code == 403
    assert not GroupSubject.objects.exists()
