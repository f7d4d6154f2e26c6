"""The HEMIS-compatible API and the integration registry (annex 2): the ICT department and the super
administrator keep the registry and issue data-API tokens to users holding the "API User" role; a token
acts in that role and reads the whole university through the data API; a student reads their own
records through the Student API with their own token."""

from hemis.access.policy.engine import can
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # the registry of integrations, the tokens and the log of what left through them
    "integrations.view": frozenset({R.SUPER_ADMIN, R.ICT, R.MANAGEMENT}),
    "integrations.manage": frozenset({R.SUPER_ADMIN, R.ICT}),
    # the data (Backend) API: whole-university lists, read with a token issued to an API user
    "api.data": frozenset({R.API_USER}),
    # the Student API: one's own records
    "api.student": frozenset({R.STUDENT}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def visible_integrations(principal: Principal):
    from hemis.integrations.models import Integration

    if not can(principal, "integrations.view"):
        return Integration.objects.none()
    return Integration.objects.all()


def managed_integrations(principal: Principal):
    """Registry entries the active role may change (the ICT department, the super administrator)."""
    from hemis.integrations.models import Integration

    if not can(principal, "integrations.manage"):
        return Integration.objects.none()
    return Integration.objects.all()


def visible_calls(principal: Principal):
    """The log of data delivered through tokens (regulation 2.2), to the registry's readers."""
    from hemis.integrations.models import ApiCall

    if not can(principal, "integrations.view"):
        return ApiCall.objects.none()
    return ApiCall.objects.all()


def visible_tokens(principal: Principal):
    from hemis.integrations.models import ApiToken

    if not can(principal, "integrations.view"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("holder", "integration")


def managed_tokens(principal: Principal):
    from hemis.integrations.models import ApiToken

    if not can(principal, "integrations.manage"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("holder", "integration")


def token_holders(principal: Principal):
    """Users a token may be issued to: active, holding a current "API User" grant."""
    from hemis.access.models import RoleGrant, User

    if not can(principal, "integrations.manage"):
        return User.objects.none()
    holders = RoleGrant.objects.current().filter(role=R.API_USER).values("user_id")
    return User.objects.filter(is_active=True, pk__in=holders).order_by("username")


def api_student(principal: Principal):
    """The student whose records a Student API token reads: the principal's own (None otherwise)."""
    return principal.student if can(principal, "api.student") else None
