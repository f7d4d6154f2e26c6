import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from hemis.access.models import RoleGrant
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, superadmin):
    client.force_login(superadmin)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def roles_column(response):
    return [
        (u.username, [f"{g.role_id}@{g.org_unit.code if g.org_unit else '-'}" for g in u.current_grants])
        for u in response.context["page"]
    ]


def test_users_list_shows_current_roles_only(admin_client, uni, dean_chemistry):
    hr = f.UserFactory(username="hr_officer", last_name="Aliyeva")
    f.grant(hr, "hr")
    f.grant(hr, "teacher", uni["inorganic"], valid_to=dt.date(2020, 1, 1))  # ended: not current
    revoked = f.grant(dean_chemistry, "dean", uni["econ"])
    revoked.revoked_at = timezone.now()
    revoked.save()
    response = admin_client.get(reverse("web:admin_users"))
    assert roles_column(response) == [
        ("hr_officer", ["hr@-"]),
        ("admin", ["super_admin@-"]),
        ("dean_chem", ["dean@F-CHEM"]),
    ]
    assert "Dean's office — Kimyo texnologiyasi fakulteti" in text(response)


def test_users_list_search(admin_client, dean_chemistry, outsider):
    response = admin_client.get(reverse("web:admin_users"), {"q": "yoʻldosh"})
    assert [u.username for u in response.context["page"]] == ["dean_chem"]
    response = admin_client.get(reverse("web:admin_users"), {"q": "odam begona"})
    assert [u.username for u in response.context["page"]] == ["outsider"]


@pytest.mark.parametrize("extra_users", [0, 2])
def test_users_list_query_count_is_constant(admin_client, uni, django_assert_num_queries, extra_users):
    for n in range(extra_users):
        user = f.UserFactory(username=f"staff{n}")
        f.grant(user, "dean", uni["chem"])
        f.grant(user, "head", uni["inorganic"])
    with django_assert_num_queries(8):
        response = admin_client.get(reverse("web:admin_users"))
    assert len(response.context["page"]) == 1 + extra_users


def test_users_pages_are_for_the_super_admin_only(client, dean_chemistry, outsider):
    client.force_login(dean_chemistry)
    assert client.get(reverse("web:admin_users")).status_code == 403
    assert client.get(reverse("web:admin_user", kwargs={"pk": outsider.pk})).status_code == 403
    response = client.post(reverse("web:admin_grant_create", kwargs={"pk": outsider.pk}), {"role": "hr"})
    assert response.status_code == 403
    assert not outsider.grants.exists()
    assert not AuditEvent.objects.exists()


def test_user_page_lists_current_and_revoked_grants(admin_client, uni, dean_chemistry, superadmin):
    old = f.grant(dean_chemistry, "head", uni["inorganic"])
    old.revoked_at = timezone.now()
    old.revoked_by = superadmin
    old.save()
    f.grant(dean_chemistry, "hr", valid_from=dt.date(2099, 1, 1))
    response = admin_client.get(reverse("web:admin_user", kwargs={"pk": dean_chemistry.pk}))
    rows = [(g.role_id, g.state.value) for g in response.context["grants"]]
    assert rows == [("hr", "upcoming"), ("dean", "current"), ("head", "revoked")]
    page = response.content.decode()
    assert page.count("Revoke…") == 2
    assert response.context["can_reset"] is True


@pytest.mark.parametrize("grants", [1, 3])
def test_user_page_query_count_is_constant(admin_client, uni, outsider, django_assert_num_queries, grants):
    for role, unit in [("dean", uni["chem"]), ("head", uni["inorganic"]), ("hr", None)][:grants]:
        f.grant(outsider, role, unit)
    with django_assert_num_queries(10):
        response = admin_client.get(reverse("web:admin_user", kwargs={"pk": outsider.pk}))
    assert len(response.context["grants"]) == grants


def test_unknown_user_is_404(admin_client):
    assert admin_client.get(reverse("web:admin_user", kwargs={"pk": 999999})).status_code == 404


def test_grant_form_creates_grant(admin_client, uni, outsider, superadmin):
    response = admin_client.post(
        reverse("web:admin_grant_create", kwargs={"pk": outsider.pk}),
        {"role": "dean", "org_unit": uni["chem"].pk, "valid_from": "01.09.2026", "valid_to": "31.08.2099"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:admin_user", kwargs={"pk": outsider.pk})
    grant = outsider.grants.get()
    assert (grant.role_id, grant.org_unit, grant.valid_from, grant.valid_to, grant.created_by) == (
        "dean",
        uni["chem"],
        dt.date(2026, 9, 1),
        dt.date(2099, 8, 31),
        superadmin,
    )
    event = AuditEvent.objects.get(action="access.grant.created")
    assert (event.actor, event.role, event.target_id) == (superadmin, "super_admin", str(grant.pk))


def test_grant_form_refuses_second_super_admin(admin_client, outsider):
    response = admin_client.post(
        reverse("web:admin_grant_create", kwargs={"pk": outsider.pk}), {"role": "super_admin"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "role": ["The university already has a super administrator (admin); there can be only one."]
    }
    assert not outsider.grants.exists()
    assert RoleGrant.objects.filter(role="super_admin").count() == 1
    assert not AuditEvent.objects.exists()


def test_grant_form_refuses_unit_that_does_not_fit(admin_client, uni, outsider):
    response = admin_client.post(
        reverse("web:admin_grant_create", kwargs={"pk": outsider.pk}),
        {"role": "head", "org_unit": uni["chem"].pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "org_unit": ["The role “Head of department” needs a unit of type “Department”."]
    }
    assert not outsider.grants.exists()


def test_grant_form_refuses_bad_dates(admin_client, outsider):
    response = admin_client.post(
        reverse("web:admin_grant_create", kwargs={"pk": outsider.pk}),
        {"role": "hr", "valid_from": "2026-13-01"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["valid_from"]
    assert not outsider.grants.exists()


def test_revoke_asks_first_then_revokes(admin_client, uni, dean_chemistry, superadmin):
    grant = dean_chemistry.grants.get()
    url = reverse("web:admin_grant_revoke", kwargs={"pk": dean_chemistry.pk, "grant_pk": grant.pk})
    confirm = admin_client.get(url)
    assert "Revoke the role “Dean's office” (Kimyo texnologiyasi fakulteti)" in text(confirm)
    assert RoleGrant.objects.get(pk=grant.pk).revoked_at is None
    response = admin_client.post(url)
    assert response["Location"] == reverse("web:admin_user", kwargs={"pk": dean_chemistry.pk})
    grant.refresh_from_db()
    assert grant.revoked_by == superadmin
    assert AuditEvent.objects.get(action="access.grant.revoked").target_id == str(grant.pk)


def test_revoke_through_another_users_page_is_404(admin_client, dean_chemistry, outsider):
    grant = dean_chemistry.grants.get()
    url = reverse("web:admin_grant_revoke", kwargs={"pk": outsider.pk, "grant_pk": grant.pk})
    assert admin_client.post(url).status_code == 404
    assert RoleGrant.objects.get(pk=grant.pk).revoked_at is None
    assert not AuditEvent.objects.exists()


def test_revoke_own_super_admin_role_is_refused(admin_client, superadmin):
    grant = superadmin.grants.get()
    url = reverse("web:admin_grant_revoke", kwargs={"pk": superadmin.pk, "grant_pk": grant.pk})
    response = admin_client.post(url)
    assert response.status_code == 400
    assert response.context["error"] == "You cannot revoke your own super administrator role."
    assert RoleGrant.objects.get(pk=grant.pk).revoked_at is None


def test_navigation_by_role(client, uni, superadmin, dean_chemistry):
    teacher = f.UserFactory(username="teacher")
    f.grant(teacher, "teacher", uni["inorganic"])
    titles = {}
    for user in (superadmin, dean_chemistry, teacher):
        client.force_login(user)
        titles[user.username] = [
            str(i["title"]) for i in client.get(reverse("web:home")).context["nav_items"]
        ]
    assert {"Users and roles", "Action journal"} <= set(titles["admin"])
    assert "Reset a student's password" not in titles["admin"]
    assert [t for t in titles["dean_chem"] if t in {"Users and roles", "Action journal"}] == []
    assert "Reset a student's password" in titles["dean_chem"]
    assert titles["teacher"] == [
        "Home",
        "My profile",
        "My timetable",
        "My calendar feed",
        "My controls",
        "My subjects",
        "My works",
        "My statements",
    ]
