"""Annex 4 item 9 (academic department): professional-development records of teachers and staff.

Every record is one obligation: due two working days after its order, done on the day it was
entered. The person who entered it (and the unit where that person works) answers for it. The
item's continuous part, who is due for training, is the training monitoring page.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.careers import selectors
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date

PROCESS = "annex4.p9"


@evaluator(PROCESS)
def training_records_entered(context: Context) -> Iterator[Obligation]:
    for record in context.cached("careers.training_records", selectors.training_records_for_compliance):
        yield Obligation(
            process_id=PROCESS,
            user=record.created_by,
            unit=record.entered_unit,
            subject=_("Professional development of %(name)s, order № %(number)s of %(date)s")
            % {
                "name": record.employee.full_name,
                "number": record.order_number,
                "date": f"{record.order_date:%d.%m.%Y}",
            },
            due=context.due(PROCESS, record.order_date),
            done_at=local_date(record.created_at),
        )
