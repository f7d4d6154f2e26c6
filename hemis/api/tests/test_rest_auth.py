"""The HEMIS API's doors: the Student API's log-in, refresh and revocation, the throttling of failed
log-ins, the data API's tokens and rate limit, and the envelope of errors and unknown operations."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from hemis.access.models import ApiLoginFailure
from hemis.audit.models import AuditEvent
from hemis.integrations import services as integrations
from hemis.integrations.models import ApiCall, ApiToken
from hemis.testing import factories as f
from hemis.testing.hemis_api import check, check_error

LOGIN = "/rest/v1/auth/login"
REFRESH = "/rest/v1/auth/refresh-token"
INVALID = "Your request was made with invalid credentials."


def post_json(client, path, body, **headers):
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def log_in(client, student, password="hemis-demo"):
    return post_json(client, LOGIN, {"login": student.student_id_number, "password": password})


def test_login_answers_a_token_and_a_refresh_cookie_as_documented(client, student_in_group):
    response = log_in(client, student_in_group)
    body = response.json()
    check("/v1/auth/login", body, "post")
    assert response.status_code == 200 and body["code"] == 200
    cookie = response.cookies["refresh-token"]
    assert cookie["httponly"] and cookie["path"] == "/rest/v1/auth/refresh-token"
    # the token opens the student's own API; a tampered one does not
    token = body["data"]["token"]
    mine = client.get("/rest/v1/education/semesters", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    check("/v1/education/semesters", mine)
    bad = client.get("/rest/v1/education/semesters", HTTP_AUTHORIZATION=f"Bearer {token[:-2]}xx")
    assert bad.status_code == 401
    check_error(bad.json(), 401, INVALID)


def test_a_wrong_password_or_login_is_401_and_counted(client, student_in_group):
    response = log_in(client, student_in_group, "wrong-password")
    assert response.status_code == 401
    check_error(response.json(), 401, INVALID)
    response = post_json(client, LOGIN, {"login": "999999999999", "password": "hemis-demo"})
    check_error(response.json(), 401, INVALID)
    assert ApiLoginFailure.objects.count() == 2


def test_missing_fields_and_bad_json_are_400(client, db):
    check_error(post_json(client, LOGIN, {"login": ""}).json(), 400)
    response = client.post(f"{LOGIN}?l=en-US", data="{not json", content_type="application/json")
    assert response.status_code == 400
    check_error(response.json(), 400, "The request body is not valid JSON.")


def test_ten_failures_for_one_login_lock_it_even_with_the_right_password(client, student_in_group):
    for n in range(10):
        post_json(
            client,
            LOGIN,
            {"login": student_in_group.student_id_number, "password": f"no{n}"},
            REMOTE_ADDR=f"10.0.0.{n + 1}",
        )
    response = log_in(client, student_in_group)
    assert response.status_code == 429
    check_error(response.json(), 429, "Rate limit exceeded.")


def test_ten_failures_from_one_address_lock_it_for_any_login(client, student_in_group):
    for n in range(10):
        post_json(client, LOGIN, {"login": f"40000000000{n}", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    assert (
        post_json(
            client,
            LOGIN,
            {"login": student_in_group.student_id_number, "password": "hemis-demo"},
            REMOTE_ADDR="10.9.9.9",
        ).status_code
        == 429
    )
    # another address is not affected
    assert log_in(client, student_in_group).status_code == 200
    # failures older than the window no longer count
    ApiLoginFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=11))
    assert (
        post_json(
            client,
            LOGIN,
            {"login": student_in_group.student_id_number, "password": "hemis-demo"},
            REMOTE_ADDR="10.9.9.9",
        ).status_code
        == 200
    )


def test_refresh_by_header_and_by_cookie_and_a_password_change_revokes_everything(client, student_in_group):
    response = log_in(client, student_in_group)
    token, refresh = response.json()["data"]["token"], response.cookies["refresh-token"].value
    # the header as the document's example writes it (with the cookie's attributes)
    renewed = post_json(
        client, REFRESH, {}, HTTP_X_REFRESH_TOKEN=f"{refresh}; path=/v1/auth/refresh-token; HttpOnly"
    )
    check("/v1/auth/refresh-token", renewed.json(), "post")
    assert renewed.json()["data"]["token"]
    # an access token is no refresh token
    check_error(post_json(client, REFRESH, {}, HTTP_X_REFRESH_TOKEN=token).json(), 401, INVALID)
    user = student_in_group.user
    user.set_password("a-new-password-2026")
    user.save()
    assert client.get("/rest/v1/education/semesters", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    check_error(post_json(client, REFRESH, {}, HTTP_X_REFRESH_TOKEN=refresh).json(), 401, INVALID)


def test_a_token_of_a_staff_user_opens_no_student_api(client, dean_chemistry):
    from hemis.api.rest_v1 import auth

    token = auth.issue(dean_chemistry)
    response = client.get("/rest/v1/education/semesters", HTTP_AUTHORIZATION=f"Bearer {token}")
    check_error(response.json(), 401, INVALID)


def test_unknown_operations_and_wrong_methods_answer_the_envelope(client, db):
    response = client.get("/rest/v1/no/such-thing")
    assert response.status_code == 404
    check_error(response.json(), 404, "Data not found.")
    response = client.get(LOGIN)
    assert response.status_code == 405
    check_error(response.json(), 405)


@pytest.fixture
def api_user(db, superadmin):
    user = f.UserFactory(username="api_bot", first_name="API", last_name="Bot")
    f.grant(user, "api_user")
    return user


def test_data_api_token_rate_limit_and_log(client, api_user, superadmin):
    token, key = integrations.issue_token(holder=api_user, name="LMS", actor=superadmin)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    path = "/rest/v1/data/department-list"
    check_error(client.get(path).json(), 401, INVALID)
    check_error(client.get(path, HTTP_AUTHORIZATION="Bearer nope").json(), 401, INVALID)
    statuses = [client.get(path, {"limit": "5"}, **auth).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    calls = list(ApiCall.objects.order_by("pk"))
    assert len(calls) == 11 and calls[0].query == {"limit": "5"} and calls[-1].status == 429
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert (
        AuditEvent.objects.filter(action="integrations.apitoken.used", target_id=str(token.pk)).count() == 11
    )
    # a revoked token, an expired one and a holder without the role stop working
    ApiCall.objects.update(at=timezone.now() - dt.timedelta(seconds=5))
    integrations.revoke_token(token=token, actor=superadmin)
    check_error(client.get(path, **auth).json(), 401, INVALID)
    expiring, key = integrations.issue_token(
        holder=api_user, name="Short", actor=superadmin, expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    check_error(client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}").json(), 401, INVALID)
    _live, key = integrations.issue_token(holder=api_user, name="Roleless", actor=superadmin)
    api_user.grants.update(revoked_at=timezone.now())
    check_error(client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}").json(), 401, INVALID)
