"""Who calls the HEMIS API.

Student API: ``POST auth/login`` with ``{login, password}`` (the login is the 12-digit student ID
number) answers a signed token (JWT, HS256) that lives 2 days and a ``refresh-token`` cookie for
``auth/refresh-token`` (sent back in the ``X-Refresh-Token`` header too). Both carry a fingerprint of
the password: changing the password revokes every token issued before. Failed log-ins are throttled:
10 in 10 minutes from one address, 10 in an hour for one login.

Data API: ``Authorization: Bearer <key>`` with a token issued in the UI to a user holding the "API
User" role (``hemis.integrations``); at most 10 calls a second from one address; every call logged."""

import datetime as dt

import jwt
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hemis.access.models import ApiLoginFailure, User
from hemis.access.principal import STUDENT_KEY, build_principal
from hemis.access.roles import RoleCode
from hemis.api.rest_v1.core import INVALID_CREDENTIALS, RATE_LIMITED, ApiError
from hemis.integrations import services as integrations

ACCESS_LIFE = dt.timedelta(days=2)
REFRESH_LIFE = dt.timedelta(days=30)
REFRESH_COOKIE = "refresh-token"
REFRESH_PATH = "/rest/v1/auth/refresh-token"
IP_FAILURES, IP_WINDOW = 10, dt.timedelta(minutes=10)
LOGIN_FAILURES, LOGIN_WINDOW = 10, dt.timedelta(hours=1)
DATA_CALLS_PER_SECOND = 10
ALGORITHM = "HS256"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _key() -> str:
    # A key of its own, derived from SECRET_KEY: a token is no signature valid anywhere else.
    return salted_hmac("hemis.rest_v1.token", "key", algorithm="sha256").hexdigest()


def _fingerprint(user: User) -> str:
    """Changes whenever the password does (as the session's auth hash), so old tokens stop working."""
    return user.get_session_auth_hash()[:20]


def issue(user: User, kind: str = "access") -> str:
    now = timezone.now()
    life = ACCESS_LIFE if kind == "access" else REFRESH_LIFE
    claims = {
        "sub": str(user.pk),
        "typ": kind,
        "iat": int(now.timestamp()),
        "exp": int((now + life).timestamp()),
        "pwd": _fingerprint(user),
    }
    return jwt.encode(claims, _key(), algorithm=ALGORITHM)


def user_of(token: str, kind: str = "access") -> User | None:
    """The active user a valid, unexpired token of ``kind`` was issued to (None otherwise)."""
    try:
        claims = jwt.decode(token, _key(), algorithms=[ALGORITHM], options={"require": ["exp", "sub", "pwd"]})
    except jwt.PyJWTError:
        return None
    if claims.get("typ") != kind:
        return None
    user = User.objects.filter(pk=claims["sub"], is_active=True).first()
    if user is None or claims["pwd"] != _fingerprint(user):
        return None
    return user


def bearer(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def authenticate_student(request) -> None:
    """``request.principal`` = the student's own (the student role active), ``request.api_student``."""
    user = user_of(bearer(request))
    if user is None:
        raise ApiError(401, INVALID_CREDENTIALS)
    principal = build_principal(user, STUDENT_KEY)
    if principal.role != RoleCode.STUDENT or principal.student is None:
        raise ApiError(401, INVALID_CREDENTIALS)
    request.user = user
    request.principal = principal
    request.api_student = principal.student


# --- failed log-ins ----------------------------------------------------------------------------


def throttled(ip: str | None, login: str) -> bool:
    now = timezone.now()
    by_ip = ApiLoginFailure.objects.filter(ip=ip, at__gt=now - IP_WINDOW).count() if ip else 0
    by_login = ApiLoginFailure.objects.filter(login=login, at__gt=now - LOGIN_WINDOW).count() if login else 0
    return by_ip >= IP_FAILURES or by_login >= LOGIN_FAILURES


def failed(ip: str | None, login: str) -> None:
    ApiLoginFailure.objects.create(ip=ip, login=login[:150])


# --- the data API ------------------------------------------------------------------------------


def authenticate_data(request):
    """The token of the call (its holder's principal, the API user role active, on the request)."""
    token = integrations.live_token(bearer(request))
    if token is None:
        raise ApiError(401, INVALID_CREDENTIALS)
    principal = build_principal(token.holder, None)
    grant = next((c for c in principal.choices if c.role == RoleCode.API_USER), None)
    if grant is None:  # the role was taken away: the token stops working with it
        raise ApiError(401, INVALID_CREDENTIALS)
    principal.active = grant
    request.principal = principal
    request.user = token.holder
    request.api_token = token  # from here on the call is logged, a refused one too
    if integrations.calls_in_last_second(client_ip(request)) >= DATA_CALLS_PER_SECOND:
        raise ApiError(429, RATE_LIMITED)
    return token


def log_data_call(request, token, status: int, rows: int) -> None:
    query = dict(request.GET.items())
    integrations.log_call(
        token=token, ip=client_ip(request), path=request.path[:255], query=query, status=status, rows=rows
    )


def refresh_cookie_kwargs() -> dict:
    return {
        "max_age": int(REFRESH_LIFE.total_seconds()),
        "path": REFRESH_PATH,
        "httponly": True,
        "secure": settings.SESSION_COOKIE_SECURE,
        "samesite": "None" if settings.SESSION_COOKIE_SECURE else "Lax",
    }
