"""Helpers of the curricula pages: fetching through the policy (hidden = missing = 404), export."""

from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils import timezone

from hemis.access import policy
from hemis.audit import services as audit
from hemis.core.excel import xlsx_response


def fetch(request, select: Callable, pk: int, action: str | None = None):
    """``select(visible_curricula, pk)`` or 404; with ``action``, the policy must allow it on the object."""
    try:
        obj = select(policy.visible_curricula(request.principal), pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action is not None:
        policy.require(request.principal, action, obj)
    return obj


def export(*, request, name: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """An Excel file of the list, audited as ``curricula.curriculum.exported``."""
    rows = list(rows)
    audit.record(
        actor=request.user,
        action="curricula.curriculum.exported",
        data={"rows": len(rows), "query": request.GET.urlencode()},
    )
    filename = f"{name}-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    return xlsx_response(filename=filename, title=title, headers=headers, rows=rows)
