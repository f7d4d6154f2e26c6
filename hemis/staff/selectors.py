"""Reads of staff records: employees, appointments, statuses, labour events, staff tables."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hemis.org.models import OrgUnit
from hemis.staff.enums import EmployeeStatus, LabourEventKind
from hemis.staff.models import Appointment, Employee, LabourEvent, StaffUnit

ABSENCES = (LabourEventKind.VACATION, LabourEventKind.BUSINESS_TRIP)
_ABSENCE_STATUS = {
    LabourEventKind.VACATION: EmployeeStatus.ON_LEAVE,
    LabourEventKind.BUSINESS_TRIP: EmployeeStatus.ON_TRIP,
}


def employee_of(user) -> Employee | None:
    return Employee.objects.filter(user=user).first()


def appointments_of(employee: Employee) -> list[Appointment]:
    return list(
        employee.appointments.filter(end_date__isnull=True)
        .select_related("org_unit", "org_unit__parent")
        .order_by("-rate", "start_date")
    )


def current_q(on: dt.date, prefix: str = "") -> Q:
    """Appointments (or ``prefix`` + appointments) current on ``on``."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


# --- status ------------------------------------------------------------------------------------


def status_from_events(events: list[LabourEvent], on: dt.date) -> str:
    """The h_teacher_status on ``on`` that ``events`` imply: dismissed, on leave, on trip or working."""
    for event in events:
        if event.kind == LabourEventKind.DISMISSAL and event.start_date <= on:
            return EmployeeStatus.DISMISSED
    for event in events:
        if event.kind in ABSENCES and event.start_date <= on and (event.end_date or event.start_date) >= on:
            return _ABSENCE_STATUS[event.kind]
    return EmployeeStatus.WORKING


def status_on(employee: Employee, on: dt.date | None = None) -> str:
    on = on or timezone.localdate()
    return status_from_events(list(employee.labour_events.all()), on)


def is_dismissed(employee: Employee) -> bool:
    return employee.labour_events.filter(kind=LabourEventKind.DISMISSAL).exists()


# --- employee list and page ---------------------------------------------------------------------


@dataclass(frozen=True)
class EmployeeFilter:
    search: str = ""
    unit: OrgUnit | None = None
    employee_type: str = ""
    status: str = ""


def employee_list(employees: QuerySet[Employee], flt: EmployeeFilter) -> QuerySet[Employee]:
    """``employees`` (already scoped) filtered, with their current appointments; a fixed number of queries."""
    today = timezone.localdate()
    qs = employees
    words = flt.search.split()
    for word in words:
        qs = qs.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(patronymic__icontains=word)
            | Q(pinfl__startswith=word)
        )
    if flt.unit is not None:
        in_unit = Appointment.objects.filter(current_q(today), org_unit__path__startswith=flt.unit.path)
        qs = qs.filter(pk__in=in_unit.values("employee_id"))
    if flt.employee_type:
        qs = qs.filter(employee_type=flt.employee_type)
    if flt.status:
        qs = qs.filter(status=flt.status)
    current = Appointment.objects.filter(current_q(today)).select_related("org_unit").order_by("-rate", "pk")
    return qs.prefetch_related(Prefetch("appointments", queryset=current, to_attr="current_appointments"))


def employee_page(employee: Employee) -> dict:
    """What the employee's page shows: every appointment, the labour events, today's status."""
    appointments = list(
        employee.appointments.select_related("org_unit").order_by("end_date", "-start_date", "pk")
    )
    events = list(
        employee.labour_events.select_related("new_appointment__org_unit").order_by("-start_date", "-pk")
    )
    today = timezone.localdate()
    return {
        "appointments": appointments,
        "current": [a for a in appointments if a.is_current(today)],
        "events": events,
        "status": EmployeeStatus(status_from_events(events, today)),
        "dismissed": any(e.kind == LabourEventKind.DISMISSAL for e in events),
    }


# --- staff tables (shtat) -----------------------------------------------------------------------


@dataclass
class StaffLine:
    unit: OrgUnit
    position: str
    planned: Decimal
    filled: Decimal
    staff_unit: StaffUnit | None = None

    @property
    def vacant(self) -> Decimal:
        return self.planned - self.filled

    @property
    def position_label(self) -> str:
        from hemis.staff.enums import Position

        return str(Position(self.position).label)


def staff_table(units: QuerySet[OrgUnit], on: dt.date | None = None) -> list[StaffLine]:
    """Planned vs filled (sum of current appointment rates) vs vacant per unit and position; 3 queries."""
    on = on or timezone.localdate()
    unit_by_id = {u.pk: u for u in units}
    planned = {
        (s.org_unit_id, s.position): s for s in StaffUnit.objects.filter(org_unit_id__in=list(unit_by_id))
    }
    filled_rows = (
        Appointment.objects.filter(current_q(on), org_unit_id__in=list(unit_by_id))
        .values("org_unit_id", "position")
        .annotate(total=Sum("rate"))
    )
    filled = {(r["org_unit_id"], r["position"]): r["total"] for r in filled_rows}
    lines = []
    for key in sorted(set(planned) | set(filled), key=lambda k: (unit_by_id[k[0]].path, k[1])):
        staff_unit = planned.get(key)
        lines.append(
            StaffLine(
                unit=unit_by_id[key[0]],
                position=key[1],
                planned=staff_unit.planned_rate if staff_unit else Decimal("0.00"),
                filled=filled.get(key) or Decimal("0.00"),
                staff_unit=staff_unit,
            )
        )
    return lines


def staff_totals(lines: list[StaffLine]) -> dict[str, Decimal]:
    planned = sum((line.planned for line in lines), Decimal("0.00"))
    filled = sum((line.filled for line in lines), Decimal("0.00"))
    return {"planned": planned, "filled": filled, "vacant": planned - filled}


# --- compliance ---------------------------------------------------------------------------------


def appointments_for_compliance() -> QuerySet[Appointment]:
    return Appointment.objects.select_related("employee", "org_unit").order_by("order_date", "pk")


def staff_units_for_compliance() -> QuerySet[StaffUnit]:
    return StaffUnit.objects.select_related("org_unit").order_by("order_date", "pk")


def labour_events_for_compliance() -> QuerySet[LabourEvent]:
    kinds = [*ABSENCES, LabourEventKind.DISMISSAL]
    return LabourEvent.objects.filter(kind__in=kinds).select_related("employee").order_by("order_date", "pk")


# --- the structure tree with its staffing (the org pages show it) ---


def _count(qs) -> Coalesce:
    return Coalesce(Subquery(qs.values("n")[:1], output_field=IntegerField()), Value(0))


def unit_tree(
    units: QuerySet[OrgUnit], *, on: dt.date | None = None, search: str = "", include_closed: bool = True
):
    """Org units in tree order (by path) with the number of their child units and current appointments."""
    today = on or timezone.localdate()
    children = OrgUnit.objects.filter(parent=OuterRef("pk")).order_by().values("parent")
    current = (
        Appointment.objects.filter(org_unit=OuterRef("pk"), start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by()
        .values("org_unit")
    )
    qs = units.select_related("parent").annotate(
        child_count=_count(children.annotate(n=Count("pk"))),
        appointment_count=_count(current.annotate(n=Count("pk"))),
    )
    if not include_closed:
        qs = qs.filter(active=True)
    search = search.strip()
    if search:
        qs = qs.filter(
            Q(code__icontains=search)
            | Q(name_uz__icontains=search)
            | Q(name_ru__icontains=search)
            | Q(name_en__icontains=search)
        )
    return qs.order_by("path")
