import html

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.audit.models import AuditEvent
from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def students(uni):
    """A student with an account in each faculty (the economics one could leak to the chemistry dean)."""
    chem = f.StudentFactory(
        group=uni["chem_group"], student_id_number="400251100101", user=f.UserFactory(username="chem_student")
    )
    econ = f.StudentFactory(
        group=uni["econ_group"], student_id_number="400251100202", user=f.UserFactory(username="econ_student")
    )
    return {"chem": chem, "econ": econ}


def unchanged(user) -> bool:
    user.refresh_from_db()
    return user.check_password("hemis-demo") and not user.must_change_password


def reset_url(user) -> str:
    return reverse("web:admin_password_reset", kwargs={"pk": user.pk})


def test_dean_resets_chemistry_student_who_must_change_it_at_log_in(client, dean_chemistry, students):
    client.force_login(dean_chemistry)
    found = client.get(reverse("web:admin_student_password"), {"student_id": "400251100101"})
    assert found.context["student"] == students["chem"]
    assert found.context["resettable"] is True
    response = client.post(reset_url(students["chem"].user))
    password = response.context["password"]
    assert f'data-testid="temporary-password">{password}</code>' in text(response)
    assert "no-store" in response["Cache-Control"]
    student_user = students["chem"].user
    student_user.refresh_from_db()
    assert student_user.must_change_password is True
    event = AuditEvent.objects.get(action="auth.password_reset")
    assert (event.actor, event.role, event.target_id) == (dean_chemistry, "dean", str(student_user.pk))

    client.logout()
    login = client.post(reverse("web:login"), {"username": "400251100101", "password": password})
    assert login["Location"] == reverse("web:home")
    assert client.get(reverse("web:home"))["Location"] == reverse("web:password_change")


def test_dean_cannot_find_or_reset_an_economics_student(client, dean_chemistry, students):
    client.force_login(dean_chemistry)
    found = client.get(reverse("web:admin_student_password"), {"student_id": "400251100202"})
    assert found.context["student"] is None
    assert "No student with this ID was found among the students of your faculty." in text(found)
    assert client.post(reset_url(students["econ"].user)).status_code == 404
    assert client.get(reset_url(students["econ"].user)).status_code == 404
    assert unchanged(students["econ"].user)
    assert not AuditEvent.objects.filter(action="auth.password_reset").exists()


def test_dean_cannot_reset_a_staff_account_of_a_chemistry_student(client, uni, dean_chemistry, students):
    f.grant(students["chem"].user, "teacher", uni["inorganic"])
    client.force_login(dean_chemistry)
    found = client.get(reverse("web:admin_student_password"), {"student_id": "400251100101"})
    assert found.context["resettable"] is False
    assert "the super administrator resets its password" in text(found)
    assert client.post(reset_url(students["chem"].user)).status_code == 404
    assert unchanged(students["chem"].user)


def test_dean_cannot_reset_staff(client, dean_chemistry, superadmin):
    client.force_login(dean_chemistry)
    assert client.post(reset_url(superadmin)).status_code == 404
    assert unchanged(superadmin)


def test_student_id_must_be_twelve_digits(client, dean_chemistry, students):
    client.force_login(dean_chemistry)
    response = client.get(reverse("web:admin_student_password"), {"student_id": "40025110010"})
    assert response.context["form"].errors == {"student_id": ["Student ID must be exactly 12 digits."]}
    assert "student" not in response.context


def test_super_admin_resets_a_staff_password(client, superadmin, dean_chemistry):
    client.force_login(superadmin)
    confirm = client.get(reset_url(dean_chemistry))
    assert "Reset the password of Yoʻldoshev Dilshod (dean_chem)?" in text(confirm)
    assert unchanged(dean_chemistry)
    response = client.post(reset_url(dean_chemistry))
    dean_chemistry.refresh_from_db()
    assert dean_chemistry.check_password(response.context["password"])
    assert dean_chemistry.must_change_password is True
    assert response.context["back_url"] == reverse("web:admin_user", kwargs={"pk": dean_chemistry.pk})
    assert AuditEvent.objects.get(action="auth.password_reset").actor == superadmin


def test_super_admin_does_not_reset_a_student_only_account(client, superadmin, students):
    client.force_login(superadmin)
    assert client.post(reset_url(students["chem"].user)).status_code == 404
    assert unchanged(students["chem"].user)
    assert client.get(reverse("web:admin_student_password")).status_code == 403


def test_teacher_cannot_reset_anything(client, uni, students, dean_chemistry):
    teacher = f.UserFactory(username="teacher")
    f.grant(teacher, "teacher", uni["inorganic"])
    client.force_login(teacher)
    assert client.get(reverse("web:admin_student_password")).status_code == 403
    for user in (students["chem"].user, dean_chemistry):
        assert client.post(reset_url(user)).status_code == 404
        assert unchanged(user)
    assert not AuditEvent.objects.exists()


def test_student_without_account_has_nothing_to_reset(client, uni, dean_chemistry):
    f.StudentFactory(group=uni["chem_group"], student_id_number="400251100303", user=None)
    client.force_login(dean_chemistry)
    found = client.get(reverse("web:admin_student_password"), {"student_id": "400251100303"})
    assert found.context["resettable"] is False
    assert "This student has no account yet." in text(found)
    assert 'action="/admin/users/' not in text(found)
