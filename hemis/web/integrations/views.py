"""The integration registry (annex 2, regulation 2.2): the ICT department and the super administrator
record each system integrated with HEMIS and its technological instruction, issue data-API tokens to users
holding the "API user" role (the key is shown once, on the page answering the issue, and kept nowhere),
revoke them, and read the log of data delivered through them. Management reads all of it.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404);
each write calls one integrations service, whose refusal names the field and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.access.policy.integrations import (
    managed_integrations,
    managed_tokens,
    token_holders,
    visible_calls,
    visible_integrations,
    visible_tokens,
)
from hemis.core.files import stored_file
from hemis.integrations import selectors, services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.integrations.forms import CallFilterForm, IntegrationForm, TokenForm
from hemis.web.pages import paginate

FORM_FIELDS = (
    "system",
    "purpose",
    "instruction_title",
    "instruction_approved_on",
    "started_on",
    "ended_on",
)

# --- the registry -------------------------------------------------------------------------------


@login_required
@require_GET
def integrations(request):
    """The registry: each system, its instruction and approval date, its start and end, its tokens."""
    principal = request.principal
    policy.require(principal, "integrations.view")
    context = {
        "integrations": list(selectors.integration_list(visible_integrations(principal))),
        "manages": policy.can(principal, "integrations.manage"),
    }
    return render(request, "web/integrations/integrations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def integration_new(request):
    policy.require(request.principal, "integrations.manage")
    form = IntegrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, services.register_integration, actor=request.user, **form.cleaned_data)
        if done is not None:
            messages.success(
                request, _("The integration “%(system)s” is registered.") % {"system": done.system}
            )
            return redirect("web:integrations_list")
    context = {"form": form, "integration": None}
    return render(request, "web/integrations/integration_form.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def integration_edit(request, pk: int):
    integration = get_object_or_404(managed_integrations(request.principal), pk=pk)
    initial = {name: getattr(integration, name) for name in FORM_FIELDS}
    form = IntegrationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            services.update_integration,
            integration=integration,
            actor=request.user,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, _("The integration “%(system)s” is saved.") % {"system": done.system})
            return redirect("web:integrations_list")
    context = {"form": form, "integration": integration}
    return render(request, "web/integrations/integration_form.html", context, status=status_of(request, form))


@login_required
@require_GET
def instruction_file(request, pk: int):
    """An integration's instruction document, to the registry's readers."""
    return stored_file(get_object_or_404(visible_integrations(request.principal), pk=pk).instruction_file)


# --- the tokens ---------------------------------------------------------------------------------


def _token_form(principal, data=None) -> TokenForm | None:
    if not policy.can(principal, "integrations.manage"):
        return None
    open_integrations = managed_integrations(principal).filter(ended_on__isnull=True).order_by("system", "pk")
    return TokenForm(data, holders=token_holders(principal), integrations=open_integrations)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The data-API tokens; the ICT department and the super administrator issue one. The page answering
    the issue shows the key: the only time it is ever shown."""
    principal = request.principal
    policy.require(principal, "integrations.view")
    form = _token_form(principal, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            issued = call_service(
                form,
                services.issue_token,
                rename={"expires_at": "expires_on"},
                actor=request.user,
                **form.service_values(),
            )
            if issued is not None:
                token, key = issued
                response = render(request, "web/integrations/token_issued.html", {"token": token, "key": key})
                response["Cache-Control"] = "no-store"
                return response
    page = paginate(request, selectors.token_list(visible_tokens(principal)))
    now = timezone.now()
    for token in page:
        token.expired = token.expires_at is not None and token.expires_at <= now
    context = {"page": page, "form": form}
    status = status_of(request, form) if form else 200
    return render(request, "web/integrations/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(managed_tokens(request.principal), pk=pk)
    try:
        services.revoke_token(token=token, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("The token “%(name)s” of %(holder)s is revoked: calls with it are refused from now on.")
            % {"name": token.name, "holder": token.holder.username},
        )
    return redirect("web:integrations_tokens")


# --- the log of calls ---------------------------------------------------------------------------


@login_required
@require_GET
def calls(request):
    """What left the system through tokens (regulation 2.2): when, with which token (its holder and
    integration), which endpoint and parameters, how many records, the answer's status."""
    principal = request.principal
    policy.require(principal, "integrations.view")
    tokens_qs = selectors.token_list(visible_tokens(principal))
    form = CallFilterForm(request.GET, tokens=tokens_qs)
    if form.is_valid():
        data = form.cleaned_data
        rows = selectors.call_log(
            visible_calls(principal),
            token=data["token"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    else:  # an invalid filter shows its errors and no calls rather than silently all of them
        rows = visible_calls(principal).none()
    page = paginate(request, rows)
    for call in page:
        call.parameters = [f"{name}={value}" for name, value in sorted(call.query.items())]
    return render(request, "web/integrations/calls.html", {"form": form, "page": page})
