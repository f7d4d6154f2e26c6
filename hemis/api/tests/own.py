"""Helpers of our own API's tests (``/api/``)."""

from django.urls import reverse

from hemis.integrations import services as integrations
from hemis.testing import factories as f


def url(name: str, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs=kwargs or None)


def assert_error(response, status: int, code: str, fields: set[str] | None = None) -> dict:
    """The one error shape, with its status and code (and, for ``invalid``, the fields named)."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error["fields"], dict), error
    if fields is not None:
        assert set(error["fields"]) == fields, error
        assert all(
            isinstance(m, list) and m and all(isinstance(x, str) for x in m) for m in error["fields"].values()
        )
    return error


def data_token(holder, actor, name: str = "LMS", **kwargs) -> str:
    """A data-API token (its key) for ``holder``, made an API user first."""
    f.grant(holder, "api_user")
    _token, key = integrations.issue_token(holder=holder, name=name, actor=actor, **kwargs)
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
