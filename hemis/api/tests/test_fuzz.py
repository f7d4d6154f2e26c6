"""schemathesis over our own ``/api/schema/`` (loaded from the WSGI application, as a logged-in
student with an open electives window and as the ICT department) and over the implemented ``/rest/v1``
operations (the HEMIS document filtered to the routes of ``hemis.api.rest_v1.urls.MODULES``, read now:
operations added later are fuzzed too), with the token each operation takes: no 5xx, and every answer
in its API's shape (our error shape; the HEMIS envelope)."""

import copy
import datetime as dt
import json

import pytest
import schemathesis
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from hemis.api.rest_v1 import auth
from hemis.api.rest_v1 import urls as rest_urls
from hemis.api.tests import fuzz
from hemis.api.tests.own import data_token
from hemis.electives.tests.world import build_world, open_window
from hemis.testing.hemis_api import DOCUMENT

OWN_EXAMPLES = 3  # per operation and mode
REST_BUDGET = 240  # calls over all /rest/v1 operations (a few seconds), at least 2 per operation and mode


@pytest.fixture(autouse=True)
def _connection_kept():
    with fuzz.connection_kept():
        yield


def session_of(user) -> dict:
    """The cookies and header of a logged-in browser (with its CSRF token, for the writes)."""
    client = Client()
    client.force_login(user)
    secret = get_random_string(32)
    return {
        "cookies": {
            "sessionid": client.cookies["sessionid"].value,
            "csrftoken": secret,
            "hemis_language": "en",
        },
        "headers": {"X-CSRFToken": secret},
    }


def own_error_shape(case, response):
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body


@pytest.fixture
def electives_open(uni, dean_chemistry):
    world = build_world(uni)
    window = open_window(world, dean_chemistry, seats=1)
    today = timezone.localdate()
    window.opens_on, window.closes_on = today - dt.timedelta(days=1), today + dt.timedelta(days=3)
    window.save()
    return world


@pytest.fixture
def ict(db):
    from hemis.testing import factories as f

    user = f.UserFactory(username="ict")
    f.grant(user, "ict")
    return user


def test_our_api_answers_no_5xx_to_a_student_or_the_ict_department(electives_open, ict, superadmin):
    student = electives_open.students[0]
    data_token(ict, superadmin)  # a token, so that the registry lists one
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", fuzz.app())
    calls = 0
    for user in (student.user, ict):
        extra = session_of(user)
        calls += fuzz.fuzz(schema, OWN_EXAMPLES, lambda operation, extra=extra: extra, own_error_shape)
    assert calls >= 2 * 10  # every operation, for both users


def rest_schema() -> tuple[dict, dict]:
    """The HEMIS document reduced to the operations our ``/rest/v1`` routes, and each one's access."""
    document = json.loads(DOCUMENT.read_text())
    routes = {f"/v1/{route}": view for module in rest_urls.MODULES for route, view in module.ROUTES}
    document["paths"] = {p: copy.deepcopy(item) for p, item in document["paths"].items() if p in routes}
    for item in document["paths"].values():
        for op in item.values():
            for parameter in op.get("parameters", []):
                parameter.setdefault("schema", {"type": "string"})  # the document leaves many untyped
    document["servers"] = [{"url": "/rest"}]
    return document, {p: routes[p].rest_access for p in document["paths"]}


def envelope(case, response):
    body = response.json()
    assert set(body) == {"success", "error", "code", "data"}, body
    assert body["code"] == response.status_code and body["success"] is (response.status_code == 200), body


def test_the_rest_api_answers_no_5xx_and_always_the_envelope(student_in_group, superadmin):
    from hemis.testing import factories as f

    document, access = rest_schema()
    assert "/v1/auth/login" in access and "/v1/data/department-list" in access
    student_in_group.user.set_password("secret-Password-1")
    student_in_group.user.save()
    tokens = {
        "student": auth.issue(student_in_group.user),
        "data": data_token(f.UserFactory(username="lms_bot"), superadmin),
    }
    schema = schemathesis.openapi.from_dict(document)

    def prepare(operation):
        token = tokens.get(access[operation.path])
        return {"headers": {"Authorization": f"Bearer {token}"}} if token else {}

    examples = max(2, REST_BUDGET // (2 * len(access)))
    calls = fuzz.fuzz(schema, examples, prepare, envelope)
    assert calls >= len(access)  # each operation called (hypothesis drops repeated cases)
