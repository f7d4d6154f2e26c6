"""Annex 3 item 4 (HR): the list of teachers who passed competitive selection.

Every selection recorded is one obligation: due two working days after its order, done on the day it
was entered. The person who entered it (and the unit where that person works) answers for it.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.careers import selectors
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date

PROCESS = "annex3.p4"


@evaluator(PROCESS)
def competitions_entered(context: Context) -> Iterator[Obligation]:
    for competition in context.cached("careers.competitions", selectors.competitions_for_compliance):
        yield Obligation(
            process_id=PROCESS,
            user=competition.created_by,
            unit=competition.entered_unit,
            subject=_("Competitive selection of %(name)s, order № %(number)s of %(date)s")
            % {
                "name": competition.employee.full_name,
                "number": competition.order_number,
                "date": f"{competition.order_date:%d.%m.%Y}",
            },
            due=context.due(PROCESS, competition.order_date),
            done_at=local_date(competition.created_at),
        )
