"""Pages issue a bounded number of queries, whatever the size of the data behind them."""

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.testing import factories as f


def populate(uni, n: int) -> None:
    for i in range(n):
        group = f.GroupFactory(faculty=uni["chem"], name=f"QC-{n}-{i}")
        f.StudentFactory(group=group)
        employee = f.EmployeeFactory()
        f.appoint(employee, uni["inorganic"])


@pytest.mark.parametrize("n", [1, 3])
def test_dean_home_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    populate(uni, n)
    client.force_login(dean_chemistry)
    # session, user, grants, student check, languages, current semester, 2 org counts, employees, 2 student counts, groups
    with django_assert_num_queries(12):
        response = client.get(reverse("web:home"))
    with translation.override("en"):
        figures = {str(fig["label"]): fig["value"] for fig in response.context["figures"]}
    assert figures["Students studying"] == n
    assert figures["Academic groups"] == n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_teacher_home_query_count_is_constant(client, uni, django_assert_num_queries, n):
    user = f.UserFactory()
    f.grant(user, "teacher", uni["inorganic"])
    employee = f.EmployeeFactory(user=user)
    for _ in range(n):
        f.appoint(employee, uni["inorganic"])
    client.force_login(user)
    with django_assert_num_queries(8):
        response = client.get(reverse("web:home"))
    assert len(response.context["appointments"]) == n
