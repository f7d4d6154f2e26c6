"""Annex 1 (super administrator): items 2, 3 and 7.

Items 2 and 3 are due one working day after the system launch; each is done when the first grant
of the super administrator role (item 2) or of the HR role (item 3) was created — a grant revoked
later still counts, as done at its creation. Item 7 is due one working day after the council
decision on the GPA method takes effect, and done on the day the settings service last set the
method (not done while no method is set).
The super administrator in office is the responsible person of all three.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.access.roles import RoleCode
from hemis.compliance import selectors
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date

ROLES = (RoleCode.SUPER_ADMIN, RoleCode.HR)


def _grants(context: Context) -> dict:
    return context.cached("annex1.grants", lambda: selectors.grants_by_role(ROLES))


def _super_admin(context: Context):
    """The user of the live super-administrator grant, or None."""
    live = [g for g in _grants(context).get(RoleCode.SUPER_ADMIN, []) if g.revoked_at is None]
    return live[-1].user if live else None


def _first_grant_obligation(context: Context, process_id: str, role: RoleCode) -> Iterator[Obligation]:
    grants = _grants(context)  # read even without a launch date: the page's query count stays constant
    launch = context.university.launch_date
    if launch is None:
        return
    first = next(iter(grants.get(role, [])), None)
    yield Obligation(
        process_id=process_id,
        user=_super_admin(context),
        subject=_("First grant of the role “%(role)s”") % {"role": role.label},
        due=context.due(process_id, launch),
        done_at=local_date(first.created_at) if first else None,
    )


@evaluator("annex1.p2")
def super_admin_assigned(context: Context) -> Iterator[Obligation]:
    yield from _first_grant_obligation(context, "annex1.p2", RoleCode.SUPER_ADMIN)


@evaluator("annex1.p3")
def hr_assigned(context: Context) -> Iterator[Obligation]:
    yield from _first_grant_obligation(context, "annex1.p3", RoleCode.HR)


@evaluator("annex1.p7")
def gpa_method_set(context: Context) -> Iterator[Obligation]:
    university = context.university
    super_admin = _super_admin(context)
    decided = university.gpa_method_decided_on
    if decided is None:
        return
    yield Obligation(
        process_id="annex1.p7",
        user=super_admin,
        subject=_("GPA calculation method by the council decision of %(date)s")
        % {"date": decided.strftime("%d.%m.%Y")},
        due=context.due("annex1.p7", decided),
        done_at=university.gpa_method_set_on if university.gpa_method else None,
    )
