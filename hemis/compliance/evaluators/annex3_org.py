"""Annex 3 (HR) items 1, 2 and 6, and annex 4 (academic department) item 5: the university's data,
its structure, the changes to them, and its buildings and rooms.

Items 3.1, 3.2 and 4.5 are due two working days after the system launch (no launch date, no
obligation): 3.1 is done when the requisites record was first saved complete, 3.2 when both a
faculty and a department existed (the later of the two earliest ``created_at``), 4.5 when the first
room was entered. Item 3.6 yields one obligation per logged change (unit created by order, renamed,
moved, closed; requisites changed; licence or accreditation entered), due two working days after
its document date and done on the day it was entered. Documents dated before the launch belong to
the initial entry (items 3.1 and 3.2), not to 3.6.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.org import selectors


def _launch_obligation(context: Context, process_id: str, subject: str, done) -> Iterator[Obligation]:
    launch = context.university.launch_date
    if launch is None:
        return
    yield Obligation(
        process_id=process_id,
        subject=subject,
        due=context.due(process_id, launch),
        done_at=local_date(done) if done else None,
    )


@evaluator("annex3.p1")
def requisites_entered(context: Context) -> Iterator[Obligation]:
    requisites = context.cached("org.requisites", selectors.requisites)
    done = requisites.completed_at if requisites else None
    yield from _launch_obligation(
        context, "annex3.p1", _("University requisites, licence and accreditation data"), done
    )


@evaluator("annex3.p2")
def structure_entered(context: Context) -> Iterator[Obligation]:
    first = context.cached("org.first_units", selectors.first_faculty_and_department)
    done = max(first["faculty"], first["department"]) if first["faculty"] and first["department"] else None
    yield from _launch_obligation(context, "annex3.p2", _("Faculties, departments and the structure"), done)


@evaluator("annex3.p6")
def changes_entered(context: Context) -> Iterator[Obligation]:
    changes = context.cached(
        "org.changes", lambda: selectors.changes_for_compliance(context.university.launch_date)
    )
    for change in changes:
        yield Obligation(
            process_id="annex3.p6",
            subject=_("%(change)s: %(subject)s (document № %(number)s of %(date)s)")
            % {
                "change": change.get_kind_display(),
                "subject": change.subject,
                "number": change.document_number,
                "date": change.document_date.strftime("%d.%m.%Y"),
            },
            due=context.due("annex3.p6", change.document_date),
            done_at=local_date(change.created_at),
        )


@evaluator("annex4.p5")
def rooms_entered(context: Context) -> Iterator[Obligation]:
    first = context.cached("org.first_room", selectors.first_room_created_at)
    yield from _launch_obligation(context, "annex4.p5", _("Buildings and rooms used for teaching"), first)
