"""Logging in (with a login or a student ID), switching the active role, logging out, the forced
password change."""

from django.urls import reverse

from hemis.access.principal import SESSION_KEY
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f


def login(client, username, password="hemis-demo"):
    return client.post(reverse("web:login"), {"username": username, "password": password})


def test_login_with_username_lands_on_home(client, dean_chemistry):
    response = login(client, "dean_chem")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    home = client.get(reverse("web:home"))
    assert "Kimyo texnologiyasi fakulteti" in home.content.decode()
    assert AuditEvent.objects.filter(action="auth.login", actor=dean_chemistry).count() == 1


def test_student_logs_in_with_student_id(client, student_in_group):
    student_in_group.user.username = "gulnoza"
    student_in_group.user.save()
    response = login(client, "400251199999")
    assert response.status_code == 302
    page = client.get(reverse("web:home")).content.decode()
    assert "400251199999" in page
    assert "KT-11-24" in page


def test_wrong_password_is_refused_and_journaled(client, dean_chemistry):
    response = login(client, "dean_chem", "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.data == {"login": "dean_chem"}


def test_role_switch_changes_scope(client, uni, dean_chemistry):
    f.grant(dean_chemistry, "dean", uni["econ"])
    login(client, "dean_chem")
    chem_home = client.get(reverse("web:home")).content.decode()
    assert "Kimyo texnologiyasi fakulteti" in chem_home
    econ_key = [c.key for c in client.get(reverse("web:home")).context["principal"].choices][1]
    response = client.post(reverse("web:switch_role"), {"role": econ_key})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == econ_key
    event = AuditEvent.objects.get(action="auth.role_switched")
    assert (event.actor, event.role, event.data) == (
        dean_chemistry,
        "dean",
        {"role": "dean", "unit": "F-ECON"},
    )
    page = client.get(reverse("web:home"))
    assert page.context["principal"].unit == uni["econ"]


def test_switch_to_a_role_not_held_is_refused(client, dean_chemistry, superadmin):
    login(client, "dean_chem")
    admin_grant_key = f"g{superadmin.grants.get().pk}"
    client.post(reverse("web:switch_role"), {"role": admin_grant_key})
    assert SESSION_KEY not in client.session
    assert client.get(reverse("web:home")).context["principal"].role == "dean"


def test_logout_ends_session(client, dean_chemistry):
    login(client, "dean_chem")
    client.post(reverse("web:logout"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("web:login"))


def test_forced_password_change_redirects_everything(client, dean_chemistry):
    dean_chemistry.must_change_password = True
    dean_chemistry.save()
    login(client, "dean_chem")
    assert client.get(reverse("web:home"))["Location"] == reverse("web:password_change")
    client.post(
        reverse("web:password_change"),
        {
            "old_password": "hemis-demo",
            "new_password1": "Yangi-parol-2026",
            "new_password2": "Yangi-parol-2026",
        },
    )
    dean_chemistry.refresh_from_db()
    assert dean_chemistry.must_change_password is False
    assert dean_chemistry.check_password("Yangi-parol-2026")
    assert client.get(reverse("web:home")).status_code == 200
