"""Annex 5 item 5 (dean's office): "build the student base from the admitted students", due five
working days after the admission order.

One obligation per admission order, due by the rule from the order date, done on the (Tashkent) day
the order was applied — applying it creates the students. An order due before the system launch is
not measured. The responsible person is the dean of the order's faculty (the user of the latest live
dean grant on that unit), else the faculty itself. Constant queries: the orders and the dean grants.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import deans_by_faculty, measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.movements import selectors as movement_selectors

PROCESS = "annex5.p5"


@evaluator(PROCESS)
def admitted_students_entered(context: Context) -> Iterator[Obligation]:
    deans = deans_by_faculty(context)
    for order in movement_selectors.admission_orders():
        due = context.due(PROCESS, order.date)
        if not measured(context, due):
            continue
        dean = deans.get(order.faculty_id)
        yield Obligation(
            process_id=PROCESS,
            user=dean,
            unit=order.faculty,
            subject=_("Admission order № %(number)s of %(date)s (%(faculty)s)")
            % {
                "number": order.number,
                "date": order.date.strftime("%d.%m.%Y"),
                "faculty": order.faculty.name,
            },
            due=due,
            done_at=local_date(order.applied_at) if order.applied_at else None,
        )
