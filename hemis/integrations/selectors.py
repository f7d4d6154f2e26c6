"""Reads of the integration registry: the entries with their token counts, the tokens, the log of calls
and what the annex 2 evaluators read. Each owns its joins: a page's queries do not grow with its rows."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hemis.integrations.models import ApiCall, ApiToken, Integration


def integration_list(integrations: QuerySet[Integration]) -> QuerySet[Integration]:
    """``integrations`` with ``token_count`` and ``live_token_count`` (not revoked, not expired)."""
    live = Q(tokens__revoked_at__isnull=True) & (
        Q(tokens__expires_at__isnull=True) | Q(tokens__expires_at__gt=timezone.now())
    )
    return integrations.annotate(
        token_count=Count("tokens", distinct=True),
        live_token_count=Count("tokens", filter=live, distinct=True),
    ).order_by("system", "pk")


def token_list(tokens: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
    """``tokens`` with their holder, integration and revoker, the newest first."""
    return tokens.select_related("holder", "integration", "revoked_by").order_by("-created_at", "-pk")


def call_log(
    calls: QuerySet[ApiCall],
    *,
    token: ApiToken | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[ApiCall]:
    """The calls made with tokens (``token``'s only, when given), between two local days inclusive,
    with the token, its holder and integration, the newest first."""
    if token is not None:
        calls = calls.filter(token=token)
    if date_from is not None:
        calls = calls.filter(at__gte=_start_of(date_from))
    if date_to is not None:
        calls = calls.filter(at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return calls.select_related("token__holder", "token__integration").order_by("-at", "-pk")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def for_compliance() -> list[Integration]:
    """Every registry entry with the dates annex 2 items 1–2 measure (approval, start)."""
    return list(
        Integration.objects.only(
            "pk", "system", "instruction_title", "instruction_approved_on", "started_on"
        ).order_by("system", "pk")
    )
