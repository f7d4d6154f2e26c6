"""Demo data of the staff issue: staff tables (shtat), labour events by order, entry dates.

Reads the employees and appointments the core load made, then (through the staff services)
adds a staff table for every unit, vacations, business trips, a few position changes and
dismissals, and dates each record's entry a few days after its order, as HR would have entered it.
"""

import datetime as dt
import random
from decimal import ROUND_CEILING, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Sum
from django.utils import timezone

from hemis.access.models import User
from hemis.staff import selectors, services
from hemis.staff.enums import EmploymentForm, LabourEventKind, Position
from hemis.staff.models import Appointment, Employee, LabourEvent, StaffUnit

SHTAT_ORDER = ("14-son", dt.date(2025, 8, 22))
DESTINATIONS = ("Samarqand", "Buxoro", "Namangan", "Andijon", "Nukus", "Qarshi", "Moskva", "Seul", "Ostona")
REASONS = ("Oʻz xohishiga binoan", "Boshqa ishga oʻtganligi sababli", "Pensiyaga chiqqanligi sababli")
QUARTER = Decimal("0.25")
TASHKENT = ZoneInfo("Asia/Tashkent")


def seed(*, rng: random.Random) -> dict[str, int]:
    hr = User.objects.filter(username="hr").first()
    today = timezone.localdate()
    lines = _staff_table(rng, hr)
    events = _labour_events(rng, hr, today)
    _entry_dates(rng, Appointment.objects.all(), today)
    _entry_dates(rng, StaffUnit.objects.all(), today)
    _entry_dates(rng, LabourEvent.objects.all(), today)
    services.refresh_statuses(on=today)
    return {"staff_units": lines, "labour_events": events}


def _staff_table(rng: random.Random, hr) -> int:
    filled = (
        Appointment.objects.filter(end_date__isnull=True)
        .values("org_unit_id", "position")
        .annotate(total=Sum("rate"))
        .order_by("org_unit_id", "position")
    )
    units = {a.org_unit_id: a.org_unit for a in Appointment.objects.select_related("org_unit")}
    for row in filled:
        planned = (row["total"] / QUARTER).to_integral_value(ROUND_CEILING) * QUARTER
        planned += rng.choice((Decimal("0"), Decimal("0"), Decimal("0.50"), Decimal("1.00")))
        services.create_staff_unit(
            actor=hr,
            org_unit=units[row["org_unit_id"]],
            position=row["position"],
            planned_rate=planned,
            order_number=SHTAT_ORDER[0],
            order_date=SHTAT_ORDER[1],
        )
    return len(filled)


def _order(rng: random.Random, before: dt.date, letter: str) -> dict:
    return {
        "order_number": f"{rng.randint(20, 480)}-{letter}",
        "order_date": before - dt.timedelta(days=rng.randint(2, 9)),
    }


def _labour_events(rng: random.Random, hr, today: dt.date) -> int:
    """Employees without a demo login: vacations, trips, two position changes, two dismissals."""
    people = list(
        Employee.objects.filter(user__isnull=True, appointments__employment_form=EmploymentForm.MAIN)
        .distinct()
        .order_by("pk")
    )
    chosen = rng.sample(people, min(len(people), 34))
    for n, employee in enumerate(chosen[:14]):
        start = (
            today + dt.timedelta(days=rng.randint(-40, 25))
            if n < 10
            else dt.date(2026, 7, rng.randint(1, 10))
        )
        _absence(rng, hr, employee, LabourEventKind.VACATION, start, rng.choice((12, 15, 24, 36)))
    for employee in chosen[14:28]:
        start = today + dt.timedelta(days=rng.randint(-60, 20))
        _absence(rng, hr, employee, LabourEventKind.BUSINESS_TRIP, start, rng.randint(2, 6))
    for employee in chosen[28:30]:
        _position_change(rng, hr, employee, today - dt.timedelta(days=rng.randint(20, 90)))
    for employee in chosen[30:32]:
        day = today - dt.timedelta(days=rng.randint(10, 120))
        services.dismiss(
            employee=employee, actor=hr, date=day, reason=rng.choice(REASONS), **_order(rng, day, "K")
        )
    return LabourEvent.objects.count()


def _absence(rng: random.Random, hr, employee: Employee, kind: str, start: dt.date, days: int) -> None:
    services.record_absence(
        employee=employee,
        actor=hr,
        kind=kind,
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        destination=rng.choice(DESTINATIONS) if kind == LabourEventKind.BUSINESS_TRIP else "",
        **_order(rng, start, "T" if kind == LabourEventKind.VACATION else "X"),
    )


def _position_change(rng: random.Random, hr, employee: Employee, day: dt.date) -> None:
    current = selectors.appointments_of(employee)
    main = next((a for a in current if a.employment_form == EmploymentForm.MAIN), None)
    if main is None or main.start_date >= day:
        return
    position = Position.SENIOR_TEACHER if main.position != Position.SENIOR_TEACHER else Position.DOCENT
    services.change_position(
        employee=employee,
        actor=hr,
        appointment=main,
        date=day,
        org_unit=main.org_unit,
        position=position,
        employment_form=EmploymentForm.MAIN,
        rate=main.rate,
        **_order(rng, day, "K"),
    )


def _entry_dates(rng: random.Random, queryset, today: dt.date) -> None:
    """When HR entered each record: mostly within the deadline, some late; never in the future."""
    rows = list(queryset.only("pk", "order_date", "created_at"))
    for row in rows:
        delay = rng.choices((0, 1, 2, 3, 5, 8, 14), weights=(20, 30, 20, 12, 8, 6, 4))[0]
        day = min(row.order_date + dt.timedelta(days=delay), today)
        row.created_at = dt.datetime.combine(day, dt.time(10, rng.randint(0, 59)), tzinfo=TASHKENT)
    queryset.model.objects.bulk_update(rows, ["created_at"], batch_size=1000)
