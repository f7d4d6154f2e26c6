from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from hemis.access import onboarding, services
from hemis.access.principal import SESSION_KEY, build_principal


class PrincipalMiddleware:
    """Attaches ``request.principal`` (lazily) and takes a user through the steps of the first log-in
    (annex 13 item 1): a forced password change, then a student's e-mail and phone. Until a step is done
    every other page sends the user to it; logging out and choosing the language stay possible."""

    ALWAYS_ALLOWED = ("web:logout", "set_language", "web:healthz")
    STEP_PAGES = {onboarding.PASSWORD: "web:password_change", onboarding.CONTACTS: "web:welcome"}
    # Pages anyone may open, logged in or not: the static files and a document's public verification.
    PUBLIC_PREFIXES = ("/static/", "/verify/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.principal = SimpleLazyObject(
            lambda: build_principal(request.user, request.session.get(SESSION_KEY))
        )
        user = request.user
        # Only users with a step possibly left cost a look-up: a forced password, or not yet onboarded.
        if user.is_authenticated and (user.must_change_password or user.onboarded_at is None):
            step = onboarding.pending_step(user)
            if step is None and user.first_login_at is not None:
                # Nothing left, though no step recorded it (taken by someone else): record it once here.
                services.record_onboarded(user=user)
            elif step is not None:
                page = self.STEP_PAGES[step]
                allowed = {reverse(name) for name in (*self.ALWAYS_ALLOWED, page)}
                if request.path not in allowed and not request.path.startswith(self.PUBLIC_PREFIXES):
                    return redirect(page)
        return self.get_response(request)
