"""Demo student orders (annex 5 items 5–7): every student's history, order by order.

Each faculty admits its students by one admission order a year (August), moves them up by one course
transfer order a year (late June or early July) and signs academic leave, expulsion, reinstatement,
return-from-leave, graduate-status and graduation orders on a few days of the year. Every order is applied
by the faculty's dean a few working days after its date. The students the core load marked as on leave or
expelled get the order that did it (this autumn); about one in a hundred of the others was expelled in an
earlier year and reinstated; those whose ID number is a year older than their group came back from a year
of academic leave into the next intake's group. Each student's status, group and course are those after
their last applied item."""

import datetime as dt
import functools
from dataclasses import dataclass, field
from random import Random
from zoneinfo import ZoneInfo

from hemis.access.models import User
from hemis.core.calendar import WorkingCalendar
from hemis.core.people import Gender
from hemis.demo import rows, structure
from hemis.movements.enums import ExpelReason, LeaveReason, OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.org.models import OrgUnit
from hemis.students.models import Group, Student, StudentStatus

TASHKENT = ZoneInfo("Asia/Tashkent")


@functools.cache
def calendar() -> WorkingCalendar:
    """The demo's six-day study week (built on first use: it reads the calendar overrides)."""
    return WorkingCalendar(study_week=6)


BATCH = 2000
NOW = structure.CURRENT_YEAR  # the academic year that started in September of this year is current
S = StudentStatus
TITLES = {
    OrderKind.ADMISSION: "Talabalikka qabul qilish toʻgʻrisida",
    OrderKind.COURSE_TRANSFER: "Talabalarni keyingi kursga oʻtkazish toʻgʻrisida",
    OrderKind.ACADEMIC_LEAVE: "Akademik taʼtil berish toʻgʻrisida",
    OrderKind.RETURN_FROM_LEAVE: "Akademik taʼtildan qaytgan talabalarni oʻqishga qoʻyish toʻgʻrisida",
    OrderKind.EXPULSION: "Talabalar safidan chetlashtirish toʻgʻrisida",
    OrderKind.REINSTATEMENT: "Talabalar safiga qayta tiklash toʻgʻrisida",
    OrderKind.GRADUATE_STATUS: "Bitiruvchi maqomini berish toʻgʻrisida",
    OrderKind.GRADUATION: "Oʻqishni tamomlagan talabalarni bitiruvchi deb hisoblash toʻgʻrisida",
}
EXPEL_REASONS = (
    (ExpelReason.OWN_WISH, 40),
    (ExpelReason.NON_PAYMENT, 25),
    (ExpelReason.ABSENCES, 15),
    (ExpelReason.TRANSFER, 12),
    (ExpelReason.DISCIPLINE, 5),
    (ExpelReason.HEALTH, 3),
)
ITEM_COLUMNS = ("order_id", "student_id", "admission_data", "target_group_id", "expel_reason", "leave_reason")
ITEM_COLUMNS += (
    "leave_until",
    "host_institution",
    "note",
    "status_before",
    "status_after",
    "group_before_id",
)
ITEM_COLUMNS += ("group_after_id", "course_before", "course_after", "graduate_before", "graduate_after")
ITEM_DEFAULTS = {"admission_data": None, "target_group_id": None, "expel_reason": "", "leave_reason": ""}
ITEM_DEFAULTS |= {"leave_until": None, "host_institution": "", "note": ""}
PERSON_FIELDS = ("last_name", "first_name", "patronymic", "pinfl", "passport", "gender", "phone", "email")
PERSON_FIELDS += ("address", "student_id_number", "payment_form", "education_type", "education_form")
PERSON_FIELDS += ("citizenship", "social_category", "accommodation")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TASHKENT)


def working_day(rng: Random, first: dt.date, last: dt.date) -> dt.date:
    day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
    while not calendar().is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@dataclass
class State:
    status: str = ""
    group: int | None = None
    course: int | None = None
    graduate: bool | None = None  # unknown before admission, as the movements service leaves it


@dataclass
class OrderDraft:
    kind: str
    faculty: int
    date: dt.date
    items: list[dict] = field(default_factory=list)


class History:
    """Collects the orders of every faculty, one draft per (faculty, kind, date), and their items."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.orders: dict[tuple[int, str, dt.date], OrderDraft] = {}
        self.days: dict[tuple[int, str, int], list[dt.date]] = {}

    def day(self, faculty: int, kind: str, first: dt.date, last: dt.date, count: int) -> dt.date:
        """One of ``count`` signing days the faculty has for this kind of order in [first, last]."""
        key = (faculty, kind, first.toordinal())
        if key not in self.days:
            self.days[key] = sorted({working_day(self.rng, first, last) for _ in range(count)})
        return self.rng.choice(self.days[key])

    def item(self, state: State, student: int, faculty: int, kind: str, day: dt.date, **changes) -> dict:
        extra = {
            k: changes.pop(k) for k in list(changes) if k not in ("status", "group", "course", "graduate")
        }
        after = State(**{**state.__dict__, **changes})
        item = {
            **ITEM_DEFAULTS,
            "student_id": student,
            "status_before": state.status,
            "status_after": after.status,
            "group_before_id": state.group,
            "group_after_id": after.group,
            "course_before": state.course,
            "course_after": after.course,
            "graduate_before": state.graduate,
            "graduate_after": after.graduate,
            **extra,
        }
        self.orders.setdefault((faculty, kind, day), OrderDraft(kind, faculty, day)).items.append(item)
        state.__dict__.update(after.__dict__)
        return item


class Movements:
    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.history = History(rng)
        self.groups = {g.pk: g for g in Group.objects.all()}
        self.younger = {}  # (programme, intake, language) -> groups, for students back from leave
        for g in sorted(self.groups.values(), key=lambda g: g.name):
            self.younger.setdefault((g.programme_id, g.intake_year, g.language), []).append(g)
        self.joined: dict[int, dt.date] = {}  # student -> the day they joined their current group

    def admission_day(self, faculty: int, year: int) -> dt.date:
        return self.history.day(faculty, OrderKind.ADMISSION, dt.date(year, 8, 18), dt.date(year, 8, 24), 1)

    def transfer_day(self, faculty: int, year: int) -> dt.date:
        return self.history.day(
            faculty, OrderKind.COURSE_TRANSFER, dt.date(year, 6, 24), dt.date(year, 7, 4), 1
        )

    def admit(self, s: dict, state: State, group: Group, year: int) -> None:
        data = {k: s[k] for k in PERSON_FIELDS}
        data |= {"birth_date": s["birth_date"].isoformat(), "programme": s["programme_id"], "course": 1}
        day = self.admission_day(s["faculty_id"], year)
        self.history.item(
            state, s["pk"], s["faculty_id"], OrderKind.ADMISSION, day,
            status=S.STUDYING, group=group.pk, course=1, graduate=False, admission_data=data, target_group_id=group.pk,
        )  # fmt: skip
        self.joined[s["pk"]] = day

    def transfers(self, s: dict, state: State, years: range) -> None:
        for year in years:
            day = self.transfer_day(s["faculty_id"], year)
            self.history.item(
                state, s["pk"], s["faculty_id"], OrderKind.COURSE_TRANSFER, day, course=state.course + 1
            )

    def leave(self, s: dict, state: State, first: dt.date, last: dt.date, until: dt.date) -> None:
        reasons = [LeaveReason.HEALTH, LeaveReason.HEALTH, LeaveReason.MATERNITY, LeaveReason.CHILDCARE]
        if s["gender"] != Gender.FEMALE:
            reasons = [LeaveReason.MILITARY, LeaveReason.HEALTH, LeaveReason.HEALTH]
        day = self.history.day(s["faculty_id"], OrderKind.ACADEMIC_LEAVE, first, last, 5)
        self.history.item(
            state, s["pk"], s["faculty_id"], OrderKind.ACADEMIC_LEAVE, day,
            status=S.ACADEMIC_LEAVE, leave_reason=self.rng.choice(reasons), leave_until=until,
        )  # fmt: skip

    def expel(self, s: dict, state: State, first: dt.date, last: dt.date) -> None:
        reasons, weights = zip(*EXPEL_REASONS, strict=True)
        day = self.history.day(s["faculty_id"], OrderKind.EXPULSION, first, last, 5)
        self.history.item(
            state, s["pk"], s["faculty_id"], OrderKind.EXPULSION, day,
            status=S.EXPELLED, group=None, expel_reason=self.rng.choices(reasons, weights)[0],
        )  # fmt: skip

    def back(self, s: dict, state: State, kind: str, day: dt.date, group: Group) -> None:
        self.history.item(
            state,
            s["pk"],
            s["faculty_id"],
            kind,
            day,
            status=S.STUDYING,
            group=group.pk,
            target_group_id=group.pk,
        )
        self.joined[s["pk"]] = day

    def student(self, s: dict) -> None:
        group = self.groups[s["group_id"]]
        intake, faculty, state = group.intake_year, s["faculty_id"], State()
        admitted = 2000 + int(s["student_id_number"][3:5])
        if admitted < intake:
            self.returned(s, state, group, admitted)
        elif s["status"] == S.STUDYING and intake < NOW and self.rng.random() < 0.012:
            self.reinstated(s, state, group)
        else:
            self.admit(s, state, group, intake)
            self.transfers(s, state, range(intake + 1, min(NOW, intake + 3) + 1))
        autumn = (dt.date(NOW, 9, 10), dt.date(NOW, 11, 25))
        if s["status"] == S.ACADEMIC_LEAVE:
            self.leave(s, state, *autumn, until=dt.date(NOW + 1, 8, 31))
        elif s["status"] == S.EXPELLED:
            self.expel(s, state, *autumn)
        elif s["status"] == S.GRADUATED:
            day = self.history.day(
                faculty, OrderKind.GRADUATE_STATUS, dt.date(NOW, 5, 18), dt.date(NOW, 5, 27), 1
            )
            self.history.item(state, s["pk"], faculty, OrderKind.GRADUATE_STATUS, day, graduate=True)
            day = self.history.day(faculty, OrderKind.GRADUATION, dt.date(NOW, 6, 22), dt.date(NOW, 6, 30), 1)
            self.history.item(state, s["pk"], faculty, OrderKind.GRADUATION, day, status=S.GRADUATED)

    def reinstated(self, s: dict, state: State, group: Group) -> None:
        intake = group.intake_year
        year = self.rng.randint(intake, NOW - 1)
        self.admit(s, state, group, intake)
        self.transfers(s, state, range(intake + 1, year + 1))
        self.expel(s, state, dt.date(year, 10, 1), dt.date(year, 12, 20))
        day = self.history.day(
            s["faculty_id"], OrderKind.REINSTATEMENT, dt.date(year + 1, 1, 12), dt.date(year + 1, 2, 10), 3
        )
        self.back(s, state, OrderKind.REINSTATEMENT, day, group)
        self.transfers(s, state, range(year + 1, NOW + 1))

    def returned(self, s: dict, state: State, group: Group, admitted: int) -> None:
        same = (
            self.younger.get((group.programme_id, admitted, group.language))
            or self.younger[next(k for k in self.younger if k[:2] == (group.programme_id, admitted))]
        )
        first_group = same[s["pk"] % len(same)]
        year = self.rng.randint(admitted, NOW - 1)  # the autumn the leave began
        self.admit(s, state, first_group, admitted)
        self.transfers(s, state, range(admitted + 1, year + 1))
        self.leave(s, state, dt.date(year, 9, 20), dt.date(year, 11, 30), until=dt.date(year + 1, 8, 31))
        day = self.history.day(
            s["faculty_id"],
            OrderKind.RETURN_FROM_LEAVE,
            dt.date(year + 1, 8, 22),
            dt.date(year + 1, 8, 29),
            2,
        )
        self.back(s, state, OrderKind.RETURN_FROM_LEAVE, day, group)
        self.transfers(s, state, range(year + 2, NOW + 1))


def _numbered(drafts: list[OrderDraft], rng: Random) -> dict[tuple[int, str, dt.date], str]:
    """Order numbers run per faculty and calendar year in date order ("312-T"), with gaps for other orders."""
    numbers, counters = {}, {}
    for d in sorted(drafts, key=lambda d: (d.faculty, d.date, d.kind)):
        key = (d.faculty, d.date.year)
        counters[key] = counters.get(key, rng.randint(3, 20)) + rng.randint(1, 9)
        numbers[d.faculty, d.kind, d.date] = f"{counters[key]}-T"
    return numbers


def _update(model, ids: list[int], **values) -> None:
    for i in range(0, len(ids), 900):
        model.objects.filter(pk__in=ids[i : i + 900]).update(**values)


def _save(history: History, rng: Random) -> tuple[list[Order], int]:
    faculties = dict(OrgUnit.objects.filter(code__startswith="F-").values_list("pk", "code"))
    deans = {scope: login for login, role, _, scope in structure.DEMO_LOGINS if role == "dean"}
    users = {u.username: u for u in User.objects.filter(username__in=deans.values())}
    drafts = sorted(history.orders.values(), key=lambda d: (d.date, d.faculty, d.kind))
    numbers = _numbered(drafts, rng)
    orders = []
    for d in drafts:
        applied = calendar().add_working_days(d.date, rng.randint(1, 3))
        orders.append(
            Order(
                kind=d.kind, number=numbers[d.faculty, d.kind, d.date], date=d.date, faculty_id=d.faculty,
                title=TITLES[d.kind], status=OrderStatus.APPLIED, applied_at=_at(applied, rng.randint(9, 17), rng.randrange(60)),
                applied_by=users[deans[faculties[d.faculty]]], created_by=users[deans[faculties[d.faculty]]],
            )
        )  # fmt: skip
    Order.objects.bulk_create(orders, batch_size=BATCH)
    items = [
        (order.pk, *(item[c] for c in ITEM_COLUMNS[1:]))
        for order, d in zip(orders, drafts, strict=True)
        for item in d.items
    ]
    rows.insert(OrderItem, ITEM_COLUMNS, items)
    for day in sorted({o.date for o in orders}):
        Order.objects.filter(date=day).update(created_at=_at(day, 9))
    return orders, len(items)


def seed(*, rng: Random) -> dict[str, int]:
    movements = Movements(rng)
    fields = ("pk", "group_id", "faculty_id", "programme_id", "status", "birth_date", *PERSON_FIELDS)
    students = list(Student.objects.order_by("pk").values(*fields))
    for s in students:
        movements.student(s)
    orders, items = _save(movements.history, rng)
    applied = {o.pk: o.applied_at for o in orders}
    by_time: dict[dt.datetime, list[int]] = {}
    for order in orders:
        if order.kind == OrderKind.ADMISSION:
            ids = [
                i["student_id"]
                for i in movements.history.orders[order.faculty_id, order.kind, order.date].items
            ]
            _update(Student, ids, created_at=applied[order.pk])
    for student, day in movements.joined.items():
        by_time.setdefault(_at(calendar().add_working_days(day, 4), 11), []).append(student)
    for when, ids in by_time.items():
        _update(Student, ids, group_assigned_at=when)
    Student.objects.filter(status=S.EXPELLED).update(group=None, group_assigned_at=None)
    Student.objects.filter(status=S.GRADUATED).update(is_graduate=True)  # the group is kept as the last one
    return {"student_orders": len(orders), "order_items": items}
