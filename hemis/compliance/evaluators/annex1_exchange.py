"""Annex 1 (super administrator) items 4 and 6, read from the exchange with the ministry (issue 15).

Item 6 (continuous: synchronise and monitor the sync): a sync that fails is to be put right within a
working day. One obligation per kind and day a failing spell began (the first failed attempt of its
items), due one working day later, done on the day its last item was sent (not done while any of them
is still failing or queued). A spell that lasts more than a working day is overdue.
Item 4 (on demand: the PINFL correction request to the ministry centre): one obligation per request
with flagged records, from the first record flagged to the letter sent; the regulation fixes no
deadline, so it is measured as the other undated processes are (``context.continuous_due``).
The super administrator in office is responsible for both.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import measured
from hemis.compliance.evaluators.annex1 import _super_admin
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.exchange import selectors
from hemis.exchange.enums import SyncKind, SyncStatus

FIX_WITHIN_DAYS = 1


@evaluator("annex1.p6")
def sync_not_failing(context: Context) -> Iterator[Obligation]:
    items = context.cached("annex1.p6.items", selectors.for_compliance_sync)
    admin = _super_admin(context)
    spells: dict[tuple, list] = defaultdict(list)
    for item in items:
        spells[(item.kind, local_date(item.failing_since))].append(item)
    for (kind, began), group in sorted(spells.items()):
        due = context.calendar.add_working_days(began, FIX_WITHIN_DAYS)
        if not measured(context, due):
            continue
        all_sent = all(i.status == SyncStatus.SENT and i.sent_at is not None for i in group)
        yield Obligation(
            process_id="annex1.p6",
            user=admin,
            subject=_(
                "Sync of “%(kind)s” with the central registry failing since %(date)s (%(count)s records)"
            )
            % {"kind": SyncKind(kind).label, "date": began.strftime("%d.%m.%Y"), "count": len(group)},
            due=due,
            done_at=max(local_date(i.sent_at) for i in group) if all_sent else None,
        )


@evaluator("annex1.p4")
def pinfl_request_sent(context: Context) -> Iterator[Obligation]:
    requests = context.cached("annex1.p4.requests", selectors.for_compliance_pinfl)
    admin = _super_admin(context)
    for request in requests:
        if request.flagged_at is None:
            continue  # an empty draft asks nothing of anyone
        flagged = local_date(request.flagged_at)
        due = context.continuous_due(flagged)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex1.p4",
            user=admin,
            subject=_("PINFL correction request No. %(number)s to the ministry centre (flagged %(date)s)")
            % {"number": request.number, "date": flagged.strftime("%d.%m.%Y")},
            due=due,
            done_at=request.sent_on,
        )
