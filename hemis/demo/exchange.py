"""Demo data of the exchange with the ministry (annex 1 items 4 and 6, issue 15).

The sync: every record queued three working days ago; the employees' batch failed that day (the demo's
registry refused it) and went through the next working day, the other kinds at once — annex 1 item 6 on
time. The demo has no central registry: its batches are accepted by a stand-in that keeps nothing
(``DemoRegistry``); a real instance sends through the transport of its settings.
The PINFL requests: one sent to the ministry centre the day after its student was flagged (annex 1 item
4 on time), and a draft flagging an employee today."""

import datetime as dt

from django.utils import timezone

from hemis.access.models import User
from hemis.core.calendar import WorkingCalendar
from hemis.demo.teaching import TASHKENT
from hemis.exchange import services, transports
from hemis.exchange.models import PinflCorrectionLine, SyncItem
from hemis.staff.models import Employee
from hemis.students.models import Student

DAYS_AGO = 3


class DemoRegistry:
    """A registry that refuses the kinds of ``refused`` and accepts the others, keeping nothing."""

    def __init__(self, refused=()):
        self.refused = set(refused)

    def describe(self) -> str:
        return "demo registry"

    def send(self, *, kind: str, batch: str, records: list[dict]) -> None:
        if kind in self.refused:
            raise transports.TransportError("the registry answered HTTP 503")


def seed() -> dict[str, int]:
    admin = User.objects.filter(username="admin").first()
    calendar = WorkingCalendar()
    today = timezone.localdate()
    first = calendar.add_working_days(today, -DAYS_AGO)
    second = calendar.add_working_days(first, 1)
    services.collect(actor=admin, now=_at(first, 9))
    services.push(actor=admin, now=_at(first, 10), transport=DemoRegistry(refused={"employees"}))
    services.push(actor=admin, now=_at(second, 9), transport=DemoRegistry())
    lines = 0
    student = Student.objects.order_by("pk").first()
    if student is not None:
        line = services.flag_pinfl(
            student=student,
            correct_value=_free_pinfl(Student, student.pinfl),
            reason="Pasport maʼlumotlarini kiritishda raqamlar almashgan",
            actor=admin,
        )
        PinflCorrectionLine.objects.filter(pk=line.pk).update(flagged_at=_at(first, 11))
        services.send_request(
            request=line.request,
            signatory_name="A. Qodirov",
            signatory_position="Prorektor",
            sent_on=second,
            actor=admin,
        )
        lines += 1
    employee = Employee.objects.order_by("pk").first()
    if employee is not None:
        services.flag_pinfl(
            employee=employee,
            correct_value=_free_pinfl(Employee, employee.pinfl),
            reason="Shaxsiy varaqadagi JShShIR bilan mos emas",
            actor=admin,
        )
        lines += 1
    return {"sync_items": SyncItem.objects.count(), "pinfl_flags": lines}


def _free_pinfl(model, wrong: str) -> str:
    """A PINFL no record of ``model`` carries: ``wrong`` with its last digits turned."""
    for n in range(1, 100):
        value = f"{wrong[:12]}{(int(wrong[12:]) + n) % 100:02d}"
        if not model.objects.filter(pinfl=value).exists():
            return value
    raise RuntimeError("no free PINFL near the demo's")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return min(dt.datetime.combine(day, dt.time(hour), tzinfo=TASHKENT), timezone.now())
