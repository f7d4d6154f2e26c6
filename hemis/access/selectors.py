"""Reads for the users-and-roles pages and the home page's figures; each owns its joins so that pages
issue a fixed number of queries."""

import datetime as dt

from django.db import models
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemis.access import policy
from hemis.access.models import Role, RoleGrant, User
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode
from hemis.org.models import OrgUnit, StructureType
from hemis.students.models import StudentStatus


def users_with_current_roles(users: QuerySet[User], *, search: str = "") -> QuerySet[User]:
    """``users`` (already limited by the policy) matching ``search``, each with ``current_grants``."""
    current = RoleGrant.objects.current().select_related("role", "org_unit").order_by("role__order", "pk")
    users = users.prefetch_related(Prefetch("grants", queryset=current, to_attr="current_grants"))
    for word in search.split()[:4]:
        users = users.filter(
            Q(username__icontains=word)
            | Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users.order_by("last_name", "first_name", "username")


class GrantState(models.TextChoices):
    CURRENT = "current", _("Current")
    UPCOMING = "upcoming", _("Not yet started")
    ENDED = "ended", _("Ended")
    REVOKED = "revoked", _("Revoked")


def grant_state(grant: RoleGrant, today: dt.date) -> GrantState:
    if grant.revoked_at is not None:
        return GrantState.REVOKED
    if grant.valid_to is not None and grant.valid_to < today:
        return GrantState.ENDED
    if grant.valid_from is not None and grant.valid_from > today:
        return GrantState.UPCOMING
    return GrantState.CURRENT


def user_grants(user: User) -> QuerySet[RoleGrant]:
    """The grants of ``user`` (a user the policy let the caller see), with what their rows show."""
    return RoleGrant.objects.filter(user=user).select_related(
        "user", "role", "org_unit", "created_by", "revoked_by"
    )


def grants_of(user: User) -> list[RoleGrant]:
    """Every grant of ``user``, each with ``state``: unrevoked first, then revoked, most recent first."""
    today = timezone.localdate()
    grants = list(user_grants(user).order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"))
    for grant in grants:
        grant.state = grant_state(grant, today)  # type: ignore[attr-defined]
    return grants


def grantable_roles() -> QuerySet[Role]:
    """Roles the super administrator assigns (the student role comes from enrolment)."""
    return Role.objects.exclude(code=RoleCode.STUDENT).order_by("order")


def grantable_units() -> QuerySet[OrgUnit]:
    """Open faculties and departments, in tree order (each faculty followed by its departments)."""
    return OrgUnit.objects.filter(
        active=True, structure_type__in=[StructureType.FACULTY, StructureType.DEPARTMENT]
    ).order_by("path")


def dashboard_figures(principal: Principal) -> list[dict]:
    """Counts of what the active role can see, within its scope."""
    figures = []
    if policy.can(principal, "org.view"):
        units = policy.visible_org_units(principal).filter(active=True)
        figures.append(
            {"label": _("Faculties"), "value": units.filter(structure_type=StructureType.FACULTY).count()}
        )
        figures.append(
            {
                "label": _("Departments"),
                "value": units.filter(structure_type=StructureType.DEPARTMENT).count(),
            }
        )
    if policy.can(principal, "staff.view"):
        figures.append({"label": _("Employees"), "value": policy.visible_employees(principal).count()})
    if policy.can(principal, "students.view"):
        students = policy.visible_students(principal)
        figures.append(
            {"label": _("Students studying"), "value": students.filter(status=StudentStatus.STUDYING).count()}
        )
        figures.append(
            {
                "label": _("On academic leave"),
                "value": students.filter(status=StudentStatus.ACADEMIC_LEAVE).count(),
            }
        )
        figures.append({"label": _("Academic groups"), "value": policy.visible_groups(principal).count()})
    return figures
