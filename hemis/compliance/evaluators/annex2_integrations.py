"""Annex 2 (ICT department) items 1 and 2, read from the integration registry.

Item 1: the technological instruction is approved with the ministry centre at least five working days
before the integration starts — one obligation per registered integration with a start date, due five
working days before it, done on the instruction's approval date (not done while none is recorded).
Item 2: the HEMIS data is integrated into the university's system within five working days after the
instruction's approval — one obligation per integration with an approved instruction, due five working
days after the approval, done on the day the integration started (a start still ahead is not done yet).
The ICT department's user in office (its latest live grant) is responsible for both. With a launch
date, obligations due before it are not measured, as elsewhere.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.access.roles import RoleCode
from hemis.compliance import selectors as compliance_selectors
from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator
from hemis.integrations import selectors


def _integrations(context: Context) -> list:
    return context.cached("annex2.integrations", selectors.for_compliance)


def _ict_user(context: Context):
    grants = context.cached("annex2.ict", lambda: compliance_selectors.grants_by_role((RoleCode.ICT,)))
    today = context.today
    live = [
        g
        for g in grants.get(RoleCode.ICT, [])
        if g.revoked_at is None and (g.valid_to is None or g.valid_to >= today)
    ]
    return live[-1].user if live else None


@evaluator("annex2.p1")
def instruction_before_integration(context: Context) -> Iterator[Obligation]:
    integrations = _integrations(context)
    ict = _ict_user(context)
    for integration in integrations:
        if integration.started_on is None:
            continue
        due = context.due("annex2.p1", integration.started_on)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex2.p1",
            user=ict,
            subject=_("Technological instruction for the integration with “%(system)s” (started %(date)s)")
            % {"system": integration.system, "date": integration.started_on.strftime("%d.%m.%Y")},
            due=due,
            done_at=integration.instruction_approved_on,
        )


@evaluator("annex2.p2")
def integration_after_approval(context: Context) -> Iterator[Obligation]:
    integrations = _integrations(context)
    ict = _ict_user(context)
    for integration in integrations:
        approved = integration.instruction_approved_on
        if approved is None:
            continue
        due = context.due("annex2.p2", approved)
        if not measured(context, due):
            continue
        started = integration.started_on
        yield Obligation(
            process_id="annex2.p2",
            user=ict,
            subject=_("Integration with “%(system)s” (instruction approved %(date)s)")
            % {"system": integration.system, "date": approved.strftime("%d.%m.%Y")},
            due=due,
            done_at=started if started is not None and started <= context.today else None,
        )
