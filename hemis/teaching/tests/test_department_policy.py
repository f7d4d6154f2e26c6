"""Whose departments' distribution, progress and loads each role reads (the policy behind the head's
pages): a head its department, a dean its faculty's departments, the academic department all, a teacher
and an outsider none."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.schedule.models import TeachingLoad
from hemis.students.models import GroupSubject
from hemis.testing import factories as f


@pytest.fixture
def people(uni, dean_chemistry, dean_economics, academic, outsider):
    head_inorg = f.UserFactory(username="head_inorg")
    f.grant(head_inorg, "head", uni["inorganic"])
    head_acc = f.UserFactory(username="head_acc")
    f.grant(head_acc, "head", uni["accounting_dept"])
    teacher = f.UserFactory(username="karimov")
    f.grant(teacher, "teacher", uni["inorganic"])
    return {
        "head_inorg": head_inorg,
        "head_acc": head_acc,
        "dean_chemistry": dean_chemistry,
        "dean_economics": dean_economics,
        "academic": academic,
        "teacher": teacher,
        "outsider": outsider,
    }


@pytest.mark.parametrize(
    ("who", "departments"),
    [
        ("head_inorg", ["D-INORG"]),
        ("head_acc", ["D-ACC"]),
        ("dean_chemistry", ["D-INORG"]),
        ("dean_economics", ["D-ACC"]),
        ("academic", ["D-ACC", "D-INORG"]),
        ("teacher", []),
        ("outsider", []),
    ],
)
def test_departments_loads_and_group_subjects_each_role_reads(world, people, who, departments):
    principal = build_principal(people[who], None)
    assert sorted(policy.teaching_departments(principal).values_list("code", flat=True)) == departments
    # The world's subjects (2 subjects × 2 groups × 2 lesson types) are the inorganic department's.
    inorganic = "D-INORG" in departments
    assert policy.department_loads(principal).count() == (8 if inorganic else 0)
    assert policy.department_group_subjects(principal).count() == (4 if inorganic else 0)
    assert (TeachingLoad.objects.count(), GroupSubject.objects.count()) == (8, 4)
