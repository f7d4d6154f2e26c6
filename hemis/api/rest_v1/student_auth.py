"""Student API: ``auth/login`` and ``auth/refresh-token``."""

import json

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _

from hemis.api.rest_v1 import auth
from hemis.api.rest_v1.core import INVALID_CREDENTIALS, RATE_LIMITED, ApiError, answer, bad_request
from hemis.api.rest_v1.endpoint import operation
from hemis.students.models import Student


def _body(request) -> dict:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise bad_request(_("The request body is not valid JSON.")) from None
        if not isinstance(body, dict):
            raise bad_request(_("The request body must be a JSON object."))
        return body
    return request.POST.dict()


@operation(access="public", methods=("POST",))
def login(request):
    body = _body(request)
    login_, password = body.get("login"), body.get("password")
    if not isinstance(login_, str) or not login_.strip() or not isinstance(password, str) or not password:
        raise bad_request(_("login and password: both are required."))
    login_ = login_.strip()
    ip = auth.client_ip(request)
    if auth.throttled(ip, login_):
        raise ApiError(429, RATE_LIMITED)
    student = Student.objects.select_related("user").filter(student_id_number=login_).first()
    user = None
    if student is not None and student.user is not None:
        user = authenticate(request, username=student.user.get_username(), password=password)
    if user is None or user.pk != student.user_id:
        auth.failed(ip, login_)
        raise ApiError(401, INVALID_CREDENTIALS)
    response = answer({"token": auth.issue(user)})
    response.set_cookie(auth.REFRESH_COOKIE, auth.issue(user, "refresh"), **auth.refresh_cookie_kwargs())
    return response


@operation(access="public", methods=("POST",))
def refresh_token(request):
    """A new token for the refresh token of ``X-Refresh-Token`` (or the ``refresh-token`` cookie)."""
    presented = request.headers.get("X-Refresh-Token", "").strip() or request.COOKIES.get(
        auth.REFRESH_COOKIE, ""
    )
    # The documented header example carries the cookie's attributes after the value.
    presented = presented.split(";")[0].strip()
    if presented.startswith(f"{auth.REFRESH_COOKIE}="):
        presented = presented.split("=", 1)[1]
    if not presented:
        raise bad_request(_("Missing required header: X-Refresh-Token"))
    user = auth.user_of(presented, "refresh")
    if user is None or not Student.objects.filter(user=user).exists():
        raise ApiError(401, INVALID_CREDENTIALS)
    response = answer({"token": auth.issue(user)})
    response.set_cookie(auth.REFRESH_COOKIE, auth.issue(user, "refresh"), **auth.refresh_cookie_kwargs())
    return response


ROUTES = [
    ("auth/login", login),
    ("auth/refresh-token", refresh_token),
]
