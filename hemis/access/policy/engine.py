"""The mechanism every domain module of the policy shares: ``can``/``require`` against the merged
``RULES`` table, the scope of the active role, and who holds a permission."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from hemis.access.models import RoleGrant, User
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R
from hemis.access.roles import Scope

ALL_STAFF_ROLES = frozenset(r for r in R.values if r != R.STUDENT)
EVERYONE = frozenset(R.values)
READ_ALL = frozenset({R.SUPER_ADMIN, R.MANAGEMENT})


def _tables():
    # The merged tables live in the package, which imports this module first.
    from hemis.access import policy

    return policy.RULES, policy.UNIT_PATHS


def can(principal: Principal, action: str, obj: object = None) -> bool:
    if principal.active is None:
        return False
    roles = _tables()[0].get(action)
    if roles is None:
        raise KeyError(f"unknown action {action!r}: add it to the RULES of its hemis.access.policy module")
    if principal.role not in roles:
        return False
    if obj is None:
        return True
    return in_scope(principal, obj)


def require(principal: Principal, action: str, obj: object = None) -> None:
    if not can(principal, action, obj):
        raise PermissionDenied(action)


def allowed_actions(principal: Principal) -> frozenset[str]:
    return frozenset(action for action in _tables()[0] if can(principal, action))


def who_can(action: str, obj: object = None) -> QuerySet[User]:
    """Users holding a current grant that allows ``action`` (on ``obj``'s unit when it has one)."""
    roles = _tables()[0][action]
    grants = RoleGrant.objects.current().filter(role__in=roles)
    unit = unit_of(obj) if obj is not None else None
    if unit is not None:
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        grants = grants.filter(
            Q(org_unit__isnull=True) | Q(org_unit__in=ancestors) | Q(role__scope=Scope.UNIVERSITY)
        )
    return User.objects.filter(is_active=True, pk__in=grants.values("user_id")).distinct()


def unit_of(obj: object):
    """The org unit whose scope an object falls in (None: university-wide, outside any unit scope).

    A model finds its unit through the attribute path of ``UNIT_PATHS`` or, for objects whose unit
    is not a plain path (an employee's current appointment), through a ``policy_unit()`` method of
    its policy module's ``UNIT_OF`` table."""
    from hemis.org.models import OrgUnit

    if isinstance(obj, OrgUnit):
        return obj
    label = getattr(getattr(obj, "_meta", None), "label", "")
    from hemis.access import policy

    finder = policy.UNIT_FINDERS.get(label)
    if finder is not None:
        return finder(obj)
    path = _tables()[1].get(label)
    if path is None:
        return None
    for attr in path:
        obj = getattr(obj, attr, None)
        if obj is None:
            return None
    return obj


def in_scope(principal: Principal, obj: object) -> bool:
    if principal.active.scope == Scope.OWN:
        owner = getattr(obj, "user_id", None) if _is_own_record(obj) else None
        return owner is not None and owner == principal.user.pk
    return principal.covers(unit_of(obj))


def _is_own_record(obj: object) -> bool:
    """Records a person holds in their own right: their student or employee record."""
    return getattr(getattr(obj, "_meta", None), "label", "") in {"students.Student", "staff.Employee"}


def university_wide(principal: Principal) -> bool:
    """Whether the active role reaches the whole university (its pages may offer every faculty)."""
    active = principal.active
    if active is None:
        return False
    return active.scope == Scope.UNIVERSITY or (active.unit is None and active.scope != Scope.OWN)


def scope_q(principal: Principal, path_field: str) -> Q | None:
    """A filter on ``path_field`` (a path of an OrgUnit) for the active scope; None = everything."""
    if university_wide(principal):
        return None
    return Q(**{f"{path_field}__startswith": principal.active.unit.path})


def scoped(principal: Principal, action: str, model, path_field: str):
    """``model``'s rows inside the active scope (filtered on ``path_field``), none without ``action``."""
    if not can(principal, action):
        return model.objects.none()
    q = scope_q(principal, path_field)
    return model.objects.all() if q is None else model.objects.filter(q)
