"""Reads of the careers records: lists, a teacher's history and the two monitoring views.

Every function takes the queryset the policy made visible (``policy.visible_*``) and narrows it; each
issues a fixed number of queries whatever the number of rows.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from hemis.careers.dates import add_months, add_years
from hemis.careers.enums import TEACHING_POSITIONS, TRAINING_PERIOD_YEARS, CompetitionResult
from hemis.careers.models import Competition, TrainingRecord
from hemis.org.models import OrgUnit
from hemis.staff.models import Appointment, Employee

EXPIRING = "expiring"
EXPIRED = "expired"


def _search_q(search: str, prefix: str = "employee__") -> Q:
    q = Q()
    for word in search.split():
        q &= (
            Q(**{f"{prefix}last_name__icontains": word})
            | Q(**{f"{prefix}first_name__icontains": word})
            | Q(**{f"{prefix}patronymic__icontains": word})
            | Q(order_number__icontains=word)
        )
    return q


def _current_appointment_in(unit: OrgUnit | None, *, employee_ref: str = "employee_id") -> Exists:
    current = Appointment.objects.filter(employee=OuterRef(employee_ref), end_date__isnull=True)
    if unit is not None:
        current = current.filter(org_unit__path__startswith=unit.path)
    return Exists(current)


# --- competitive selection ---------------------------------------------------------------------


def competitions(
    visible: QuerySet[Competition],
    *,
    search: str = "",
    unit: OrgUnit | None = None,
    result: str = "",
    position: str = "",
) -> QuerySet[Competition]:
    """Selections, newest first; ``unit`` (a faculty or department) matches the selection's department."""
    qs = visible.filter(_search_q(search))
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    if result:
        qs = qs.filter(result=result)
    if position:
        qs = qs.filter(position=position)
    return qs.select_related("employee", "org_unit", "org_unit__parent").order_by("-selection_date", "-pk")


def history(visible: QuerySet[Competition], employee: Employee) -> list[Competition]:
    """A teacher's selections, newest first."""
    return list(
        visible.filter(employee=employee).select_related("org_unit").order_by("-selection_date", "-pk")
    )


def latest_passed(visible: QuerySet[Competition]) -> QuerySet[Competition]:
    """Per currently appointed teacher, the newest passed selection (the one that holds or lapsed last)."""
    newest = (
        Competition.objects.filter(employee=OuterRef("employee_id"), result=CompetitionResult.PASSED)
        .order_by("-selection_date", "-pk")
        .values("pk")[:1]
    )
    return visible.filter(result=CompetitionResult.PASSED, pk=Subquery(newest)).filter(
        _current_appointment_in(None)
    )


def _state_q(state: str, *, today: dt.date, months: int) -> Q:
    if state == EXPIRED:
        return Q(valid_until__lte=today)
    return Q(valid_until__gt=today, valid_until__lte=add_months(today, months))


def selection_monitoring(
    visible: QuerySet[Competition], *, today: dt.date, months: int, state: str, unit: OrgUnit | None = None
) -> QuerySet[Competition]:
    """Teachers whose selection lapses within ``months`` (EXPIRING) or has lapsed with no newer one (EXPIRED).

    A selection holds from its selection date up to, not including, its ``valid_until`` date.
    """
    qs = latest_passed(visible).filter(_state_q(state, today=today, months=months))
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    order = ("-valid_until",) if state == EXPIRED else ("valid_until",)
    return qs.select_related("employee", "org_unit", "org_unit__parent").order_by(
        *order, "employee__last_name", "pk"
    )


@dataclass(frozen=True)
class DepartmentCounts:
    unit: OrgUnit
    expiring: int
    expired: int


def selection_counts_by_department(
    visible: QuerySet[Competition], *, today: dt.date, months: int, unit: OrgUnit | None = None
) -> list[DepartmentCounts]:
    """Per department, how many teachers' selections lapse within ``months`` and how many have lapsed."""
    qs = latest_passed(visible)
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    counts = (
        qs.values("org_unit")
        .annotate(
            expiring=Count("pk", filter=_state_q(EXPIRING, today=today, months=months)),
            expired=Count("pk", filter=_state_q(EXPIRED, today=today, months=months)),
        )
        .filter(Q(expiring__gt=0) | Q(expired__gt=0))
        .order_by()
    )
    rows = {row["org_unit"]: row for row in counts}
    units = OrgUnit.objects.filter(pk__in=list(rows)).order_by("path") if rows else []
    return [DepartmentCounts(u, rows[u.pk]["expiring"], rows[u.pk]["expired"]) for u in units]


# --- professional development -------------------------------------------------------------------


def training_records(
    visible: QuerySet[TrainingRecord], *, search: str = "", unit: OrgUnit | None = None, place: str = ""
) -> QuerySet[TrainingRecord]:
    """Training records, latest first; ``unit`` matches the employee's current appointment."""
    qs = visible.filter(_search_q(search))
    if unit is not None:
        qs = qs.filter(_current_appointment_in(unit))
    if place:
        qs = qs.filter(place=place)
    return qs.select_related("employee").order_by("-date_to", "-pk")


def trainings_of(visible: QuerySet[TrainingRecord], employee: Employee) -> list[TrainingRecord]:
    return list(visible.filter(employee=employee).order_by("-date_to", "-pk"))


def training_due_date(last_training: dt.date | None) -> dt.date | None:
    """When the next professional development is due (None: never trained, due already)."""
    return add_years(last_training, TRAINING_PERIOD_YEARS) if last_training else None


def training_due(
    employees: QuerySet[Employee], *, today: dt.date, horizon_months: int = 0, unit: OrgUnit | None = None
) -> QuerySet[Employee]:
    """Teachers due for professional development by ``today`` plus ``horizon_months``.

    A teacher (a current appointment in a teaching position, in ``unit`` when given) is due when the
    last training completed by ``today`` ended more than TRAINING_PERIOD_YEARS years before that date,
    or never happened. Rows carry ``last_training`` and ``current_teaching`` (their appointments);
    never-trained teachers come first, then the longest overdue.
    """
    teaching = Appointment.objects.filter(
        end_date__isnull=True, position__in=TEACHING_POSITIONS
    ).select_related("org_unit", "org_unit__parent")
    in_unit = teaching.filter(employee=OuterRef("pk"))
    if unit is not None:
        in_unit = in_unit.filter(org_unit__path__startswith=unit.path)
    last = (
        TrainingRecord.objects.filter(employee=OuterRef("pk"), date_to__lte=today)
        .order_by("-date_to")
        .values("date_to")[:1]
    )
    cutoff = add_years(add_months(today, horizon_months), -TRAINING_PERIOD_YEARS)
    return (
        employees.filter(Exists(in_unit))
        .annotate(last_training=Subquery(last))
        .filter(Q(last_training__isnull=True) | Q(last_training__lt=cutoff))
        .prefetch_related(
            Prefetch("appointments", queryset=teaching.order_by("-rate", "pk"), to_attr="current_teaching")
        )
        .order_by(F("last_training").asc(nulls_first=True), "last_name", "first_name", "pk")
    )


# --- compliance --------------------------------------------------------------------------------


def _entered(model) -> list:
    """Every record with its teacher, who entered it and ``entered_unit``: that user's current unit.

    Two queries: the records, then their units. The unit is where the person who entered the record
    works (the HR division, the academic department), so that per-unit compliance scores find it.
    """
    creator_unit = (
        Appointment.objects.filter(employee__user=OuterRef("created_by"), end_date__isnull=True)
        .order_by("-rate", "pk")
        .values("org_unit")[:1]
    )
    rows = list(
        model.objects.select_related("employee", "created_by")
        .annotate(creator_unit_id=Subquery(creator_unit))
        .order_by("order_date", "pk")
    )
    units = OrgUnit.objects.in_bulk({r.creator_unit_id for r in rows if r.creator_unit_id})
    for row in rows:
        row.entered_unit = units.get(row.creator_unit_id)
    return rows


def competitions_for_compliance() -> list[Competition]:
    return _entered(Competition)


def training_records_for_compliance() -> list[TrainingRecord]:
    return _entered(TrainingRecord)
