"""The shell around every page: the interface language and the navigation."""

from django.urls import reverse
from django.utils import translation


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
