"""Annex 5 item 7 (dean's office): student movements entered by order.

Every order that moves students (any kind but admission, item 5, and reversal, which corrects an
order already counted) is one obligation: due by the process's rule after the order date, done on
the day the order was applied in the system (a draft is not done yet). Orders due before the system
launch are not measured. The dean of the order's faculty (the latest live dean grant of that
faculty) answers for it, and the faculty. Two queries, however many orders.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import deans_by_faculty, measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.movements.enums import OrderKind
from hemis.movements.models import Order

PROCESS = "annex5.p7"
NOT_MEASURED = (OrderKind.ADMISSION, OrderKind.REVERSAL)


def _orders() -> list[Order]:
    rows = Order.objects.exclude(kind__in=NOT_MEASURED).select_related("faculty").order_by("date", "pk")
    return list(rows)


@evaluator(PROCESS)
def student_movements_entered(context: Context) -> Iterator[Obligation]:
    deans = deans_by_faculty(context)
    for order in context.cached("movements.orders", _orders):
        due = context.due(PROCESS, order.date)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id=PROCESS,
            user=deans.get(order.faculty_id),
            unit=order.faculty,
            subject=_("%(kind)s: order № %(number)s of %(date)s")
            % {"kind": order.get_kind_display(), "number": order.number, "date": f"{order.date:%d.%m.%Y}"},
            due=due,
            done_at=local_date(order.applied_at) if order.applied_at else None,
        )
