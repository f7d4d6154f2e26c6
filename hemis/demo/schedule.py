"""Demo data of the schedule issue (annex 5 items 9–10, annex 4 item 10): teaching loads, weekly
timetables, a few cancelled and moved lessons, and the control schedule.

For the current semester and the next one: every bound group subject gets its teachers (the least
loaded teachers of the subject's department; hourly teachers are hired where a large demo's
departments cannot carry the load), and every group a week placed by a constructive, deterministic
placement — lectures as streams of a programme's groups of one course and language, laboratories by
subgroup where a group is split (groups too large for a laboratory are), at most four pairs a day —
and written through ``place_entries``, which checks every rule again. Rooms are added to the faculties'
buildings where the timetable needs more. Dates are set so that the compliance pages show most
timetables on time, a few late and a few incomplete (overdue) in the current semester, and, for the
spring, some done ahead and some still pending. Controls (midterm, final, some re-sits) go into each
group's examination weeks and are published, most groups before the deadline."""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from random import Random
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from hemis.academics.models import Semester
from hemis.access.models import RoleGrant, User
from hemis.core.calendar import WorkingCalendar
from hemis.core.people import Gender
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek, SubjectLoad
from hemis.demo import rows as demo_rows
from hemis.demo import structure
from hemis.demo.identity import IdentityMaker
from hemis.demo.timetable import DAYS, MAX_A_DAY, POOLS, Campus, Item, Teacher, Week, least_loaded, weekly
from hemis.org.models import Building, OrgUnit, Room, RoomType, StructureType
from hemis.org.services import rooms as rooms_services
from hemis.schedule.enums import Attempt, ControlKind, LessonKind, LessonStatus, Weeks
from hemis.schedule.models import (
    PAIR_HOURS,
    ControlPublication,
    GroupSlot,
    Lesson,
    LessonGroup,
    TeachingLoad,
    TimetableEntry,
)
from hemis.schedule.monitoring import TIMETABLED
from hemis.schedule.services import controls, lessons
from hemis.schedule.services.entries import EntrySpec, SemesterDays, place_entries, week_number
from hemis.schedule.services.placement import Attendee
from hemis.staff.enums import EmploymentForm, Position
from hemis.staff.models import Appointment, Employee, EmployeeType
from hemis.students.models import Group, GroupSubject, Student, StudentStatus, Subgroup
from hemis.students.selectors import curriculum_semester_number

TASHKENT = ZoneInfo("Asia/Tashkent")
STREAM_SEATS = 120
LAB_SEATS = 24  # a group larger than the laboratories is split into two subgroups for them
WEEKLY_PAIRS = 20  # what a full-time teacher can carry a week; a head of department half of it
TEACHING = {
    Position.HEAD_OF_DEPARTMENT,
    Position.PROFESSOR,
    Position.DOCENT,
    Position.SENIOR_TEACHER,
    Position.ASSISTANT,
    Position.INTERN_TEACHER,
    Position.TEACHER,
}
DEAN_LOGINS = {login for login, role, _faculty, _scope in structure.DEMO_LOGINS if role == "dean"}
# New buildings for the faculties' rooms: faculty code -> (name, address, room letter)
BUILDINGS = {
    "F-KT": ("4-oʻquv binosi (Kimyoviy texnologiya fakulteti)", "Navoiy koʻchasi, 36", "D"),
    "F-OT": ("5-oʻquv binosi (Oziq-ovqat texnologiyasi fakulteti)", "Abay koʻchasi, 9", "E"),
    "F-NG": ("6-oʻquv binosi (Neft-gaz kimyosi fakulteti)", "Abay koʻchasi, 11", "F"),
    "F-IB": ("7-oʻquv binosi (Iqtisodiyot va boshqaruv fakulteti)", "Navoiy koʻchasi, 38", "G"),
}
NEW_ROOMS = {  # pool -> (room type, seats, name)
    "lecture": (RoomType.LECTURE, 150, "Maʼruzaxona"),
    "class": (RoomType.PRACTICE, 32, ""),
    "lab": (RoomType.LABORATORY, 24, "Laboratoriya"),
}
SLOTS_A_WEEK = 20  # pairs a week a room is planned for (of 36), so that the placement has room to choose
CANCEL_REASONS = (
    "Oʻqituvchi kasal (kasallik varaqasi)",
    "Oʻqituvchi xizmat safarida",
    "Universitet sport musobaqasi",
    "Xonada taʼmirlash ishlari",
    "Oʻqituvchi malaka oshirish kursida",
)
LOAD_COLUMNS = (
    "group_subject_id",
    "training_type",
    "teacher_id",
    "assigned_on",
    "created_at",
    "updated_at",
    "created_by_id",
)
# Shares of groups for the compliance cases (per mille of the groups of a semester)
LATE, INCOMPLETE, PENDING, UNPUBLISHED, RESITS = 50, 30, 400, 80, 120
LATE_FACULTY, INCOMPLETE_FACULTY, AHEAD_FACULTY = "F-OT", "F-IB", "F-KT"


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TASHKENT)


# --- what the timetable is made of ------------------------------------------------------------------


class World:
    """What the timetables are made of: the two semesters, their bound subjects and hours, the groups'
    week schedules and sizes, the deans (who enter the timetables) and the departments' teachers."""

    def __init__(self, today: dt.date):
        self.today = today
        self.calendar = WorkingCalendar()
        self.current = Semester.objects.select_related("academic_year").get(is_current=True)
        self.next = (
            Semester.objects.select_related("academic_year")
            .filter(start_date__gt=self.current.start_date)
            .order_by("start_date")
            .first()
        )
        self.semesters = [s for s in (self.current, self.next) if s is not None]
        self.bindings = {
            s.pk: list(
                GroupSubject.objects.filter(semester=s, group__is_active=True)
                .select_related("curriculum_subject__subject", "curriculum_subject__department")
                .order_by("group__name", "curriculum_subject__subject__code")
            )
            for s in self.semesters
        }
        subjects = {b.curriculum_subject_id for rows in self.bindings.values() for b in rows}
        self.hours: dict[int, dict[str, int]] = defaultdict(dict)
        for cs, kind, hours in SubjectLoad.objects.filter(curriculum_subject_id__in=subjects).values_list(
            "curriculum_subject_id", "training_type", "hours"
        ):
            self.hours[cs][kind] = hours
        self.group_ids = sorted({b.group_id for rows in self.bindings.values() for b in rows})
        self.sizes = dict(
            Student.objects.filter(group_id__in=self.group_ids, status=StudentStatus.STUDYING)
            .values_list("group_id")
            .annotate(n=Count("id"))
            .values_list("group_id", "n")
        )
        curricula = Group.objects.filter(pk__in=self.group_ids).values_list("curriculum_id", flat=True)
        self.weeks: dict[tuple[int, int], list[tuple]] = defaultdict(list)
        for row in (
            CurriculumWeek.objects.filter(semester__curriculum_id__in=set(curricula))
            .values_list("semester__curriculum_id", "semester__number", "kind", "start_date", "end_date")
            .order_by("semester__curriculum_id", "semester__number", "number")
        ):
            self.weeks[row[0], row[1]].append(row[2:])
        self.faculties = {u.code: u for u in OrgUnit.objects.filter(structure_type=StructureType.FACULTY)}
        self.deans = {
            g.org_unit_id: g.user
            for g in RoleGrant.objects.filter(role_id="dean", user__username__in=DEAN_LOGINS)
            .select_related("user")
            .order_by("pk")
        }
        self.academic = User.objects.get(username="academic")
        self.teacher_user = User.objects.filter(username="teacher").values_list("pk", flat=True).first()
        self.sub_sizes: dict[int, int] = {}
        self.groups: dict[int, Group] = {}
        self.pools: dict[int, list[Teacher]] = {}  # each department's teachers

    def load_groups(self) -> None:
        """The groups with their subgroups (after the subgroups are made), shared by every binding."""
        self.groups = Group.objects.prefetch_related("subgroups").in_bulk(self.group_ids)
        for rows in self.bindings.values():
            for b in rows:
                b.group = self.groups[b.group_id]

    def semester_weeks(self, group: Group, semester: Semester) -> list[tuple]:
        return self.weeks.get((group.curriculum_id, curriculum_semester_number(group, semester)), [])

    def theory_weeks(self, group: Group, semester: Semester) -> int:
        weeks = self.semester_weeks(group, semester)
        if not weeks:
            return max(1, ((semester.end_date - semester.start_date).days + 1) // 7)
        return max(1, sum(1 for kind, *_ in weeks if kind == WeekKind.THEORY))

    def exam_days(self, group: Group, semester: Semester) -> list[dt.date]:
        """Working days of the group's examination weeks (else of the semester's last two weeks)."""
        spans = [(s, e) for kind, s, e in self.semester_weeks(group, semester) if kind == WeekKind.EXAMS]
        if not spans:
            spans = [(semester.end_date - dt.timedelta(days=13), semester.end_date)]
        return [
            day
            for start, end in spans
            for day in self.working_days(max(start, semester.start_date), min(end, semester.end_date))
            if day.isoweekday() in DAYS
        ]

    def working_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        days, day = [], first
        while day <= last:
            if self.calendar.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def due(self, start: dt.date) -> dt.date:
        """Five working days before ``start`` (annex 5 items 9 and 10)."""
        return self.calendar.add_working_days(start, -5)

    def dean(self, faculty_id: int) -> User:
        return self.deans.get(faculty_id) or self.academic


def _subgroups(world: World) -> int:
    """Split in two, for laboratory work, the groups too large for a laboratory that have some this
    year (students in alphabetical order; bulk inserts, as for the other large demo tables)."""
    lab_groups = {
        b.group_id
        for rows in world.bindings.values()
        for b in rows
        if world.hours[b.curriculum_subject_id].get(TrainingType.LABORATORY)
        and world.sizes.get(b.group_id, 0) > LAB_SEATS
    }
    lab_groups -= set(Subgroup.objects.values_list("group_id", flat=True))
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, pk in (
        Student.objects.filter(group_id__in=lab_groups, status=StudentStatus.STUDYING)
        .order_by("group_id", "last_name", "first_name", "pk")
        .values_list("group_id", "pk")
    ):
        members[group_id].append(pk)
    groups = sorted(Group.objects.filter(pk__in=lab_groups), key=lambda g: g.name)
    made = Subgroup.objects.bulk_create(
        [
            Subgroup(group=g, name=name, created_by=world.dean(g.faculty_id))
            for g in groups
            for name in ("1", "2")
        ],
        batch_size=1000,
    )
    rows = []
    for subgroup in made:
        people = members[subgroup.group_id]
        half = (len(people) + 1) // 2
        part = people[:half] if subgroup.name == "1" else people[half:]
        world.sub_sizes[subgroup.pk] = len(part)
        rows += [(subgroup.pk, student) for student in part]
    demo_rows.insert(Subgroup.students.through, ("subgroup_id", "student_id"), rows)
    made_on = _at(world.calendar.add_working_days(world.current.start_date, 3), 11)
    Subgroup.objects.filter(pk__in=[s.pk for s in made]).update(created_at=made_on)
    return len(made)


def _items(world: World, semester: Semester) -> list[Item]:
    items: list[Item] = []
    lectures: dict[tuple, list[GroupSubject]] = defaultdict(list)
    for b in world.bindings[semester.pk]:
        group, cs = b.group, b.curriculum_subject
        weeks = world.theory_weeks(group, semester)
        for kind in sorted(TIMETABLED):
            hours = world.hours[cs.pk].get(kind, 0)
            if not hours:
                continue
            if kind == TrainingType.LECTURE:
                lectures[cs.pk, group.language].append(b)
                continue
            parts = list(group.subgroups.all()) if kind == TrainingType.LABORATORY else []
            for attendee in [Attendee(group, s) for s in parts] or [Attendee(group)]:
                seats = world.sub_sizes.get(attendee.part) or world.sizes.get(group.pk, 0)
                items.append(_item(b, kind, [attendee], [b], weekly(hours, weeks), seats))
    for (cs_id, _language), rows in sorted(lectures.items()):
        weeks = world.theory_weeks(rows[0].group, semester)
        pairs = weekly(world.hours[cs_id][TrainingType.LECTURE], weeks)
        stream: list[GroupSubject] = []
        for b in rows + [None]:
            seats = sum(world.sizes.get(x.group_id, 0) for x in stream)
            if stream and (b is None or seats + world.sizes.get(b.group_id, 0) > STREAM_SEATS):
                items.append(
                    _item(
                        stream[0],
                        TrainingType.LECTURE,
                        [Attendee(x.group) for x in stream],
                        stream,
                        pairs,
                        seats,
                    )
                )
                stream = []
            if b is not None:
                stream.append(b)
    demand: dict[int, int] = defaultdict(int)
    for item in items:
        for group in item.groups:
            demand[group.pk] += item.weight
    items.sort(
        key=lambda i: (
            -len(i.attendees),
            -max(demand[g.pk] for g in i.groups),
            i.attendees[0].group.name,
            i.subject.code,
            i.training_type,
            i.attendees[0].part,
        )
    )
    return items


def _item(b: GroupSubject, kind: str, attendees, bindings, pairs: tuple[int, int], seats: int) -> Item:
    cs = b.curriculum_subject
    return Item(
        subject=cs.subject,
        training_type=kind,
        department_id=cs.department_id,
        attendees=attendees,
        bindings=bindings,
        pairs=pairs[0],
        halves=pairs[1],
        seats=seats,
        morning=b.group.course in (1, 3),
    )


# --- teachers and rooms ---------------------------------------------------------------------------


def _teachers(world: World) -> dict[int, list[Teacher]]:
    """Each department's teachers (one ``Teacher`` per person, shared by the departments they teach in)."""
    last = world.semesters[-1].end_date
    rows = (
        Appointment.objects.filter(
            org_unit__structure_type=StructureType.DEPARTMENT,
            position__in=TEACHING,
            start_date__lte=world.today,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=last))
        .select_related("employee")
        .order_by("org_unit_id", "employee_id")
    )
    people: dict[int, Teacher] = {}
    pools: dict[int, list[Teacher]] = defaultdict(list)
    for a in rows:
        if a.position == Position.HEAD_OF_DEPARTMENT:
            capacity = WEEKLY_PAIRS // 2
        else:
            capacity = max(5, round(WEEKLY_PAIRS * float(a.rate)))
        teacher = people.get(a.employee_id)
        if teacher is None:
            teacher = people[a.employee_id] = Teacher(a.employee, capacity)
        else:  # a part-time appointment of someone already counted
            teacher.capacity += capacity
        if all(t is not teacher for t in pools[a.org_unit_id]):
            pools[a.org_unit_id].append(teacher)
    return pools


def _hire(world: World, pools: dict[int, list[Teacher]], demand: dict[int, float], rng: Random) -> int:
    """Hourly teachers for the departments whose weekly pairs exceed what their teachers can carry
    (a large demo has many more groups than the demo's fixed staff can teach)."""
    wanted = {
        unit: math.ceil((pairs - sum(t.capacity for t in pools[unit])) / WEEKLY_PAIRS)
        for unit, pairs in sorted(demand.items())
        if pairs > sum(t.capacity for t in pools[unit])
    }
    if not wanted:
        return 0
    maker = IdentityMaker(rng)
    maker.pinfls.update(Employee.objects.values_list("pinfl", flat=True))
    maker.pinfls.update(Student.objects.values_list("pinfl", flat=True))
    maker.passports.update(Employee.objects.values_list("passport", flat=True))
    maker.passports.update(Student.objects.values_list("passport", flat=True))
    people = []
    for unit, count in wanted.items():
        for _n in range(count):
            female = rng.random() < 0.5
            person = maker.person(female=female, born_from=1975, born_to=1998, uzbek_patronymic=0.1)
            employee = Employee(
                last_name=person.last_name,
                first_name=person.first_name,
                patronymic=person.patronymic,
                pinfl=person.pinfl,
                passport=person.passport,
                birth_date=person.birth_date,
                gender=Gender.FEMALE if female else Gender.MALE,
                phone=person.phone,
                email=maker.email(person, structure.EMAIL_DOMAIN),
                address=person.address,
                employee_type=EmployeeType.TEACHING,
            )
            people.append((unit, employee))
    hired = Employee.objects.bulk_create([e for _u, e in people], batch_size=1000)
    order_date = dt.date(2026, 8, 20)
    Appointment.objects.bulk_create(
        [
            Appointment(
                employee=employee,
                org_unit_id=unit,
                position=Position.TEACHER,
                employment_form=EmploymentForm.HOURLY,
                rate=Decimal("1.00"),
                order_number=f"{300 + n % 150}-K",
                order_date=order_date,
                start_date=dt.date(2026, 8, 25),
                created_by=world.academic,
            )
            for n, ((unit, _e), employee) in enumerate(zip(people, hired, strict=True))
        ],
        batch_size=1000,
    )
    Employee.objects.filter(pk__in=[e.pk for e in hired]).update(
        created_at=_at(order_date + dt.timedelta(days=1))
    )
    Appointment.objects.filter(employee__in=hired).update(created_at=_at(order_date + dt.timedelta(days=1)))
    for (unit, _e), employee in zip(people, hired, strict=True):
        pools[unit].append(Teacher(employee, WEEKLY_PAIRS))
    return len(hired)


def _pool_of(room: Room) -> str:
    if room.room_type == RoomType.LECTURE:
        return "lecture"
    return "lab" if room.room_type == RoomType.LABORATORY else "class"


def _campus(world: World, demand: dict[tuple[int, str], float]) -> tuple[Campus, int]:
    """The rooms of each faculty: the university's rooms shared out among the faculties, and new rooms
    in a faculty's own building where its timetable needs more (entered before the academic year)."""
    order = [world.faculties[f.code] for f in structure.FACULTIES]
    rooms: dict[int, dict[str, list[Room]]] = {f.pk: {"lecture": [], "class": [], "lab": []} for f in order}
    for n, room in enumerate(Room.objects.filter(active=True).order_by("number")):
        rooms[order[n % len(order)].pk][_pool_of(room)].append(room)
    new: list[tuple[int, str, Room]] = []
    for faculty in order:
        name, address, letter = BUILDINGS[faculty.code]
        wanted = [
            (pool, math.ceil(demand.get((faculty.pk, pool), 0) / SLOTS_A_WEEK) - len(rooms[faculty.pk][pool]))
            for pool in NEW_ROOMS
        ]
        if all(count <= 0 for _pool, count in wanted):
            continue
        building = Building.objects.filter(name=name).first() or rooms_services.save_building(
            actor=world.academic, name=name, address=address
        )
        index = Room.objects.filter(building=building).count()
        for pool, count in wanted:
            room_type, capacity, label = NEW_ROOMS[pool]
            for _n in range(max(0, count)):
                number = f"{letter}-{index // 20 + 1}{index % 20 + 1:02d}"
                room = Room(
                    building=building,
                    number=number,
                    capacity=capacity,
                    room_type=room_type,
                    name=label,
                    created_by=world.academic,
                )
                new.append((faculty.pk, pool, room))
                index += 1
    Room.objects.bulk_create([room for _f, _p, room in new], batch_size=1000)
    for faculty_id, pool, room in new:
        rooms[faculty_id][pool].append(room)
    entered = _at(dt.date(2026, 8, 24), 15)
    Room.objects.filter(pk__in=[room.pk for _f, _p, room in new]).update(created_at=entered)
    Building.objects.filter(name__in=[b[0] for b in BUILDINGS.values()]).update(created_at=entered)
    return Campus(rooms), len(new)


# --- writing a semester ---------------------------------------------------------------------------


@dataclass
class Plan:
    """When each group's timetable of a semester was made, and which groups' are not complete yet."""

    base: dict[int, dt.datetime]  # group id -> when its dean's office entered its own entries
    left_out: set[int]  # groups one of whose loads is not on the timetable yet
    assigned_on: dt.date


def _share(rng: Random, groups: list[Group], count: int) -> list[Group]:
    """``count`` of ``groups`` (at least one, at most all)."""
    return rng.sample(groups, min(len(groups), max(1, count))) if groups else []


def _dates_plan(world: World, semester: Semester, groups: list[Group], rng: Random) -> Plan:
    """Current semester: most timetables made in the week or so before the deadline, a few after it, a
    few still incomplete. Next semester: the deans' offices are at work on it — some groups done ahead,
    others not yet complete (pending)."""
    due = world.due(semester.start_date)
    by_faculty: dict[str, list[Group]] = defaultdict(list)
    codes = {f.pk: code for code, f in world.faculties.items()}
    for group in groups:
        by_faculty[codes[group.faculty_id]].append(group)
    base: dict[int, dt.datetime] = {}
    if semester.start_date <= world.today:
        late = {g.pk for g in _share(rng, by_faculty[LATE_FACULTY], len(groups) * LATE // 1000)}
        left_out = {
            g.pk for g in _share(rng, by_faculty[INCOMPLETE_FACULTY], len(groups) * INCOMPLETE // 1000)
        }
        for group in groups:
            offset = rng.randint(1, 4) if group.pk in late else -rng.randint(1, 8)
            day = min(world.calendar.add_working_days(due, offset), world.today - dt.timedelta(days=1))
            base[group.pk] = _at(day, rng.randint(9, 17), rng.randint(0, 59))
        assigned_on = world.calendar.add_working_days(due, -12)
    else:
        last = min(due, world.today) - dt.timedelta(days=1)  # the last four weeks up to yesterday
        days = world.working_days(last - dt.timedelta(days=27), last)
        pending = [g for code, rows in sorted(by_faculty.items()) if code != AHEAD_FACULTY for g in rows]
        left_out = {g.pk for g in _share(rng, pending, len(pending) * PENDING // 1000)}
        for group in groups:
            base[group.pk] = _at(rng.choice(days), rng.randint(9, 17), rng.randint(0, 59))
        assigned_on = days[0] - dt.timedelta(days=4)
    return Plan(base, left_out, assigned_on)


def _loads(world: World, semester: Semester, items: list[Item], plan: Plan) -> int:
    """Every bound subject's teachers per lesson type; independent work and course work go to the
    teacher of the subject's lectures (else of its other lessons)."""
    rows: set[tuple[int, str, int]] = set()  # (group subject, lesson type, teacher)
    first: dict[int, Employee] = {}
    for item in sorted(items, key=lambda i: i.training_type != TrainingType.LECTURE):
        for b in item.bindings:
            rows.add((b.pk, item.training_type, item.teacher.pk))
            first.setdefault(b.pk, item.teacher.employee)
    for b in world.bindings[semester.pk]:
        for kind, hours in sorted(world.hours[b.curriculum_subject_id].items()):
            if hours and kind not in TIMETABLED:
                pool = world.pools[b.curriculum_subject.department_id]
                teacher = first.get(b.pk) or least_loaded(pool).employee
                first.setdefault(b.pk, teacher)
                rows.add((b.pk, kind, teacher.pk))
    heads = {g.org_unit_id: g.user_id for g in RoleGrant.objects.filter(role_id="head")}
    units = {b.pk: b.curriculum_subject.department_id for b in world.bindings[semester.pk]}
    at = _at(plan.assigned_on, 9)
    loads = [
        (b, kind, teacher, plan.assigned_on, at, at, heads.get(units[b], world.academic.pk))
        for (b, kind, teacher) in sorted(rows)
    ]
    return demo_rows.insert(TeachingLoad, LOAD_COLUMNS, loads)


def _spec(semester: Semester, item: Item, slot: tuple) -> EntrySpec:
    day, pair, weeks, room, numbers = slot
    return EntrySpec(
        semester=semester,
        subject=item.subject,
        training_type=item.training_type,
        teacher=item.teacher.employee,
        room=room,
        weekday=day,
        pair=pair,
        attendees=item.attendees,
        weeks=weeks,
        week_numbers=numbers,
    )


class MakeUp:
    """Holidays take lessons: a weekday's holidays, fewer odd weeks. Where an item's dated lessons give
    fewer hours than the curriculum, it gets one more pair in the last weeks it is short of (listed
    weeks), as a dean's office does — placed right after the item, while its groups have room."""

    def __init__(self, world: World, semester: Semester, week: Week):
        self.world, self.semester, self.week = world, semester, week
        self.days = SemesterDays(semester, world.calendar)
        self.lost: dict[tuple, dict[int, int]] = {}
        self.added = self.short = 0

    def lost_days(self, item: Item) -> dict[int, int]:
        """Weekday -> the lessons a weekly pair on it loses against the best weekday (the placement
        prefers the weekdays with fewer holidays)."""
        group = item.groups[0]
        key = (group.curriculum_id, group.course)
        if key not in self.lost:
            probe = [_probe(self.semester, group, day) for day in DAYS]
            counts = {day: len(self.days.dates(spec)) for day, spec in zip(DAYS, probe, strict=True)}
            self.lost[key] = {day: max(counts.values()) - n for day, n in counts.items()}
        return self.lost[key]

    def make_up(self, item: Item) -> None:
        semester = self.semester
        planned = self.world.hours[item.bindings[0].curriculum_subject_id][item.training_type]
        # one lesson to spare for the ``teacher`` login, whose lesson of the coming week is cancelled
        wanted_hours = planned + (
            PAIR_HOURS if item.teacher.employee.user_id == self.world.teacher_user else 0
        )
        given = PAIR_HOURS * sum(len(self.days.dates(_spec(semester, item, slot))) for slot in item.slots)
        for half in (True, True, False):
            if given >= wanted_hours:
                break
            slot = self.week.add_pair(item, half=half)
            if slot is None:
                continue
            dates = self.days.dates(_spec(semester, item, (*slot, [])))
            wanted = dates[-math.ceil((wanted_hours - given) / PAIR_HOURS) :]
            if not wanted:
                continue
            item.slots.append((*slot[:2], Weeks.LIST, slot[3], [week_number(semester, d) for d in wanted]))
            given += PAIR_HOURS * len(wanted)
            self.added += 1
        item.slack = given - planned
        self.short += given < planned


def _probe(semester: Semester, group: Group, day: int) -> EntrySpec:
    """A weekly pair of ``group`` on ``day``, to count its dated lessons."""
    return EntrySpec(
        semester=semester,
        subject=None,
        training_type="",
        teacher=None,
        room=None,
        weekday=day,
        pair=1,
        attendees=[Attendee(group)],
    )


def _set_times(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Date records as made when the demo says they were (``created_at`` is set on insert): each row is
    the ``columns``' datetimes and the record's id; one statement for them all."""
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE id = %s"
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*map(adapt, row[:-1]), row[-1]) for row in rows])


def _write(world: World, semester: Semester, items: list[Item], plan: Plan) -> int:
    """Write the placed items through ``place_entries``, one batch per faculty, then date them."""
    own: dict[int, list[Item]] = defaultdict(list)  # a group's placed whole-group items, not streams
    for item in items:
        if item.slots and len(item.attendees) == 1 and item.attendees[0].subgroup is None:
            own[item.groups[0].pk].append(item)
    left_out = {id(own[g][-1]) for g in sorted(plan.left_out) if own[g]}
    by_faculty: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        if item.slots and id(item) not in left_out:
            by_faculty[item.groups[0].faculty_id].append(item)
    written = 0
    for faculty_id, rows in sorted(by_faculty.items()):
        specs, owners = [], []
        for item in rows:
            for slot in item.slots:
                specs.append(_spec(semester, item, slot))
                owners.append(item)
        entries = place_entries(specs=specs, actor=world.dean(faculty_id))
        seen: dict[int, int] = defaultdict(int)
        dated = []
        for entry, item in zip(entries, owners, strict=True):
            item.entry_ids.append(entry.pk)
            start = min(plan.base[g.pk] for g in item.groups)
            seen[item.groups[0].pk] += 1
            # a group's own entries end at its base time; a stream's come before, at its earliest group's
            minutes = seen[item.groups[0].pk] + (0 if len(item.groups) == 1 else 90)
            dated.append((start - dt.timedelta(minutes=minutes), entry.pk))
        _set_times(TimetableEntry, ("created_at",), dated)
        written += len(entries)
    entry_time = TimetableEntry.objects.filter(pk=OuterRef("entry_id")).values("created_at")[:1]
    Lesson.objects.filter(semester=semester, kind=LessonKind.LESSON).update(created_at=Subquery(entry_time))
    return written


# --- the current semester: edits and the control schedule -------------------------------------------


def _edits(world: World, semester: Semester, items: list[Item], rng: Random) -> tuple[int, int]:
    """Cancel a few past lessons with a reason and move a few to another day or pair of their week (one
    of each among the ``teacher`` login's lessons of the coming week). Lessons are cancelled only where
    the timetable gives more hours than the curriculum, one a load, so that the hours still suffice."""
    scheduled = Lesson.objects.filter(
        semester=semester, kind=LessonKind.LESSON, status=LessonStatus.SCHEDULED
    )
    spare = [item for item in items if item.slack >= PAIR_HOURS and item.entry_ids]
    count = max(6, len(world.group_ids) // 5)
    monday = world.today - dt.timedelta(days=world.today.weekday())
    coming = scheduled.filter(
        teacher__user__username="teacher",
        date__gte=monday + dt.timedelta(days=7),
        date__lt=monday + dt.timedelta(days=14),
    ).order_by("date", "pair")
    by_entry = {pk: item for item in spare for pk in item.entry_ids}
    first = next((lesson for lesson in coming if lesson.entry_id in by_entry), None)
    mine = by_entry[first.entry_id] if first else None
    past = list(scheduled.filter(date__lt=world.today).order_by("pk").values_list("pk", "entry_id"))
    of_entry: dict[int, list[int]] = defaultdict(list)
    for pk, entry_id in past:
        of_entry[entry_id].append(pk)
    chosen = [first.pk] if first else []
    for item in rng.sample([i for i in spare if i is not mine], min(count, len(spare) - bool(mine))):
        candidates = [pk for entry_id in item.entry_ids for pk in of_entry[entry_id]]
        chosen += [rng.choice(candidates)] if candidates else []
    for lesson in Lesson.objects.filter(pk__in=chosen).order_by("date", "pk"):
        lessons.cancel_lesson(
            lesson=lesson, reason=rng.choice(CANCEL_REASONS), actor=world.dean(lesson.faculty_id)
        )
    cancelled = set(chosen)
    kept = [pk for pk, _entry in past if pk not in cancelled]
    to_move = rng.sample(kept, min(len(kept), max(4, len(world.group_ids) // 10)))
    to_move += list(coming.exclude(pk__in=cancelled).values_list("pk", flat=True)[:1])
    moved = sum(
        _move(world, lesson) for lesson in Lesson.objects.filter(pk__in=to_move).order_by("date", "pk")
    )
    return len(cancelled), moved


def _move(world: World, lesson: Lesson) -> bool:
    """Move ``lesson`` to the first free pair of another working day of its week (at most four pairs a
    day for its groups); the service refuses any clash, and the next pair is tried."""
    groups = list(lesson.attendees.values_list("group_id", flat=True))
    monday = lesson.date - dt.timedelta(days=lesson.date.weekday())
    for offset in (1, 2, 3, -1, -2, 4, -3, 5):
        day = lesson.date + dt.timedelta(days=offset)
        if not (monday <= day < monday + dt.timedelta(days=6)) or not world.calendar.is_working_day(day):
            continue
        busy = defaultdict(set)
        slots = GroupSlot.objects.filter(group_id__in=groups, date=day, active=True)
        for group_id, pair in slots.values_list("group_id", "pair"):
            busy[group_id].add(pair)
        if any(len(busy[g]) >= MAX_A_DAY for g in groups):
            continue
        for pair in (5, 4, 6, 3, 2, 1):
            if any(pair in busy[g] for g in groups):
                continue
            try:
                lessons.move_lesson(lesson=lesson, date=day, pair=pair, actor=world.dean(lesson.faculty_id))
            except ValidationError:
                continue
            return True
    return False


class Exams:
    """The control schedule being built: who and what is taken at each date and pair."""

    def __init__(self, world: World, campus: Campus):
        self.world = world
        self.rooms = {
            f: sorted(p["class"] + p["lecture"], key=lambda r: (r.capacity, r.pk))
            for f, p in campus.rooms.items()
        }
        self.taken: set[tuple] = set()
        self.per_day: dict[tuple[int, dt.date], int] = defaultdict(int)

    def place(
        self, b: GroupSubject, examiner: Employee, kind: str, days: list[dt.date], attempt: str
    ) -> Lesson | None:
        group = b.group
        seats = self.world.sizes.get(group.pk, 0)
        for day in days:
            if self.per_day[group.pk, day] >= (2 if kind == ControlKind.MIDTERM else 1):
                continue
            for pair in (1, 2, 3, 4):
                if ("g", group.pk, day, pair) in self.taken or ("t", examiner.pk, day, pair) in self.taken:
                    continue
                room = next(
                    (
                        r
                        for r in self.rooms[group.faculty_id]
                        if r.capacity >= seats and ("r", r.pk, day, pair) not in self.taken
                    ),
                    None,
                )
                if room is None:
                    continue
                lesson = controls.schedule_control(
                    group_subject=b,
                    control_kind=kind,
                    attempt=attempt,
                    date=day,
                    pair=pair,
                    room=room,
                    examiner=examiner,
                    actor=self.world.dean(group.faculty_id),
                )
                self.taken |= {
                    ("g", group.pk, day, pair),
                    ("t", examiner.pk, day, pair),
                    ("r", room.pk, day, pair),
                }
                self.per_day[group.pk, day] += 1
                return lesson
        return None


def _controls(world: World, semester: Semester, campus: Campus, rng: Random) -> tuple[int, int]:
    """Midterm and final controls of every bound subject in the group's examination weeks (midterms in
    the first days, finals spread over the rest), a 2nd-statement re-sit for some groups after them,
    and the publication of most groups' schedules before the deadline (5 working days before the
    first examination day)."""
    order = {TrainingType.LECTURE: 0, TrainingType.PRACTICAL: 1, TrainingType.LABORATORY: 2}
    examiners: dict[int, tuple[str, Employee]] = {}  # group subject -> (lesson type, teacher)
    for load in (
        TeachingLoad.objects.filter(group_subject__semester=semester)
        .select_related("teacher")
        .order_by("group_subject_id", "pk")
    ):
        best = examiners.get(load.group_subject_id)
        if best is None or order.get(load.training_type, 9) < order.get(best[0], 9):
            examiners[load.group_subject_id] = (load.training_type, load.teacher)
    by_group: dict[int, list[GroupSubject]] = defaultdict(list)
    for b in world.bindings[semester.pk]:
        by_group[b.group_id].append(b)
    exams = Exams(world, campus)
    of_group: dict[int, list[int]] = defaultdict(list)  # the controls placed for each group

    def place(b: GroupSubject, examiner, kind: str, days: list[dt.date], attempt: str) -> int:
        lesson = exams.place(b, examiner, kind, days, attempt)
        if lesson is not None:
            of_group[b.group_id].append(lesson.pk)
        return lesson is not None

    count = 0
    exam_days: dict[int, list[dt.date]] = {}  # of the groups that have examination days, by name
    for rows in sorted(by_group.values(), key=lambda rows: rows[0].group.name):
        days = world.exam_days(rows[0].group, semester)
        if not days:
            continue
        exam_days[rows[0].group_id] = days
        split = max(1, len(days) // 3)
        midterms, finals = days[:split], days[split:] or days
        for i, b in enumerate(rows):
            if b.pk not in examiners:  # no hours, no teacher, no control
                continue
            examiner = examiners[b.pk][1]
            for kind, pool, start in ((ControlKind.MIDTERM, midterms, i), (ControlKind.FINAL, finals, 2 * i)):
                rotated = pool[start % len(pool) :] + pool[: start % len(pool)]
                count += place(b, examiner, kind, rotated, Attempt.FIRST)
    groups = [world.groups[group_id] for group_id in exam_days]
    for group in _share(rng, groups, len(groups) * RESITS // 1000):
        b = rng.choice([x for x in by_group[group.pk] if x.pk in examiners])
        after = exam_days[group.pk][-1]
        days = [
            d
            for d in world.working_days(after + dt.timedelta(days=1), after + dt.timedelta(days=14))
            if d.isoweekday() in DAYS
        ]
        count += place(b, examiners[b.pk][1], ControlKind.FINAL, days, Attempt.SECOND)
    unpublished = {g.pk for g in _share(rng, groups, len(groups) * UNPUBLISHED // 1000)}
    publications, published = [], []  # rows for _set_times: when each was published, and its id
    for group in groups:
        if group.pk in unpublished:
            continue
        publication = controls.publish_controls(
            group=group, semester=semester, actor=world.dean(group.faculty_id)
        )
        day = min(
            world.calendar.add_working_days(world.due(exam_days[group.pk][0]), -rng.randint(1, 6)),
            world.today - dt.timedelta(days=1),
        )
        at = _at(day, rng.randint(9, 17), rng.randint(0, 59))
        publications.append((at, at, publication.pk))
        published += [(at, at - dt.timedelta(days=2), pk) for pk in of_group[group.pk]]
    _set_times(ControlPublication, ("published_at", "created_at"), publications)
    _set_times(Lesson, ("published_at", "created_at"), published)
    return count, len(publications)


# --- the whole step -------------------------------------------------------------------------------


def _busier(semesters, key) -> dict:
    """Weekly pairs by ``key(item)``: the larger of the semesters' sums."""
    most: dict = defaultdict(float)
    for items in semesters:
        sums: dict = defaultdict(float)
        for item in items:
            sums[key(item)] += item.weight
        for k, value in sums.items():
            most[k] = max(most[k], value)
    return most


def _analyze(*models) -> None:
    """PostgreSQL: refresh the statistics of tables just filled in bulk in this transaction (ANALYZE
    counts the transaction's own rows), so that the control step's clash checks are planned on them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def seed(*, rng: Random) -> dict[str, int]:
    world = World(timezone.localdate())
    counts = {"subgroups": _subgroups(world)}
    world.load_groups()
    items = {s.pk: _items(world, s) for s in world.semesters}
    pools = _teachers(world)
    # weekly pairs of each department, and of each faculty's kind of room, in the busier semester
    demand = _busier(items.values(), lambda item: item.department_id)
    rooms = _busier(
        items.values(), lambda item: (item.faculty_id, POOLS.get(item.training_type, ("class",))[0])
    )
    counts["hourly_teachers"] = _hire(world, pools, demand, rng)
    world.pools = pools
    campus, counts["rooms_added"] = _campus(world, rooms)
    counts.update(
        dict.fromkeys(
            ("teaching_loads", "timetable_entries", "unplaced_pairs", "make_up_pairs", "short_loads"), 0
        )
    )
    for semester in world.semesters:
        week = Week(campus, pools)
        holidays = MakeUp(world, semester, week)
        for item in items[semester.pk]:
            item.lost = holidays.lost_days(item)
            if week.place(item):
                holidays.make_up(item)
            else:
                week.assign_only(item)
                counts["unplaced_pairs"] += item.pairs + item.halves
        counts["make_up_pairs"] += holidays.added
        counts["short_loads"] += holidays.short
        groups = [world.groups[g] for g in sorted({b.group_id for b in world.bindings[semester.pk]})]
        plan = _dates_plan(world, semester, groups, rng)
        counts["teaching_loads"] += _loads(world, semester, items[semester.pk], plan)
        counts["timetable_entries"] += _write(world, semester, items[semester.pk], plan)
    current = world.current
    counts["lessons_cancelled"], counts["lessons_moved"] = _edits(world, current, items[current.pk], rng)
    _analyze(Lesson, LessonGroup, GroupSlot)
    counts["controls"], counts["control_schedules_published"] = _controls(world, current, campus, rng)
    counts["lessons"] = Lesson.objects.filter(kind=LessonKind.LESSON).count()
    return counts
