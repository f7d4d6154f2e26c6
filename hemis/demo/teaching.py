"""Demo data of the teaching issue (annex 6, annex 7 items 1–4 and 6), after the timetables.

- The past semesters' distribution: the group subjects of the semesters before the current one get
  their teachers (the department's teachers of this year's loads), entered within a few working
  days of the binding — a few late, a few lines never assigned (annex 6 item 1 late and overdue).
- Topics of every curriculum subject and lesson type of a load (a calendar plan of two-hour topics
  whose hours sum to the curriculum's), one to three link resources of each, and one or two
  assignments of each load, entered after the load's assignment: most on time, some late, a few never
  (annex 7 items 1–3 and annex 6 item 2).
- The current semester's lessons held up to yesterday recorded with their absences (a few per cent
  of the students per lesson, a few students absent often) and daily marks where the group's marking
  system keeps them; most teacher-days recorded the same day, some a day or two late, a few more than
  a week late, a few with a lesson never recorded (annex 7 item 4, annex 6 item 3). Some absences
  are excused by the dean's office with a document.
- Methodological and research works of about a third of the teachers: entered within a week of
  completion or late, approved or returned by the head of the department on time or late, a few
  still waiting (annex 7 item 6, annex 6 item 4).

Everything goes in with bulk inserts and carries the moment it was entered (``created_at``), so that
the compliance pages show each case; the choice of cases is seeded (``rng``)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from random import Random
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemis.academics.models import MarkingSystem, Semester
from hemis.access.models import RoleGrant, User
from hemis.compliance import registry
from hemis.compliance.protocol import CONTINUOUS_DAYS
from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import TrainingType
from hemis.curricula.models import SubjectLoad
from hemis.demo import rows as demo_rows
from hemis.demo.schedule import _set_times
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import PAIR_HOURS, Lesson, LessonGroup, TeachingLoad
from hemis.staff.models import Appointment, Employee
from hemis.students.models import Group, GroupSubject, Student, StudentStatus, Subgroup
from hemis.teaching.enums import ResourceKind, WorkKind, WorkStatus
from hemis.teaching.models import Absence, Assignment, DailyMark, Excuse, LessonRecord, Resource, Topic, Work
from hemis.teaching.rules import rules_for

TASHKENT = ZoneInfo("Asia/Tashkent")
ON_TIME, LATE, MISSING = "on_time", "late", "missing"
# Shares (per mille) of the compliance cases; each case has at least one row whatever the size.
CONTENT_LATE, CONTENT_MISSING = 80, 30
DISTRIBUTION_LATE, DISTRIBUTION_MISSING = 40, 15
DAY_LATE, WEEK_LATE, DAY_MISSING = 60, 15, 15
WORK_LATE, REVIEW_LATE, REVIEW_WAITING, RETURNED = 150, 120, 150, 150
WORKING_TEACHERS = 330  # per mille of the teachers who entered works
ABSENT = 0.03  # the share of a lesson's students absent, on average
OFTEN_ABSENT = 0.25  # the chance a group's frequent absentee misses a lesson
EXCUSED = 0.12  # absences (of a student on a day) excused by the dean's office
MARKED = 0.25  # present students marked at a lesson that keeps daily marks

MOST_TOPICS = 16  # a semester's weeks of theory
STAMP = ("created_at", "updated_at", "created_by_id")

LECTURE_TOPICS = (
    "Asosiy tushunchalar va taʼriflar",
    "Fanning nazariy asoslari",
    "Asosiy qonuniyatlar va ularning talqini",
    "Jarayonlarning matematik tavsifi",
    "Tahlil usullari",
    "Hisoblash usullari va ularning qoʻllanilishi",
    "Texnologik jarayonlar va apparatlar",
    "Sifat koʻrsatkichlari va ularni nazorat qilish",
    "Energiya va resurs tejamkorligi",
    "Ekologik xavfsizlik masalalari",
    "Zamonaviy yondashuvlar va ilmiy yutuqlar",
    "Xorijiy tajriba va istiqbollar",
    "Ishlab chiqarishda qoʻllanilishi",
    "Optimallashtirish masalalari",
)
LAB_TOPICS = (
    "Laboratoriya jihozlari va xavfsizlik qoidalari bilan tanishish",
    "Namunalarni tayyorlash va tortish",
    "Moddaning zichligini aniqlash",
    "Eritmalar konsentratsiyasini aniqlash",
    "Titrlash usuli bilan tahlil",
    "Reaksiya tezligini oʻrganish",
    "Harorat taʼsirini oʻrganish",
    "Qovushqoqlikni aniqlash",
    "Spektrofotometrik tahlil",
    "Tajriba natijalarini statistik qayta ishlash",
)
PRACTICE_TOPICS = (
    "Masalalar yechish: asosiy hisoblar",
    "Moddiy balans hisobi",
    "Issiqlik balansi hisobi",
    "Jadval va grafiklar bilan ishlash",
    "Texnologik sxemani tahlil qilish",
    "Variantlar boʻyicha mustaqil hisob",
    "Amaliy vaziyatlarni tahlil qilish",
    "Test topshiriqlarini bajarish",
    "Kichik guruhlarda loyiha ishi",
)
SELF_TOPICS = (
    "Adabiyotlar sharhi",
    "Referat tayyorlash",
    "Taqdimot tayyorlash",
    "Mavzu boʻyicha test savollari tuzish",
    "Hisob-grafik ishi",
)
COURSE_WORK_TOPICS = (
    "Kurs ishi mavzusini tanlash va rejalashtirish",
    "Adabiyotlar tahlili",
    "Hisob qismi",
    "Grafik qismi",
    "Tushuntirish xatini rasmiylashtirish",
    "Kurs ishini himoya qilish",
)
ASSIGNMENTS = (
    "Uy vazifasi: mavzu boʻyicha masalalar",
    "Referat",
    "Hisob-grafik ishi",
    "Laboratoriya hisobotini topshirish",
    "Mavzu boʻyicha test",
    "Taqdimot",
)
RESOURCES = (
    ("Maʼruzalar matni", "https://lib.tkti.uz/uslubiy/{cs}-{tt}/maruzalar"),
    ("Taqdimot slaydlari", "https://lib.tkti.uz/uslubiy/{cs}-{tt}/slaydlar"),
    ("Videodars", "https://www.youtube.com/watch?v=tkti{cs}{tt}"),
    ("Elektron darslik", "https://unilibrary.uz/literature/{cs}{tt}"),
)
EXCUSE_REASONS = (
    ("Kasallik", "kasallik varaqasi"),
    ("Oilaviy sharoit", "ariza"),
    ("Sport musobaqasida qatnashish", "dekanat farmoyishi"),
    ("Harbiy roʻyxatga olish", "chaqiruv qogʻozi"),
)
WORKS = (
    (WorkKind.METHODOLOGICAL, "«{subject}» fanidan oʻquv-uslubiy qoʻllanma"),
    (WorkKind.METHODOLOGICAL, "«{subject}» fanidan maʼruzalar matni"),
    (WorkKind.METHODOLOGICAL, "«{subject}» fanidan laboratoriya ishlari uchun uslubiy koʻrsatma"),
    (WorkKind.RESEARCH, "«{subject}» fanini oʻqitishda interfaol usullar (OAK jurnalidagi maqola)"),
    (WorkKind.RESEARCH, "Xalqaro ilmiy-amaliy anjumanda maʼruza tezislari ({subject})"),
)
RETURN_COMMENTS = (
    "Adabiyotlar roʻyxatini yangilang",
    "Kafedra majlisi bayonnomasidan koʻchirma ilova qilinmagan",
    "Taqrizchi xulosasi yetishmaydi",
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TASHKENT)


def _cases(rng: Random, keys: list, late: int, missing: int) -> dict:
    """Each of ``keys`` (sorted) an on-time, late or missing case: ``late`` and ``missing`` per mille of
    them, at least one of each (with a share) when there are three keys or more."""
    order = sorted(keys)
    rng.shuffle(order)
    n_late = max(1, len(order) * late // 1000) if late and len(order) >= 3 else 0
    n_missing = max(1, len(order) * missing // 1000) if missing and len(order) >= 3 else 0
    out = dict.fromkeys(order, ON_TIME)
    out.update(dict.fromkeys(order[:n_late], LATE))
    out.update(dict.fromkeys(order[n_late : n_late + n_missing], MISSING))
    return out


@dataclass
class Load:
    pk: int
    cs: int
    training_type: str
    teacher_id: int
    assigned_on: dt.date
    group_id: int
    semester_id: int
    subject: str
    department_id: int


class Clock:
    """Working days and moments up to now, for dating what the demo enters."""

    def __init__(self):
        self.calendar = WorkingCalendar()
        self.now = timezone.now()
        self.today = timezone.localdate()

    def add(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(day, n)

    def moment(self, rng: Random, day: dt.date, first_hour: int = 9, last_hour: int = 18) -> dt.datetime:
        """A moment of ``day`` in working hours, never after now (then an hour before now)."""
        at = _at(day, rng.randint(first_hour, last_hour), rng.randint(0, 59))
        return min(at, self.now - dt.timedelta(hours=1))


def _rule_days(process_id: str) -> int:
    return registry.BY_ID[process_id].rules[0].days


def seed(*, rng: Random) -> dict[str, int]:
    clock = Clock()
    current = Semester.objects.get(is_current=True)
    heads = {g.org_unit_id: g.user_id for g in RoleGrant.objects.filter(role_id="head").order_by("pk")}
    academic = User.objects.filter(username="academic").values_list("pk", flat=True).first()
    counts = {"past_loads": _past_loads(clock, current, heads, academic, rng)}
    loads = _loads()
    topics = _topics(clock, loads, rng)
    counts["topics"] = sum(len(t) for t in topics.values())
    counts["resources"] = _resources(clock, loads, rng)
    counts["assignments"] = _assignments(clock, loads, rng)
    counts.update(_journal(clock, current, topics, rng))
    counts["works"] = _works(clock, loads, current, heads, academic, rng)
    return counts


# --- the distribution of the past semesters (annex 6 item 1) -------------------------------------------


def _past_loads(clock: Clock, current: Semester, heads: dict, academic: int | None, rng: Random) -> int:
    bindings = list(
        GroupSubject.objects.filter(semester__end_date__lt=current.start_date, loads__isnull=True)
        .order_by("pk")
        .values_list("pk", "curriculum_subject_id", "curriculum_subject__department_id", "created_at")
    )
    hours = defaultdict(list)
    for cs, kind in (
        SubjectLoad.objects.filter(
            hours__gt=0, curriculum_subject__group_bindings__semester__end_date__lt=current.start_date
        )
        .order_by("curriculum_subject_id", "training_type")
        .values_list("curriculum_subject_id", "training_type")
        .distinct()
    ):
        hours[cs].append(kind)
    # the department's teachers: those of this year's loads who are appointed to it
    appointed = set(Appointment.objects.values_list("employee_id", "org_unit_id"))
    pools: dict[int, list[int]] = defaultdict(list)
    for teacher, unit in (
        TeachingLoad.objects.values_list("teacher_id", "group_subject__curriculum_subject__department_id")
        .distinct()
        .order_by("teacher_id")
    ):
        if (teacher, unit) in appointed:
            pools[unit].append(teacher)
    lines = [(b, cs, unit, at, kind) for b, cs, unit, at in bindings for kind in hours[cs] if pools[unit]]
    cases = _cases(rng, [(line[0], line[4]) for line in lines], DISTRIBUTION_LATE, DISTRIBUTION_MISSING)
    rows = []
    # one teacher per curriculum subject and lesson type, whatever the number of its groups
    teachers: dict[tuple[int, str], int] = {}
    for b, cs, unit, created, kind in lines:
        case = cases[(b, kind)]
        if case == MISSING:
            continue
        teacher = teachers.setdefault((cs, kind), rng.choice(pools[unit]))
        bound = timezone.localtime(created, TASHKENT).date()
        day = clock.add(bound, rng.randint(0, CONTINUOUS_DAYS - 1) if case == ON_TIME else rng.randint(7, 12))
        at = clock.moment(rng, day)
        rows.append(
            (b, kind, teacher, timezone.localtime(at, TASHKENT).date(), at, at, heads.get(unit, academic))
        )
    columns = ("group_subject_id", "training_type", "teacher_id", "assigned_on", *STAMP)
    return demo_rows.insert(TeachingLoad, columns, rows)


def _loads() -> list[Load]:
    rows = TeachingLoad.objects.order_by("pk").values_list(
        "pk",
        "group_subject__curriculum_subject_id",
        "training_type",
        "teacher_id",
        "assigned_on",
        "group_subject__group_id",
        "group_subject__semester_id",
        "group_subject__curriculum_subject__subject__name_uz",
        "group_subject__curriculum_subject__department_id",
    )
    return [Load(*row) for row in rows]


# --- topics, resources and assignments (annex 7 items 1–3) ---------------------------------------------


def _plan(hours: int, kind: str) -> list[int]:
    """The hours of each topic, summing to ``hours``: two-hour topics (a pair each), at most
    ``MOST_TOPICS`` of them (longer topics then), fewer for independent study and course work."""
    most = MOST_TOPICS if kind not in (TrainingType.INDEPENDENT, TrainingType.COURSE_WORK) else 6
    n = max(1, min(hours // 2, most))
    return [hours // n + (1 if i < hours % n else 0) for i in range(n)]


def _titles(subject: str, kind: str, n: int) -> list[str]:
    if kind == TrainingType.LECTURE:
        middle = [f"{i + 2}-mavzu. {LECTURE_TOPICS[i % len(LECTURE_TOPICS)]}" for i in range(max(0, n - 2))]
        titles = [f"1-mavzu. «{subject}» faniga kirish. Fanning maqsadi va vazifalari", *middle]
        return (titles + [f"{n}-mavzu. Oʻtilgan mavzularni takrorlash va umumlashtirish"])[:n]
    if kind == TrainingType.LABORATORY:
        return [f"{i + 1}-laboratoriya ishi. {LAB_TOPICS[i % len(LAB_TOPICS)]}" for i in range(n)]
    if kind == TrainingType.COURSE_WORK:
        return [f"Kurs ishi: {COURSE_WORK_TOPICS[i % len(COURSE_WORK_TOPICS)]}" for i in range(n)]
    if kind == TrainingType.INDEPENDENT:
        return [f"{i + 1}-mustaqil ish. {SELF_TOPICS[i % len(SELF_TOPICS)]}" for i in range(n)]
    return [f"{i + 1}-amaliy mashgʻulot. {PRACTICE_TOPICS[i % len(PRACTICE_TOPICS)]}" for i in range(n)]


def _firsts(loads: list[Load]) -> dict[tuple[int, str], Load]:
    """Per curriculum subject and lesson type, its first assigned load (whose teacher enters the plan)."""
    first: dict[tuple[int, str], Load] = {}
    for load in sorted(loads, key=lambda x: (x.assigned_on, x.pk)):
        first.setdefault((load.cs, load.training_type), load)
    return first


def _entered(clock: Clock, rng: Random, case: str, start: dt.date, on_time: tuple, late: tuple):
    days = on_time if case == ON_TIME else late
    return clock.moment(rng, clock.add(start, rng.randint(*days)))


def _topics(clock: Clock, loads: list[Load], rng: Random) -> dict[tuple[int, str], list[int]]:
    """Topics per (curriculum subject, lesson type); returns their ids in order."""
    first = _firsts(loads)
    hours = {
        (cs, kind): n
        for cs, kind, n in SubjectLoad.objects.filter(curriculum_subject_id__in={cs for cs, _k in first})
        .order_by()
        .values_list("curriculum_subject_id", "training_type", "hours")
    }
    days = _rule_days("annex7.p1")
    cases = _cases(rng, list(first), CONTENT_LATE, CONTENT_MISSING)
    rows = []
    for key, load in sorted(first.items()):
        if cases[key] == MISSING or not hours.get(key):
            continue
        at = _entered(clock, rng, cases[key], load.assigned_on, (0, days), (days + 1, days + 6))
        plan = _plan(hours[key], key[1])
        for i, (title, h) in enumerate(zip(_titles(load.subject, key[1], len(plan)), plan, strict=True)):
            moment = at + dt.timedelta(minutes=2 * i)
            week = 1 + i * 15 // len(plan)
            rows.append((key[0], key[1], i + 1, title[:500], h, week, moment, moment, None))
    columns = ("curriculum_subject_id", "training_type", "position", "title", "hours", "week", *STAMP)
    demo_rows.insert(Topic, columns, rows)
    out: dict[tuple[int, str], list[int]] = defaultdict(list)
    for pk, cs, kind in Topic.objects.order_by(
        "curriculum_subject_id", "training_type", "position"
    ).values_list("pk", "curriculum_subject_id", "training_type"):
        out[(cs, kind)].append(pk)
    return out


def _resources(clock: Clock, loads: list[Load], rng: Random) -> int:
    first = _firsts(loads)
    days = _rule_days("annex7.p2")
    cases = _cases(rng, list(first), CONTENT_LATE, CONTENT_MISSING)
    rows = []
    for (cs, kind), load in sorted(first.items()):
        if cases[(cs, kind)] == MISSING:
            continue
        at = _entered(clock, rng, cases[(cs, kind)], load.assigned_on, (1, days), (days + 1, days + 8))
        for i, (title, url) in enumerate(rng.sample(RESOURCES, rng.randint(1, 3))):
            moment = at + dt.timedelta(hours=i)
            rows.append(
                (
                    cs,
                    kind,
                    load.teacher_id,
                    ResourceKind.LINK,
                    title,
                    "",
                    url.format(cs=cs, tt=kind),
                    0,
                    moment,
                    moment,
                    None,
                )
            )
    columns = (
        "curriculum_subject_id",
        "training_type",
        "teacher_id",
        "kind",
        "title",
        "file",
        "url",
        "size",
        *STAMP,
    )
    return demo_rows.insert(Resource, columns, rows)


def _assignments(clock: Clock, loads: list[Load], rng: Random) -> int:
    days = _rule_days("annex7.p3")
    semesters = {s.pk: s for s in Semester.objects.all()}
    cases = _cases(rng, [load.pk for load in loads], CONTENT_LATE, CONTENT_MISSING)
    rows = []
    for load in loads:
        if cases[load.pk] == MISSING:
            continue
        at = _entered(clock, rng, cases[load.pk], load.assigned_on, (1, days), (days + 1, days + 7))
        semester = semesters[load.semester_id]
        for i in range(rng.randint(1, 2)):
            moment = at + dt.timedelta(minutes=10 * i)
            week = rng.randint(3, 14)
            deadline = _at(min(semester.start_date + dt.timedelta(weeks=week), semester.end_date), 23, 59)
            title = rng.choice(ASSIGNMENTS)
            points = rng.choice((5, 10, 10, 20))
            rows.append(
                (
                    load.pk,
                    None,
                    title,
                    "",
                    "",
                    deadline,
                    points,
                    rng.choice((1, 1, 2, 3)),
                    moment,
                    moment,
                    None,
                )
            )
    columns = (
        "load_id",
        "topic_id",
        "title",
        "description",
        "file",
        "deadline",
        "max_points",
        "attempts",
        *STAMP,
    )
    return demo_rows.insert(Assignment, columns, rows)


# --- lessons recorded, absences, marks, excuses (annex 7 item 4, annex 6 item 3) -------------------------


class Students:
    """Who attends: the studying students of each group and subgroup, and whether a group keeps daily
    marks (its curriculum's marking system)."""

    def __init__(self, rng: Random):
        self.groups: dict[int, list[int]] = defaultdict(list)
        for group, student in (
            Student.objects.filter(status=StudentStatus.STUDYING, group__isnull=False)
            .order_by("group_id", "pk")
            .values_list("group_id", "pk")
        ):
            self.groups[group].append(student)
        self.subgroups: dict[int, list[int]] = defaultdict(list)
        for subgroup, student in Subgroup.students.through.objects.order_by(
            "subgroup_id", "student_id"
        ).values_list("subgroup_id", "student_id"):
            self.subgroups[subgroup].append(student)
        systems = {m.pk: rules_for(m) for m in MarkingSystem.objects.select_related("attendance_rules")}
        self.rules = {
            g: systems.get(m) for g, m in Group.objects.values_list("pk", "curriculum__marking_system_id")
        }
        # one student in about one group of ten misses lessons often (the warning lists have names)
        self.often = {
            group: rng.choice(members) for group, members in sorted(self.groups.items()) if rng.random() < 0.1
        }

    def of(self, group: int, subgroup: int | None) -> list[int]:
        return self.subgroups[subgroup] if subgroup else self.groups[group]


def _journal(clock: Clock, current: Semester, topics: dict, rng: Random) -> dict[str, int]:
    lessons = list(
        Lesson.objects.filter(
            semester=current, kind=LessonKind.LESSON, status=LessonStatus.SCHEDULED, date__lt=clock.today
        )
        .order_by("date", "pair", "pk")
        .values_list("pk", "teacher_id", "date", "end_time", "subject_id", "training_type")
    )
    attendees: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for lesson, group, subgroup in (
        LessonGroup.objects.filter(lesson__semester=current, lesson__date__lt=clock.today)
        .order_by("lesson_id", "group_id")
        .values_list("lesson_id", "group_id", "subgroup_id")
    ):
        attendees[lesson].append((group, subgroup))
    subjects = {
        (g, s): cs
        for g, s, cs in GroupSubject.objects.filter(semester=current).values_list(
            "group_id", "curriculum_subject__subject_id", "curriculum_subject_id"
        )
    }
    days: dict[tuple[int, dt.date], list] = defaultdict(list)
    for row in lessons:
        days[(row[1], row[2])].append(row)
    # cases per teacher-day; a day recorded a week late must lie two weeks back at least
    recent = clock.today - dt.timedelta(days=14)
    cases = _cases(rng, [k for k in days if k[1] < recent], DAY_LATE + WEEK_LATE, DAY_MISSING)
    records = []
    taught: dict[tuple[int, int, str], int] = defaultdict(int)  # (group, subject, type) -> lessons so far
    for (teacher, day), rows in sorted(days.items(), key=lambda item: (item[0][1], item[0][0])):
        case = cases.get((teacher, day), ON_TIME)
        late_by = 0
        if case == LATE:
            late_by = (
                rng.randint(1, 2) if rng.random() < DAY_LATE / (DAY_LATE + WEEK_LATE) else rng.randint(7, 9)
            )
        skipped = rng.randrange(len(rows)) if case == MISSING else None
        for i, (pk, _teacher, _day, end, subject, kind) in enumerate(rows):
            groups = attendees.get(pk, [])
            topic = None
            if groups:
                key = (groups[0][0], subject, kind)
                plan = topics.get((subjects.get((groups[0][0], subject)), kind))
                if plan:
                    topic = plan[min(taught[key], len(plan) - 1)]
                taught[key] += 1
            if i == skipped:
                continue
            if late_by:
                at = clock.moment(rng, clock.add(day, late_by), 17, 21)
            else:
                at = min(_at(day, end.hour, end.minute) + dt.timedelta(minutes=rng.randint(2, 90)), clock.now)
            records.append((pk, topic, "", 1, at, at, None))
    columns = ("lesson_id", "topic_id", "note", "version", *STAMP)
    demo_rows.insert(LessonRecord, columns, records)
    record_of = dict(LessonRecord.objects.filter(lesson__semester=current).values_list("lesson_id", "pk"))
    return {"lesson_records": len(records), **_attendance(clock, lessons, attendees, record_of, rng)}


def _attendance(clock: Clock, lessons: list, attendees: dict, record_of: dict, rng: Random) -> dict[str, int]:
    students = Students(rng)
    absences: list[list] = []  # [record, student, hours, day]
    marks = []
    for pk, _teacher, day, _end, _subject, kind in lessons:
        record = record_of.get(pk)
        if record is None:
            continue
        for group, subgroup in attendees.get(pk, []):
            members = students.of(group, subgroup)
            if not members:
                continue
            k = int(len(members) * ABSENT * 2 * rng.random() + rng.random())
            absent = set(rng.sample(members, min(k, len(members))))
            often = students.often.get(group)
            if often in members and rng.random() < OFTEN_ABSENT:
                absent.add(often)
            for student in sorted(absent):
                hours = PAIR_HOURS if rng.random() < 0.9 else 1
                absences.append([record, student, hours, day])
            rules = students.rules.get(group)
            if rules and rules.daily_marks and kind != TrainingType.LECTURE:
                present = [s for s in members if s not in absent]
                for student in rng.sample(present, int(len(present) * MARKED)):
                    value = rng.choice(
                        (
                            rules.daily_mark_max,
                            rules.daily_mark_max - 1,
                            rules.daily_mark_max - 1,
                            rules.daily_mark_max - 2,
                        )
                    )
                    marks.append((record, student, max(value, rules.daily_mark_min)))
    excuses = _excuses(clock, absences, rng)
    demo_rows.insert(
        Absence,
        ("record_id", "student_id", "hours", "excuse_id"),
        [(*a[:3], excuses.get((a[1], a[3]))) for a in absences],
    )
    demo_rows.insert(DailyMark, ("record_id", "student_id", "value"), marks)
    return {"absences": len(absences), "daily_marks": len(marks), "excuses": len(set(excuses.values()))}


def _excuses(clock: Clock, absences: list, rng: Random) -> dict[tuple[int, dt.date], int]:
    """Excuses of some students' absent days (a document for the day, or for an illness of a few days
    covering the following ones); (student, day) -> excuse id."""
    days = sorted({(a[1], a[3]) for a in absences})
    excuses = []
    until: dict[int, dt.date] = {}  # student -> the last day their latest excuse covers
    for student, day in days:
        if day <= until.get(student, dt.date.min) or rng.random() >= EXCUSED:
            continue
        reason, document = rng.choice(EXCUSE_REASONS)
        to_date = min(day + dt.timedelta(days=rng.randint(0, 3) if reason == "Kasallik" else 0), clock.today)
        until[student] = to_date
        excuses.append(
            Excuse(
                student_id=student,
                from_date=day,
                to_date=to_date,
                reason=reason,
                document_number=f"{100 + len(excuses)}-sonli {document}",
            )
        )
    made = Excuse.objects.bulk_create(excuses, batch_size=2000)
    covered: dict[tuple[int, dt.date], int] = {}
    spans: dict[int, list[Excuse]] = defaultdict(list)
    for excuse in made:
        spans[excuse.student_id].append(excuse)
    for student, day in days:
        for excuse in spans.get(student, ()):
            if excuse.from_date <= day <= excuse.to_date:
                covered[(student, day)] = excuse.pk
                break
    return covered


# --- works (annex 7 item 6, annex 6 item 4) ----------------------------------------------------------------


def _works(
    clock: Clock, loads: list[Load], current: Semester, heads: dict, academic: int | None, rng: Random
) -> int:
    subjects: dict[int, tuple[str, int]] = {}
    for load in loads:
        if load.semester_id == current.pk:
            subjects.setdefault(load.teacher_id, (load.subject, load.department_id))
    teachers = sorted(subjects)
    chosen = [t for t in teachers if rng.random() < WORKING_TEACHERS / 1000] or teachers[:3]
    works = [(t, n) for t in chosen for n in range(rng.randint(1, 2))]
    users = dict(Employee.objects.filter(pk__in=chosen).values_list("pk", "user_id"))
    entered = _cases(rng, works, WORK_LATE, 0)
    waiting = _cases(rng, works, REVIEW_LATE, REVIEW_WAITING)  # late review, not yet reviewed
    returned = _cases(rng, works, RETURNED, 0)
    rows = []
    stamps = []
    for teacher, n in works:
        subject, department = subjects[teacher]
        kind, title = rng.choice(WORKS)
        completed = clock.add(clock.today, -rng.randint(20, 70))  # entered and due before today
        late = entered[(teacher, n)] == LATE
        at = clock.moment(
            rng, clock.add(completed, rng.randint(6, 12) if late else rng.randint(0, CONTINUOUS_DAYS))
        )
        review_case = waiting[(teacher, n)]
        entered_on = timezone.localtime(at, TASHKENT).date()
        if review_case == MISSING:
            status, reviewed, reviewer, comment = WorkStatus.SUBMITTED, None, None, ""
        else:
            span = rng.randint(1, CONTINUOUS_DAYS) if review_case == ON_TIME else rng.randint(6, 10)
            reviewed = clock.moment(rng, clock.add(entered_on, span))
            reviewer = heads.get(department, academic)
            if reviewer == users.get(teacher):  # the head's own work: the academic department checks it
                reviewer = academic
            if returned[(teacher, n)] == LATE:
                status, comment = WorkStatus.RETURNED, rng.choice(RETURN_COMMENTS)
            else:
                status, comment = WorkStatus.APPROVED, ""
            if reviewed <= at:  # entered an hour ago: not reviewed yet
                status, reviewed, reviewer, comment = WorkStatus.SUBMITTED, None, None, ""
        rows.append(
            Work(
                teacher_id=teacher,
                department_id=department,
                kind=kind,
                title=title.format(subject=subject),
                completed_on=completed,
                status=status,
                reviewed_by_id=reviewer,
                reviewed_at=reviewed,
                review_comment=comment,
            )
        )
        stamps.append(at)
    made = Work.objects.bulk_create(rows, batch_size=2000)
    # dated as entered when the demo says (``created_at`` is set on insert)
    _set_times(
        Work, ("created_at", "updated_at"), [(at, at, w.pk) for at, w in zip(stamps, made, strict=True)]
    )
    return len(made)
