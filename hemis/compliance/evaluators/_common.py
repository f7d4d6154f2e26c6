"""What many evaluators ask: is a due date after the launch, who is the dean of a faculty or the head of
a department, who is the academic department. Each answer is loaded once per run (``context.cached``),
whatever the number of evaluators asking."""

import datetime as dt

from django.db.models import Min

from hemis.academics import selectors as academics_selectors
from hemis.access.roles import RoleCode
from hemis.compliance import selectors as compliance_selectors
from hemis.compliance.protocol import Context

PEOPLE_ROLES = (RoleCode.ACADEMIC, RoleCode.DEAN, RoleCode.HEAD)


def measured(context: Context, due: dt.date) -> bool:
    """With a launch date, an obligation due before it is not measured (nothing could be entered then)."""
    launch = context.university.launch_date
    return launch is None or due >= launch


def _live_grants(context: Context, role: str) -> list:
    grants = context.cached("evaluators.people", lambda: compliance_selectors.grants_by_role(PEOPLE_ROLES))
    today = context.today
    return [
        g
        for g in grants.get(role, [])
        if g.revoked_at is None and (g.valid_to is None or g.valid_to >= today)
    ]


def deans_by_faculty(context: Context) -> dict[int, object]:
    """Faculty id → the user of its latest live dean grant."""

    def load() -> dict[int, object]:
        return {g.org_unit_id: g.user for g in _live_grants(context, RoleCode.DEAN) if g.org_unit_id}

    return context.cached("evaluators.deans", load)


def heads_by_department(context: Context) -> dict[int, object]:
    """Department id → the user of its latest live head-of-department grant."""

    def load() -> dict[int, object]:
        return {g.org_unit_id: g.user for g in _live_grants(context, RoleCode.HEAD) if g.org_unit_id}

    return context.cached("evaluators.heads", load)


def academic_user(context: Context):
    """The user of the latest live academic-department grant, if any."""
    live = _live_grants(context, RoleCode.ACADEMIC)
    return live[-1].user if live else None


def semesters(context: Context) -> list:
    """Every calendar semester with its academic year, by start date."""
    return context.cached("evaluators.semesters", academics_selectors.semesters_with_years)


def years_by_start(context: Context) -> dict:
    """The academic years by the calendar year they start in."""
    return context.cached(
        "evaluators.years", lambda: {y.start_date.year: y for y in academics_selectors.years_by_start_date()}
    )


def firsts(model, keys: tuple[str, ...]) -> dict:
    """When the first row of ``model`` was entered, per value of ``keys``: {key tuple: min(created_at)}
    (one grouped query)."""
    rows = (
        model.objects.order_by().values(*keys).annotate(first=Min("created_at")).values_list(*keys, "first")
    )
    return {tuple(row[:-1]): row[-1] for row in rows}
