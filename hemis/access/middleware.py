from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from hemis.access.principal import SESSION_KEY, build_principal


class PrincipalMiddleware:
    """Attaches ``request.principal`` (lazily) and sends users who must change their password there."""

    ALLOWED_WHILE_FORCED = ("web:password_change", "web:logout", "set_language", "web:healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.principal = SimpleLazyObject(
            lambda: build_principal(request.user, request.session.get(SESSION_KEY))
        )
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED_WHILE_FORCED}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("web:password_change")
        return self.get_response(request)
