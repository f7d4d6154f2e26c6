"""Our API's integration registry (``/api/v1/integrations/…``) and the calls of a data-API token: the
ICT department and the super administrator read the registry, the tokens and the log; a token acts in
its holder's role and every call made with it is logged (what, by whom, how many records); a revoked or
expired token, or one whose holder lost the "API User" role, is 401; other roles 403; the token's calls
are limited to 10 a second from one address; the schema and every unknown path keep the error shape."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from hemis.access.models import RoleGrant
from hemis.api.tests.own import assert_error, bearer, data_token, url
from hemis.integrations import services as integrations
from hemis.integrations.models import ApiCall, ApiToken, Integration
from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"


@pytest.fixture
def ict(db):
    user = f.UserFactory(username="ict", first_name="Jasur", last_name="Toshev")
    f.grant(user, "ict")
    return user


@pytest.fixture
def registry(superadmin):
    lms = Integration.objects.create(system="Moodle LMS", purpose="Courses", instruction_title="TI-1")
    Integration.objects.create(system="Library", purpose="Loans")
    holder = f.UserFactory(username="lms_bot")
    f.grant(holder, "api_user")
    token, key = integrations.issue_token(holder=holder, name="LMS", actor=superadmin, integration=lms)
    return {"lms": lms, "holder": holder, "token": token, "key": key}


def test_the_ict_department_reads_the_registry_and_tokens(client, ict, registry):
    client.force_login(ict)
    body = client.get(url("integrations")).json()
    assert body["count"] == 2
    systems = {i["system"]: i for i in body["results"]}
    assert set(systems) == {"Moodle LMS", "Library"}
    [token] = systems["Moodle LMS"]["tokens"]
    assert token["id"] == registry["token"].pk and token["holder"]["username"] == "lms_bot"
    assert token["prefix"] == registry["key"][:8] and registry["key"] not in str(body)
    assert systems["Library"]["tokens"] == []
    tokens = client.get(url("tokens")).json()
    assert [t["name"] for t in tokens["results"]] == ["LMS"]
    assert client.get(url("integrations"), {"limit": 1}).json()["next"] is not None


def test_every_call_with_a_token_is_logged_and_shown_in_the_log(client, ict, superadmin, registry):
    # A token of an ICT officer who is an API user too acts in the ICT role (their first).
    key = data_token(ict, superadmin, name="Script")
    api = Client()
    response = api.get(url("integrations"), **bearer(key), REMOTE_ADDR="10.2.0.1")
    assert response.status_code == 200 and response.json()["count"] == 2
    call = ApiCall.objects.get()
    assert call.token.holder == ict and call.path == "/api/v1/integrations/"
    assert call.status == 200 and call.rows == 2 and call.ip == "10.2.0.1"
    assert api.get(url("integrations"), {"page": 9}, **bearer(key), REMOTE_ADDR="10.2.0.2").status_code == 404
    refused = ApiCall.objects.order_by("-pk").first()
    assert refused.status == 404 and refused.rows == 0 and refused.query == {"page": "9"}

    client.force_login(ict)
    log = client.get(url("calls")).json()
    assert [c["status"] for c in log["results"]] == [404, 200]
    assert log["results"][1]["token"]["holder"]["username"] == "ict"
    mine = ApiToken.objects.get(holder=ict).pk
    assert client.get(url("calls"), {"token": registry["token"].pk}).json()["count"] == 0
    assert client.get(url("calls"), {"token": mine, "status": 200}).json()["count"] == 1
    later = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    assert client.get(url("calls"), {"since": later}).json()["count"] == 0
    assert ApiCall.objects.count() == 2  # the session's reads are not token calls


def test_a_token_acting_as_an_api_user_reads_no_registry(registry):
    api = Client()
    assert_error(api.get(url("integrations"), **bearer(registry["key"])), 403, "permission_denied")
    assert_error(api.get(url("electives"), **bearer(registry["key"])), 403, "permission_denied")
    assert ApiCall.objects.filter(status=403).count() == 2


def test_bad_revoked_expired_and_role_less_tokens_are_401(registry, superadmin):
    api = Client()
    for header in ({"HTTP_AUTHORIZATION": "Bearer nonsense"}, {"HTTP_AUTHORIZATION": "Bearer "}):
        response = api.get(url("integrations"), **header)
        assert_error(response, 401, "authentication_failed")
        assert response["WWW-Authenticate"] == "Bearer"
    assert_error(api.get(url("integrations")), 401, "not_authenticated")
    RoleGrant.objects.filter(user=registry["holder"], role="api_user").delete()
    assert_error(api.get(url("tokens"), **bearer(registry["key"])), 401, "authentication_failed")
    f.grant(registry["holder"], "api_user")
    integrations.revoke_token(token=registry["token"], actor=superadmin)
    assert_error(api.get(url("tokens"), **bearer(registry["key"])), 401, "authentication_failed")
    _token, key = integrations.issue_token(
        holder=registry["holder"],
        name="Soon",
        actor=superadmin,
        expires_at=timezone.now() + dt.timedelta(seconds=1),
    )
    ApiToken.objects.filter(name="Soon").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert_error(api.get(url("tokens"), **bearer(key)), 401, "authentication_failed")
    assert ApiCall.objects.count() == 0  # nothing was delivered to anyone


def test_other_roles_are_403_and_bad_filters_400(client, dean_chemistry, ict):
    client.force_login(dean_chemistry)
    for name in ("integrations", "tokens", "calls"):
        assert_error(client.get(url(name)), 403, "permission_denied")
    client.force_login(ict)
    error = assert_error(client.get(url("calls"), {"token": "x", "since": "yesterday"}), 400, "invalid")
    assert set(error["fields"]) == {"token", "since"}
    assert_error(client.get(url("calls"), {"status": 99}), 400, "invalid", {"status"})


def test_a_tokens_calls_are_limited_to_ten_a_second_from_one_address(ict, superadmin):
    key = data_token(ict, superadmin)
    api = Client()
    statuses = [api.get(url("tokens"), **bearer(key), REMOTE_ADDR="10.3.0.1").status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    assert_error(api.get(url("tokens"), **bearer(key), REMOTE_ADDR="10.3.0.1"), 429, "throttled")
    assert api.get(url("tokens"), **bearer(key), REMOTE_ADDR="10.3.0.2").status_code == 200
    assert ApiCall.objects.filter(status=429).count() == 2


def test_unknown_paths_and_methods_keep_the_error_shape(client, ict):
    assert_error(client.get("/api/v1/nothing/"), 404, "not_found")
    assert_error(client.get("/api/"), 404, "not_found")
    client.force_login(ict)
    assert_error(client.delete(url("integrations")), 405, "method_not_allowed")
