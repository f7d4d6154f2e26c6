"""Users and roles (annex 1, items 2–3): the super administrator assigns and revokes role grants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.access import policy, selectors, services
from hemis.access.roles import RoleCode
from hemis.web.access.forms import GrantForm, UserSearchForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate


def _visible_user(request, pk: int):
    policy.require(request.principal, "access.manage_roles")
    return get_object_or_404(policy.visible_users(request.principal), pk=pk)


@login_required
def user_list(request):
    policy.require(request.principal, "access.manage_roles")
    form = UserSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    users = selectors.users_with_current_roles(policy.visible_users(request.principal), search=search)
    return render(request, "web/access/users.html", {"form": form, "page": paginate(request, users)})


def _render_user(request, user, form, status=200):
    can_reset = policy.password_resettable_users(request.principal).filter(pk=user.pk).exists()
    context = {
        "person": user,
        "grants": selectors.grants_of(user),
        "form": form,
        "can_reset": can_reset,
        "super_admin": RoleCode.SUPER_ADMIN,
    }
    return render(request, "web/access/user.html", context, status=status)


@login_required
def user_detail(request, pk: int):
    user = _visible_user(request, pk)
    return _render_user(request, user, GrantForm())


@login_required
@require_POST
def grant_create(request, pk: int):
    user = _visible_user(request, pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            grant = services.grant_role(user=user, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Role “%(grant)s” granted.") % {"grant": grant})
            return redirect("web:admin_user", pk=user.pk)
    return _render_user(request, user, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def grant_revoke(request, pk: int, grant_pk: int):
    """GET asks for confirmation; POST revokes (the grant stays on record as revoked)."""
    user = _visible_user(request, pk)
    grant = get_object_or_404(selectors.user_grants(user), pk=grant_pk)
    error = None
    if request.method == "POST":
        try:
            services.revoke_grant(grant=grant, actor=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Role “%(grant)s” revoked.") % {"grant": grant})
            return redirect("web:admin_user", pk=user.pk)
    context = {"person": user, "grant": grant, "error": error}
    return render(request, "web/access/grant_revoke.html", context, status=400 if error else 200)
