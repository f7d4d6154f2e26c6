"""A dean granted through the users page sees only their faculty: the leak test of role grants."""

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.access import services
from hemis.access.models import Role
from hemis.access.principal import build_principal
from hemis.students.models import StudentStatus
from hemis.testing import factories as f


@pytest.fixture
def both_faculties(uni):
    """Students in both faculties first, so that economics figures could leak into chemistry's."""
    for _ in range(2):
        f.StudentFactory(group=uni["chem_group"])
    f.StudentFactory(group=uni["chem_group"], status=StudentStatus.ACADEMIC_LEAVE)
    for _ in range(4):
        f.StudentFactory(group=uni["econ_group"])
    f.GroupFactory(faculty=uni["econ"], name="IQ-22-24")
    return uni


def figures(response) -> dict[str, int]:
    return {str(fig["label"]): fig["value"] for fig in response.context["figures"]}


def test_dean_granted_by_super_admin_sees_only_their_faculty(client, both_faculties, superadmin):
    dean = f.UserFactory(username="new_dean")
    services.grant_role(
        user=dean, role=Role.objects.get(code="dean"), org_unit=both_faculties["chem"], actor=superadmin
    )
    client.cookies["hemis_language"] = "en"
    login = client.post(reverse("web:login"), {"username": "new_dean", "password": "hemis-demo"})
    assert login["Location"] == reverse("web:home")
    with translation.override("en"):
        response = client.get(reverse("web:home"))
    assert response.context["principal"].unit == both_faculties["chem"]
    assert figures(response) == {
        "Faculties": 1,
        "Departments": 1,
        "Employees": 0,
        "Students studying": 2,
        "On academic leave": 1,
        "Academic groups": 1,
    }


def test_revoked_dean_loses_the_faculty(client, both_faculties, superadmin):
    dean = f.UserFactory(username="new_dean")
    grant = services.grant_role(
        user=dean, role=Role.objects.get(code="dean"), org_unit=both_faculties["chem"], actor=superadmin
    )
    services.revoke_grant(grant=grant, actor=superadmin)
    assert build_principal(dean, None).choices == []
    client.force_login(dean)
    assert client.get(reverse("web:home")).status_code == 403
