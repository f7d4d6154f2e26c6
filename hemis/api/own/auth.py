"""Who calls our API: the logged-in browser (its session; its active role) or the holder of a data-API
token of the integration registry (``Authorization: Bearer <key>``). ``request.auth`` is the caller's
principal either way: access is decided by ``hemis.access.policy`` on it, as for the pages."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from hemis.access.principal import SESSION_KEY, build_principal
from hemis.access.roles import RoleCode
from hemis.integrations import services as integrations


class CsrfFailed(exceptions.PermissionDenied):
    default_code = "csrf_failed"
    default_detail = _("The CSRF check failed: send the X-CSRFToken header with the csrftoken cookie.")


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session (a script run by a logged-in user's page); writes need the CSRF token."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user = found[0]
        principal = getattr(request._request, "principal", None)
        if principal is None:
            principal = build_principal(user, request._request.session.get(SESSION_KEY))
        return user, principal

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise CsrfFailed() from None


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <key>``: a live token of the integration registry whose holder still
    holds the "API User" role. The principal is the holder's (``build_principal(holder, None)``); the
    token is kept on the request so that the call is logged (``hemis.integrations.services.log_call``)."""

    keyword = "bearer"

    def authenticate(self, request):
        scheme, _sep, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != self.keyword:
            return None
        token = integrations.live_token(key.strip())
        if token is None:
            raise exceptions.AuthenticationFailed()
        principal = build_principal(token.holder, None)
        if not any(choice.role == RoleCode.API_USER for choice in principal.choices):
            raise exceptions.AuthenticationFailed()  # the role was taken away: the token went with it
        request._request.own_api_token = token
        return token.holder, principal

    def authenticate_header(self, request):
        return "Bearer"


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "hemis.api.own.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A data-API token issued in the integration registry to a user holding the "
            '"API User" role. Every call made with it is logged.',
        }


class BrowserSessionScheme(OpenApiAuthenticationExtension):
    target_class = "hemis.api.own.auth.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
