import json

import pytest
from django.urls import reverse
from django.utils import translation

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


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"] == "ok"


@pytest.mark.parametrize(
    ("lang", "text"), [("uz", "Sahifa topilmadi"), ("ru", "Страница не найдена"), ("en", "Page not found")]
)
def test_404_page_in_three_languages(client, db, lang, text):
    client.cookies["hemis_language"] = lang
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


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


def test_uzbek_is_the_default_whatever_the_browser_asks(client, db):
    response = client.get(reverse("web:login"), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8")
    assert response["Content-Language"] == "uz"
    assert '<html lang="uz">' in response.content.decode()


def test_the_chosen_language_is_kept(client, db):
    client.post(reverse("set_language"), {"language": "ru", "next": "/login/"})
    response = client.get(reverse("web:login"))
    assert response["Content-Language"] == "ru"
    assert "Войти" in response.content.decode()


def test_navigation_groups_items_of_a_section_together(client, superadmin):
    client.force_login(superadmin)
    items = client.get(reverse("web:home")).context["nav_items"]
    sections = [item["section"] for item in items]
    # each section appears as one run: no section comes back after another one started
    runs = [s for i, s in enumerate(sections) if i == 0 or s != sections[i - 1]]
    assert len(runs) == len(set(runs))
    with translation.override("en"):
        titles = [str(item["title"]) for item in items]
    assert titles.index("Users and roles") < titles.index("Action journal")


def test_home_shows_the_current_semester(client, dean_chemistry):
    import datetime as dt

    from hemis.academics.models import AcademicYear, Semester

    year = AcademicYear.objects.create(
        name="2026-2027", start_date=dt.date(2026, 9, 1), end_date=dt.date(2027, 6, 30), is_current=True
    )
    Semester.objects.create(
        academic_year=year, semester_type="11", number=1, start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 1, 20), is_current=True,
    )  # fmt: skip
    client.force_login(dean_chemistry)
    page = client.get(reverse("web:home")).content.decode()
    assert "2026-2027" in page
    assert "01.09.2026 – 20.01.2027" in page
