"""Reads for the evaluators and for the pages of compliance and university settings."""

from collections.abc import Iterable

from hemis.access.models import RoleGrant


def grants_by_role(roles: Iterable[str]) -> dict[str, list[RoleGrant]]:
    """Every grant (revoked ones too) of ``roles``, oldest first, with its user; one query.

    Meant for the few university-wide roles (super administrator, HR), not for teachers.
    """
    out: dict[str, list[RoleGrant]] = {}
    grants = (
        RoleGrant.objects.filter(role__in=list(roles)).select_related("user").order_by("created_at", "pk")
    )
    for grant in grants:
        out.setdefault(grant.role_id, []).append(grant)
    return out
