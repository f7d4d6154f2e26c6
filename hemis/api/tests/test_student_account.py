"""Student API ``account/me`` and ``account/update``: the student's own record as the document's
``Student``, and their contacts and password changed through the cabinet's services (a refusal names the
field and changes nothing; a new password revokes the old tokens)."""

import json

import pytest

from hemis.academics.models import Semester
from hemis.api.rest_v1 import auth
from hemis.audit.models import AuditEvent
from hemis.core.people import Gender
from hemis.testing.hemis_api import check, check_error
from hemis.testing.schedule import build_world, with_login

ME = "/rest/v1/account/me"
UPDATE = "/rest/v1/account/update"
INVALID = "Your request was made with invalid credentials."


def bearer(student) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(student.user)}"}


def post(client, body, headers):
    return client.post(UPDATE, data=json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def w(uni):
    """The timetable world (``hemis.testing.schedule``)."""
    return build_world(uni)


@pytest.fixture
def pair(w):
    """Two students of KT-21 with logins; the world's spring semester current."""
    Semester.objects.filter(pk=w.semester.pk).update(is_current=True)
    first, second = list(w.kt21.students.order_by("last_name"))[:2]
    first.gender, first.phone, first.passport, first.email = Gender.FEMALE, "+998901112233", "AB1234567", ""
    first.save()
    with_login(first, "400000000001")
    with_login(second, "400000000002")
    return first, second


def test_me_is_the_students_own_record_as_documented(client, w, pair):
    first, second = pair
    body = client.get(ME, **bearer(first)).json()
    check("/v1/account/me", body)
    data = body["data"]
    assert data["id"] == first.pk and data["student_id_number"] == first.student_id_number
    assert data["second_name"] == "Aliyev0" and data["passport_pin"] == first.pinfl
    assert data["passport_number"] == "AB1234567" and data["phone"] == "+998901112233"
    assert data["email"] is None
    assert data["gender"]["code"] == "12"
    assert data["group"]["id"] == w.kt21.pk and data["faculty"]["id"] == w.faculty.pk
    assert data["level"]["code"] == "12"  # 2nd course
    assert data["specialty"]["code"] == "60720100"
    # the current semester is the group's 4th curriculum semester, with its weeks
    assert data["semester"]["id"] == w.semester.pk and data["semester"]["code"] == "14"
    assert data["semester"]["current"] is True and len(data["semester"]["weeks"]) == 19
    assert data["semester"]["education_year"]["code"] == "2026"
    # the other student's token gives the other student, never the first one's data
    other = client.get(ME, **bearer(second)).json()["data"]
    assert other["id"] == second.pk and other["passport_number"] is None and other["phone"] != "+998901112233"


def test_me_in_uzbek_cyrillic_and_without_a_token(client, pair):
    first, _second = pair
    data = client.get(ME, {"l": "oz-UZ"}, **bearer(first)).json()["data"]
    assert data["second_name"] == "Алиев0"
    response = client.get(ME)
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    check_error(client.get(ME, HTTP_AUTHORIZATION="Bearer nonsense").json(), 401, INVALID)


def test_update_contacts(client, pair):
    first, second = pair
    headers = bearer(first)
    response = post(
        client, {"change_contacts": True, "phone": "+998 90 765-43-21", "email": "gul@uni.uz"}, headers
    )
    check("/v1/account/update", response.json(), "post")
    assert response.status_code == 200 and response.json()["data"]["message"]
    first.refresh_from_db()
    first.user.refresh_from_db()
    assert (first.phone, first.email, first.user.email) == ("+998907654321", "gul@uni.uz", "gul@uni.uz")
    assert AuditEvent.objects.filter(
        action="students.student.contacts_entered", target_id=str(first.pk)
    ).exists()
    second.refresh_from_db()
    assert second.email != "gul@uni.uz"
    # the token still works (contacts do not revoke it)
    assert client.get(ME, **headers).json()["data"]["email"] == "gul@uni.uz"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"change_contacts": True, "phone": "12345", "email": "gul@uni.uz"}, "phone"),
        ({"change_contacts": True, "phone": "+998901234567", "email": "not-an-email"}, "email"),
        ({"change_contacts": "perhaps", "phone": "+998901234567"}, "change_contacts"),
        ({"change_contacts": True, "phone": 901234567}, "phone"),
        ({}, "change_contacts"),
    ],
)
def test_update_refusals_name_the_field_and_change_nothing(client, pair, body, field):
    first, _second = pair
    response = post(client, body, bearer(first))
    assert response.status_code == 400
    check_error(response.json(), 400)
    assert field in response.json()["error"]
    first.refresh_from_db()
    assert (first.phone, first.email) == ("+998901112233", "")


def test_a_bad_password_changes_nothing_not_even_the_contacts(client, pair):
    first, _second = pair
    headers = bearer(first)
    body = {
        "change_contacts": True,
        "email": "gul@uni.uz",
        "phone": "+998901234567",
        "change_password": True,
        "password": "A-strong-pass-2026",
        "confirmation": "A-strong-pass-2027",
    }
    response = post(client, body, headers)
    check_error(response.json(), 400)
    assert "confirmation" in response.json()["error"]
    response = post(client, {**body, "password": "123", "confirmation": "123"}, headers)
    check_error(response.json(), 400)
    assert response.json()["error"].startswith("password:")
    first.refresh_from_db()
    first.user.refresh_from_db()
    assert first.email == "" and first.user.check_password("A-strong-pass-2026") is False
    assert client.get(ME, **headers).status_code == 200


def test_a_new_password_revokes_the_old_tokens(client, pair):
    first, second = pair
    old, others = bearer(first), bearer(second)
    body = {"change_password": True, "password": "A-strong-pass-2026", "confirmation": "A-strong-pass-2026"}
    response = post(client, body, old)
    assert response.status_code == 200 and response.json()["success"] is True
    first.user.refresh_from_db()
    assert first.user.check_password("A-strong-pass-2026")
    assert AuditEvent.objects.filter(action="auth.password_changed", target_id=str(first.user.pk)).exists()
    check_error(client.get(ME, **old).json(), 401, INVALID)
    # a log-in with the new password works; the other student's token is untouched
    login = client.post(
        "/rest/v1/auth/login",
        data=json.dumps({"login": first.student_id_number, "password": "A-strong-pass-2026"}),
        content_type="application/json",
    )
    token = login.json()["data"]["token"]
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {token}").json()["data"]["id"] == first.pk
    assert client.get(ME, **others).json()["data"]["id"] == second.pk


def test_update_is_post_only_and_needs_a_token(client, pair):
    first, _second = pair
    response = client.get(UPDATE, **bearer(first))
    assert response.status_code == 405
    check_error(response.json(), 405)
    response = post(client, {"change_contacts": True, "email": "x@uni.uz"}, {})
    check_error(response.json(), 401, INVALID)
