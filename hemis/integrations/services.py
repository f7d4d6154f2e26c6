"""Writes of the integration registry: integrations, data-API tokens (issue, revoke) and the log of
every call made with a token. Each write is journaled."""

import datetime as dt
import hashlib
import secrets
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.integrations.models import ApiCall, ApiToken, Integration
from hemis.integrations.validators import instruction_file_error

KEY_BYTES = 32
INTEGRATION_FIELDS = (
    "system",
    "purpose",
    "instruction_title",
    "instruction_approved_on",
    "started_on",
    "ended_on",
)


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: [message]})


def _checked_integration(
    *,
    system: str,
    purpose: str,
    instruction_title: str,
    instruction_file,
    has_file: bool,
    instruction_approved_on: dt.date | None,
    started_on: dt.date | None,
    ended_on: dt.date | None,
) -> dict:
    """The registry entry's values, cleaned; the first wrong one refused, naming its field."""
    system = (system or "").strip()
    if not system:
        _refuse("system", _("Name the integrated system."))
    if len(system) > 255:
        _refuse("system", _("The system's name is longer than 255 characters."))
    purpose = (purpose or "").strip()
    if not purpose:
        _refuse("purpose", _("Say what the integration is for (the data it takes and why)."))
    instruction_title = (instruction_title or "").strip()
    if len(instruction_title) > 255:
        _refuse("instruction_title", _("The instruction's title is longer than 255 characters."))
    if instruction_file is not None:
        error = instruction_file_error(instruction_file)
        if error:
            _refuse("instruction_file", error)
    if not instruction_title and (has_file or instruction_approved_on is not None):
        _refuse(
            "instruction_title",
            _("Enter the title of the technological instruction the document or the approval date is of."),
        )
    today = timezone.localdate()
    if instruction_approved_on is not None and instruction_approved_on > today:
        _refuse("instruction_approved_on", _("The approval date cannot be in the future."))
    if ended_on is not None:
        if started_on is None:
            _refuse("ended_on", _("An integration that never started cannot end: enter its start first."))
        if ended_on < started_on:
            _refuse("ended_on", _("The integration cannot end before it started."))
        if ended_on > today:
            _refuse("ended_on", _("The end date cannot be in the future."))
    return {
        "system": system,
        "purpose": purpose,
        "instruction_title": instruction_title,
        "instruction_approved_on": instruction_approved_on,
        "started_on": started_on,
        "ended_on": ended_on,
    }


def _integration_values(integration: Integration) -> dict:
    values = {name: getattr(integration, name) for name in INTEGRATION_FIELDS}
    for name, value in values.items():
        if isinstance(value, dt.date):
            values[name] = value.isoformat()
    values["instruction_file"] = integration.instruction_file.name if integration.instruction_file else ""
    return values


@transaction.atomic
def register_integration(
    *,
    system: str,
    purpose: str,
    instruction_title: str = "",
    instruction_file=None,
    instruction_approved_on: dt.date | None = None,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    actor,
) -> Integration:
    """Enter a system of the university integrated with HEMIS (annex 2), with its technological
    instruction (title, document, approval date) and the days the integration started and ended."""
    values = _checked_integration(
        system=system,
        purpose=purpose,
        instruction_title=instruction_title,
        instruction_file=instruction_file,
        has_file=instruction_file is not None,
        instruction_approved_on=instruction_approved_on,
        started_on=started_on,
        ended_on=ended_on,
    )
    integration = Integration(created_by=actor, **values)
    if instruction_file is not None:
        integration.instruction_file = instruction_file
    integration.save()
    audit.record(
        actor=actor,
        action="integrations.integration.registered",
        target=integration,
        after=_integration_values(integration),
    )
    return integration


@transaction.atomic
def update_integration(
    *,
    integration: Integration,
    system: str,
    purpose: str,
    instruction_title: str = "",
    instruction_file=None,
    instruction_approved_on: dt.date | None = None,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    actor,
) -> Integration:
    """Change a registry entry; without a new ``instruction_file`` the stored document stays."""
    integration = Integration.objects.select_for_update().get(pk=integration.pk)
    values = _checked_integration(
        system=system,
        purpose=purpose,
        instruction_title=instruction_title,
        instruction_file=instruction_file,
        has_file=instruction_file is not None or bool(integration.instruction_file),
        instruction_approved_on=instruction_approved_on,
        started_on=started_on,
        ended_on=ended_on,
    )
    before = _integration_values(integration)
    for name, value in values.items():
        setattr(integration, name, value)
    if instruction_file is not None:
        integration.instruction_file = instruction_file
    integration.save()
    after = _integration_values(integration)
    changed = [name for name in after if after[name] != before[name]]
    audit.record(
        actor=actor,
        action="integrations.integration.updated",
        target=integration,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return integration


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(
    *, holder, name: str, actor, integration: Integration | None = None, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``holder`` (the caller checks that they hold the "API User" role: the policy
    offers only those). Returns the token and its key, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Name the token (what it is used for).")]})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("The expiry must be in the future.")]})
    if integration is not None and integration.ended_on is not None:
        raise ValidationError({"integration": [_("This integration has ended: no new tokens for it.")]})
    key = secrets.token_urlsafe(KEY_BYTES)
    token = ApiToken.objects.create(
        holder=holder,
        integration=integration,
        name=name,
        prefix=key[:8],
        key_hash=key_hash(key),
        expires_at=expires_at,
        created_by=actor,
    )
    if integration is not None and integration.started_on is None:
        integration.started_on = timezone.localdate()
        integration.save(update_fields=["started_on", "updated_at"])
    audit.record(
        actor=actor,
        action="integrations.apitoken.issued",
        target=token,
        after={
            "holder": holder.pk,
            "name": name,
            "integration": integration.pk if integration else None,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    if not updated:
        raise ValidationError({"token": [_("This token is already revoked.")]})
    token.refresh_from_db()
    audit.record(actor=actor, action="integrations.apitoken.revoked", target=token, after={"revoked": True})
    return token


def live_token(key: str) -> ApiToken | None:
    """The token whose key is ``key``, when neither revoked nor expired (its holder read along)."""
    if not key:
        return None
    token = ApiToken.objects.select_related("holder").filter(key_hash=key_hash(key)).first()
    if token is None or token.revoked_at is not None or not token.holder.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return None
    return token


def calls_in_last_second(ip: str | None) -> int:
    """Data-API calls from ``ip`` in the last second (the API's limit is 10 a second per address)."""
    return ApiCall.objects.filter(ip=ip, at__gt=timezone.now() - dt.timedelta(seconds=1)).count()


@transaction.atomic
def log_call(*, token: ApiToken, ip: str | None, path: str, query: dict, status: int, rows: int) -> ApiCall:
    """Record one call made with ``token`` (and journal it): what was asked, by whom, what left."""
    now = timezone.now()
    call = ApiCall.objects.create(token=token, ip=ip, path=path, query=query, status=status, rows=rows)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit.record(
        actor=token.holder,
        action="integrations.apitoken.used",
        target=token,
        data={"path": path, "query": query, "status": status, "rows": rows},
    )
    return call
