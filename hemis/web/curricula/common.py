"""How the curricula pages fetch a curriculum or its parts: through the policy (hidden = missing = 404)."""

from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from hemis.access import policy


def fetch(request, select: Callable, pk: int, action: str | None = None):
    """``select(visible_curricula, pk)`` or 404; with ``action``, the policy must allow it on the object."""
    try:
        obj = select(policy.visible_curricula(request.principal), pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action is not None:
        policy.require(request.principal, action, obj)
    return obj
