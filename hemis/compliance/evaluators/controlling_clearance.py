"""The controlling roles of chapter 3.1.14: the library and the dormitory sign the clearance sheet within 1
working day once the student's debt is cleared (``controlling.library``, ``controlling.dormitory``).

One obligation per round of a line: a round starts when the line becomes ready for its unit — the
sheet opened, or the student reported the debt settled after a refusal (``ready_at``) — and is due
1 working day later (the process's rule). The round of a signed line is done on the day it was signed.
A refusal also closes its round on the day it was made: the unit answered, and the debt stood (the
regulation asks it to refuse then); the next round starts when the student reports it settled. A
pending line's round is not done yet. Rounds come from the lines' history (``ClearanceDecision``) and
the lines still pending.

A unit counts under the process of the role that signs it: every unit signed by the library role under
``controlling.library``, by the dormitory role under ``controlling.dormitory``; units of other roles
(accounting) have no process in the registry and are not measured. The responsible person is the holder
of the latest live grant of the role. With a launch date, a round due before it is not measured. Two
queries and the grants, whatever the number of sheets.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.access.roles import RoleCode
from hemis.compliance import selectors as compliance_selectors
from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.graduation.enums import DecisionKind, LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine

PROCESSES = {RoleCode.LIBRARY: "controlling.library", RoleCode.DORMITORY: "controlling.dormitory"}


def _holders(context: Context) -> dict[str, object]:
    """Role → the user of its latest live grant."""

    def load() -> dict[str, object]:
        today = context.today
        out: dict[str, object] = {}
        for role, grants in compliance_selectors.grants_by_role(PROCESSES).items():
            live = [g for g in grants if g.revoked_at is None and (g.valid_to is None or g.valid_to >= today)]
            if live:
                out[role] = live[-1].user
        return out

    return context.cached("evaluators.clearance_holders", load)


def _rounds(role: str) -> Iterator[tuple]:
    """(student name, unit name, ready_at, decided_at or None) of every round of the role's lines."""
    decided = (
        ClearanceDecision.objects.filter(
            line__unit__role=role, kind__in=[DecisionKind.SIGNED, DecisionKind.REFUSED]
        )
        .order_by("at", "pk")
        .values_list(
            "line__sheet__student__last_name",
            "line__sheet__student__first_name",
            "line__unit__name_uz",
            "ready_at",
            "at",
            "kind",
        )
    )
    for last, first, unit, ready, at, kind in decided:
        yield f"{last} {first}", unit, ready, at, kind
    pending = (
        ClearanceLine.objects.filter(unit__role=role, state=LineState.PENDING)
        .order_by("ready_at", "pk")
        .values_list("sheet__student__last_name", "sheet__student__first_name", "unit__name_uz", "ready_at")
    )
    for last, first, unit, ready in pending:
        yield f"{last} {first}", unit, ready, None, None


def _obligations(context: Context, role: str) -> Iterator[Obligation]:
    process_id = PROCESSES[role]
    user = _holders(context).get(role)
    for student, unit, ready, done, kind in _rounds(role):
        due = context.due(process_id, local_date(ready))
        if not measured(context, due):
            continue
        what = (
            _("Clearance sheet of %(student)s: %(unit)s, refused")
            if kind == DecisionKind.REFUSED
            else _("Clearance sheet of %(student)s: %(unit)s")
        ) % {"student": student, "unit": unit}
        yield Obligation(
            process_id=process_id,
            user=user,
            subject=what,
            due=due,
            done_at=local_date(done) if done else None,
        )


@evaluator("controlling.library")
def library_signs(context: Context) -> Iterator[Obligation]:
    return _obligations(context, RoleCode.LIBRARY)


@evaluator("controlling.dormitory")
def dormitory_signs(context: Context) -> Iterator[Obligation]:
    return _obligations(context, RoleCode.DORMITORY)
