"""Annex 3 (HR), items 3 and 5: staff entered after their orders.

Item 3: every appointment (hire, part-time, the new appointment of a position change) and every
staff-table line is due ``staff_entry_days`` working days (3 or 10, the university's setting) after
its order date, and done on the day it was entered (``created_at``). Item 5: every vacation,
business trip and dismissal is due 2 working days after its order date. Item 6 (changes) is measured
by the structure evaluators; this module yields nothing for it.
The responsible unit is the unit of the appointment or staff line (none for a labour event: HR).
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.staff import selectors


def _order(number: str, date) -> str:
    return _("order № %(number)s of %(date)s") % {"number": number, "date": date.strftime("%d.%m.%Y")}


@evaluator("annex3.p3")
def staff_entered(context: Context) -> Iterator[Obligation]:
    for a in selectors.appointments_for_compliance():
        yield Obligation(
            process_id="annex3.p3",
            unit=a.org_unit,
            subject=_("Appointment of %(name)s: %(position)s, %(order)s")
            % {
                "name": a.employee.short_name,
                "position": a.get_position_display(),
                "order": _order(a.order_number, a.order_date),
            },
            due=context.due("annex3.p3", a.order_date),
            done_at=local_date(a.created_at),
        )
    for s in selectors.staff_units_for_compliance():
        yield Obligation(
            process_id="annex3.p3",
            unit=s.org_unit,
            subject=_("Staff table of %(unit)s: %(position)s, %(order)s")
            % {
                "unit": s.org_unit.name,
                "position": s.get_position_display(),
                "order": _order(s.order_number, s.order_date),
            },
            due=context.due("annex3.p3", s.order_date),
            done_at=local_date(s.created_at),
        )


@evaluator("annex3.p5")
def labour_events_entered(context: Context) -> Iterator[Obligation]:
    for event in selectors.labour_events_for_compliance():
        yield Obligation(
            process_id="annex3.p5",
            subject=_("%(event)s of %(name)s, %(order)s")
            % {
                "event": event.get_kind_display(),
                "name": event.employee.short_name,
                "order": _order(event.order_number, event.order_date),
            },
            due=context.due("annex3.p5", event.order_date),
            done_at=local_date(event.created_at),
        )
