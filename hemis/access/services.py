"""Writes on users and role grants; every one is audited."""

import datetime as dt
import secrets

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.access import onboarding
from hemis.access.models import Role, RoleGrant, User
from hemis.access.roles import RoleCode, Scope
from hemis.audit import services as audit
from hemis.org.models import OrgUnit, StructureType

# No 0/O, 1/l/I: the temporary password is read out or copied from the screen.
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def change_password(*, user: User, new_password: str) -> User:
    """The user sets a new password (also clears a forced change after a reset). When it was the last
    step of the first log-in (a student who still lacks contacts has one more), ``onboarded_at`` is set."""
    user.set_password(new_password)
    user.must_change_password = False
    fields = ["password", "must_change_password"]
    data = {}
    if user.onboarded_at is None and onboarding.pending_step(user) is None:
        user.onboarded_at = timezone.now()
        fields.append("onboarded_at")
        data["onboarded"] = True
    user.save(update_fields=fields)
    audit.record(actor=user, action="auth.password_changed", target=user, data=data or None)
    return user


def _grant_values(grant: RoleGrant) -> dict:
    return {
        "user": grant.user.get_username(),
        "role": grant.role_id,
        "org_unit": grant.org_unit.code if grant.org_unit else None,
        "valid_from": grant.valid_from,
        "valid_to": grant.valid_to,
    }


# The structure type a role's unit must have; roles not listed take no unit (whole university).
_UNIT_TYPE_OF_ROLE: dict[str, str] = {
    RoleCode.DEAN: StructureType.FACULTY,
    RoleCode.HEAD: StructureType.DEPARTMENT,
    RoleCode.TEACHER: StructureType.DEPARTMENT,
}
_UNIT_TYPE_OF_SCOPE: dict[str, str] = {
    Scope.FACULTY: StructureType.FACULTY,
    Scope.DEPARTMENT: StructureType.DEPARTMENT,
}


def unit_type_for(role: Role) -> str | None:
    """The structure type of the unit a grant of ``role`` needs, or None for a university-wide role."""
    return _UNIT_TYPE_OF_ROLE.get(role.code) or _UNIT_TYPE_OF_SCOPE.get(role.scope)


def _unit_errors(role: Role, org_unit: OrgUnit | None) -> list[str]:
    needed = unit_type_for(role)
    if needed is None:
        if org_unit is not None:
            return [
                _("The role “%(role)s” covers the whole university: leave the unit empty.") % {"role": role}
            ]
        return []
    if org_unit is None or org_unit.structure_type != needed:
        return [
            _("The role “%(role)s” needs a unit of type “%(type)s”.")
            % {"role": role, "type": StructureType(needed).label}
        ]
    if not org_unit.active:
        return [_("The unit “%(unit)s” is closed.") % {"unit": org_unit}]
    return []


def _live_grants(user: User) -> Q:
    today = timezone.localdate()
    return Q(user=user, revoked_at__isnull=True) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))


def _role_errors(user: User, role: Role, org_unit: OrgUnit | None) -> list[str]:
    if role.code == RoleCode.STUDENT:
        return [_("The student role comes from enrolment; it cannot be granted.")]
    if role.code == RoleCode.SUPER_ADMIN:
        holder = RoleGrant.objects.filter(role=role, revoked_at__isnull=True).select_related("user").first()
        if holder is not None:
            return [
                _("The university already has a super administrator (%(user)s); there can be only one.")
                % {"user": holder.user.get_username()}
            ]
    if RoleGrant.objects.filter(_live_grants(user), role=role, org_unit=org_unit).exists():
        return [_("%(user)s already holds this role for this unit.") % {"user": user.get_username()}]
    return []


def _period_errors(valid_from: dt.date | None, valid_to: dt.date | None) -> list[str]:
    if valid_from and valid_to and valid_to < valid_from:
        return [_("The end of the period must not be before its start.")]
    if valid_to and valid_to < timezone.localdate():
        return [_("The end of the period is already past.")]
    return []


def _grant_errors(*, user, role, org_unit, valid_from, valid_to) -> dict[str, list[str]]:
    errors = {
        NON_FIELD_ERRORS: [] if user.is_active else [_("This account is disabled.")],
        "role": _role_errors(user, role, org_unit),
        "org_unit": _unit_errors(role, org_unit),
        "valid_to": _period_errors(valid_from, valid_to),
    }
    return {field: messages for field, messages in errors.items() if messages}


@transaction.atomic
def grant_role(
    *,
    user: User,
    role: Role,
    org_unit: OrgUnit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    actor: User,
) -> RoleGrant:
    """Let ``user`` act as ``role`` over ``org_unit`` (None = whole university) for the period.

    Refuses (ValidationError, nothing written) a unit that does not fit the role's scope, a
    reversed period, a duplicate live grant and a second super administrator.
    """
    User.objects.select_for_update().filter(pk=user.pk).exists()  # one grant change per user at a time
    errors = _grant_errors(user=user, role=role, org_unit=org_unit, valid_from=valid_from, valid_to=valid_to)
    if errors:
        raise ValidationError(errors)
    grant = RoleGrant(
        user=user,
        role=role,
        org_unit=org_unit,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=actor,
    )
    grant.full_clean()
    grant.save()
    audit.record(
        actor=actor, action="access.grant.created", target=grant, before={}, after=_grant_values(grant)
    )
    return grant


@transaction.atomic
def revoke_grant(*, grant: RoleGrant, actor: User) -> RoleGrant:
    """End a grant now; the row is kept with who revoked it and when."""
    grant = (
        RoleGrant.objects.select_for_update(of=("self",))
        .select_related("user", "role", "org_unit")
        .get(pk=grant.pk)
    )
    if grant.revoked_at is not None:
        raise ValidationError(_("This role grant has already been revoked."))
    if grant.role_id == RoleCode.SUPER_ADMIN and grant.user_id == actor.pk:
        # The university would be left without anyone able to assign roles.
        raise ValidationError(_("You cannot revoke your own super administrator role."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit.record(
        actor=actor,
        action="access.grant.revoked",
        target=grant,
        data=_grant_values(grant),
        before={"revoked_at": None, "revoked_by": None},
        after={"revoked_at": grant.revoked_at, "revoked_by": actor.get_username()},
    )
    return grant


def _temporary_password() -> str:
    chars = [secrets.choice(_PASSWORD_ALPHABET) for _ in range(12)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 12, 4))


@transaction.atomic
def reset_password(*, user: User, actor: User) -> str:
    """Give ``user`` a random temporary password, to be changed at the next log-in; returns it.

    The password itself is never stored or journaled: the caller shows it once. Lock-outs of the
    account's logins (username, student ID) are lifted, and its open sessions end with the old hash.
    """
    if user.pk == actor.pk:
        raise ValidationError(_("Use “Change password” to change your own password."))
    if not user.is_active:
        raise ValidationError(_("This account is disabled; its password cannot be reset."))
    before = {"must_change_password": user.must_change_password}
    password = _temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _lift_lockouts(user)
    audit.record(
        actor=actor,
        action="auth.password_reset",
        target=user,
        before=before,
        after={"must_change_password": True},
    )
    return password


def _lift_lockouts(user: User) -> None:
    from axes.utils import reset as axes_reset

    logins = {user.get_username()}
    student = getattr(user, "student", None)
    if student is not None:
        logins.add(student.student_id_number)
    for login in logins:
        axes_reset(username=login)


@transaction.atomic
def hand_over_super_admin(*, to_user: User, actor: User | None = None) -> RoleGrant:
    """Make ``to_user`` the university's one super administrator, revoking the current one's grant.

    Used at installation (no super administrator yet) and when the post changes hands; run from
    the command line by the operator (``manage.py set_super_admin``), where ``actor`` may be None.
    """
    role = Role.objects.get(code=RoleCode.SUPER_ADMIN)
    current = RoleGrant.objects.select_for_update().filter(role=role, revoked_at__isnull=True).first()
    if current is not None and current.user_id == to_user.pk:
        return current
    if current is not None:
        current.revoked_at = timezone.now()
        current.revoked_by = actor
        current.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit.record(
            actor=actor,
            action="access.grant.revoked",
            target=current,
            data=_grant_values(current),
            before={"revoked_at": None},
            after={"revoked_at": current.revoked_at, "handover": True},
        )
    return grant_role(user=to_user, role=role, actor=actor)


def record_role_switch(*, user: User, role: str, unit: OrgUnit | None) -> None:
    """Journal that ``user`` now acts in another role (the active role is carried by the session)."""
    audit.record(
        actor=user,
        action="auth.role_switched",
        target=unit if unit is not None else user,
        data={"role": role, "unit": unit.code if unit else None},
        role=role,
    )


@transaction.atomic
def record_login(*, user: User) -> None:
    """Journal a successful log-in. The first one sets ``first_login_at`` and, when the first log-in asks
    nothing of the user (no forced password, contacts already known), ``onboarded_at`` too."""
    data = None
    if user.first_login_at is None:
        now = timezone.now()
        user.first_login_at = now
        fields = ["first_login_at"]
        if user.onboarded_at is None and onboarding.pending_step(user) is None:
            user.onboarded_at = now
            fields.append("onboarded_at")
        user.save(update_fields=fields)
        data = {"first_login": True}
    audit.record(actor=user, action="auth.login", target=user, data=data)


def record_onboarded(*, user: User) -> None:
    """Record the first log-in done when its last step was taken elsewhere (e.g. the dean's office
    entered the student's contacts): ``onboarded_at`` is set, so no request looks up the steps again."""
    user.onboarded_at = timezone.now()
    user.save(update_fields=["onboarded_at"])
    audit.record(actor=user, action="auth.onboarded", target=user)


def record_login_failure(*, login: str) -> None:
    """Journal a refused log-in with the login that was tried (cut to 150 characters: strangers type it)."""
    audit.record(actor=None, action="auth.login_failed", data={"login": login[:150]})


def record_logout(*, user: User) -> None:
    """Journal a log-out."""
    audit.record(actor=user, action="auth.logout", target=user)
