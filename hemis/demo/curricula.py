"""Demo curricula (annex 5 items 2–3) and group subjects (annex 5 item 8).

Every programme has an approved curriculum for every intake year its groups have (each copied from the
year before): 8 semesters for a bachelor, 4 for a master, with the week schedule (15 weeks of theory,
3 of exams, holidays; practice and the state attestation in the final semester), 5–7 subjects a
semester with credits, hours and the current/midterm/final controls of the 100-point rating system.
Each group gets its curriculum, and every active group's subjects are bound for the semesters of the
academic calendar (2025-2026 and the current autumn of 2026-2027)."""

import datetime as dt
import functools
from decimal import Decimal
from random import Random
from zoneinfo import ZoneInfo

from hemis.academics.enums import ExamType, MarkingSystemCode
from hemis.academics.models import ControlType, MarkingSystem, Programme, Semester, Subject
from hemis.access.models import User
from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import (
    CurriculumStatus,
    FinalForm,
    SubjectBlock,
    SubjectType,
    TrainingType,
    WeekKind,
)
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
    SubjectLoad,
)
from hemis.demo import rows
from hemis.students.models import Group, GroupSubject

TASHKENT = ZoneInfo("Asia/Tashkent")
WEEK_COLUMNS = ("semester_id", "number", "kind", "start_date", "end_date")
GROUP_SUBJECT_COLUMNS = ("group_id", "curriculum_subject_id", "semester_id", "created_at", "updated_at")
GROUP_SUBJECT_COLUMNS += ("created_by_id",)


@functools.cache
def calendar() -> WorkingCalendar:
    """The demo's six-day study week (built on first use: it reads the calendar overrides)."""
    return WorkingCalendar(study_week=6)


BATCH = 2000
CONTROLS = ((ExamType.CURRENT, 30), (ExamType.MIDTERM, 20), (ExamType.FINAL, 50))
LAB_DEPARTMENTS = {
    "D-NMT",
    "D-OMT",
    "D-AFK",
    "D-BTX",
    "D-OOT",
    "D-VBT",
    "D-MYT",
    "D-QXM",
    "D-NGQ",
    "D-SMT",
    "D-AVB",
}
PASS_SUBJECTS = {"JTS1104", "KET1110", "DIN1107", "KIT1512", "OIT1912", "NIT2311", "IIT1313"}
LATE_INTAKES = {("60850200", 2024), ("60721100", 2025), ("70410101", 2026)}  # approved after 1 September

# programme: the departments whose subjects make its professional part, the main one first
PROFILES = {
    "60720100": ("D-NMT", "D-OMT", "D-AFK", "D-JVA"),
    "60711100": ("D-BTX", "D-AFK", "D-OMT", "D-JVA"),
    "60850200": ("D-AFK", "D-NMT", "D-BTX", "D-JVA"),
    "60721000": ("D-OOT", "D-MYT", "D-QXM", "D-JVA"),
    "60721100": ("D-VBT", "D-OOT", "D-BTX", "D-JVA"),
    "60721200": ("D-QXM", "D-OOT", "D-MYT", "D-JVA"),
    "60720400": ("D-NGQ", "D-JVA", "D-AFK", "D-AVB"),
    "60720300": ("D-SMT", "D-NMT", "D-JVA", "D-AFK"),
    "60711400": ("D-AVB", "D-JVA", "D-OMI", "D-NGQ"),
    "60410100": ("D-IQT", "D-MNJ", "D-OMI", "D-IGF"),
    "60412100": ("D-MNJ", "D-IQT", "D-OMI", "D-IGF"),
    "70720101": ("D-NMT", "D-OMT", "D-AFK"),
    "70721001": ("D-OOT", "D-MYT", "D-VBT"),
    "70720401": ("D-NGQ", "D-JVA", "D-SMT"),
    "70410101": ("D-IQT", "D-MNJ"),
}  # fmt: skip
ECONOMICS = {"60410100", "60412100"}
RESEARCH = {"70720101": "KIT1512", "70721001": "OIT1912", "70720401": "NIT2311", "70410101": "IIT1313"}
# The first year of a bachelor: (mandatory, elective) subject codes; "SCI" is the programme's science subject.
FIRST_YEAR = (
    (("OZT1101", "XTL1103", "JTS1104", "OMT1201", "AXT1202", "SCI1"), ("OZB1105",)),
    (("FAL1102", "XTL1103", "JTS1104", "OMT1201", "SCI2"), ("HUQ1106",)),
)
SCIENCE = {True: ("IQN1301", "MIK1302"), False: ("UNK1501", "FIZ1701")}
SCIENCE_BLOCK = {"OMT1201", "AXT1202", "UNK1501", "FIZ1701"}
GENERAL = {code for semester in FIRST_YEAR for part in semester for code in part} | {
    "DIN1107", "UNK1501", "FIZ1701", "IQN1301", "MIK1302", "ITM1112", "PED1113", *RESEARCH.values()
}  # fmt: skip


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TASHKENT)


def semester_start(year: int, number: int) -> dt.date:
    """Autumn semesters start on 1 September, spring ones on the first Monday of February."""
    if number % 2:
        start = dt.date(year, 9, 1)
        return start + dt.timedelta(days=1) if start.weekday() == 6 else start
    february = dt.date(year + 1, 2, 1)
    return february + dt.timedelta(days=(7 - february.weekday()) % 7)


def week_plan(number: int, last: int) -> list[str]:
    if number == last:
        return (
            [WeekKind.THEORY] * 10
            + [WeekKind.EXAMS] * 2
            + [WeekKind.PRACTICE] * 4
            + [WeekKind.ATTESTATION] * 2
        )
    if number % 2:
        return [WeekKind.THEORY] * 15 + [WeekKind.EXAMS] * 3 + [WeekKind.HOLIDAY] * 2
    practice = [WeekKind.PRACTICE] * 2 if number >= 4 else []
    return [WeekKind.THEORY] * 15 + [WeekKind.EXAMS] * 3 + practice + [WeekKind.HOLIDAY] * 6


def weeks(semester: CurriculumSemester, start: dt.date, kinds: list[str]) -> list[tuple]:
    """Rows of WEEK_COLUMNS: Monday to Sunday, the first week from the semester's first day."""
    rows, first = [], start
    for index, kind in enumerate(kinds, start=1):
        last = first + dt.timedelta(days=6 - first.weekday())  # to Sunday
        rows.append((semester.pk, index, kind, first, last))
        first = last + dt.timedelta(days=1)
    return rows


def professional_pool(code: str) -> list[str]:
    """The programme's departments' subjects, interleaved from basic to advanced, general ones left out."""
    from hemis.demo.catalogue import SUBJECTS

    lists = [[c for c, *_ in SUBJECTS[d] if c not in GENERAL] for d in PROFILES[code]]
    pool = []
    for index in range(max(len(x) for x in lists)):
        pool += [x[index] for x in lists if index < len(x)]
    return pool


def bachelor_plan(code: str) -> list[list[tuple[str, str, str]]]:
    """Per semester: (subject code, subject type, block)."""
    science = SCIENCE[code in ECONOMICS]
    plan = []
    for mandatory, elective in FIRST_YEAR:
        semester = []
        for subject in mandatory:
            subject = science[int(subject[-1]) - 1] if subject.startswith("SCI") else subject
            block = SubjectBlock.MATHEMATICS if subject in SCIENCE_BLOCK else SubjectBlock.HUMANITIES
            semester.append((subject, SubjectType.MANDATORY, block))
        semester += [(s, SubjectType.ELECTIVE, SubjectBlock.HUMANITIES) for s in elective]
        plan.append(semester)
    pool = professional_pool(code)
    electives = pool[::-1]
    for number in range(3, 9):
        count = 4
        block = SubjectBlock.GENERAL_PROFESSIONAL if number <= 4 else SubjectBlock.SPECIALISATION
        taken, pool = pool[:count], pool[count:]
        semester = [(s, SubjectType.MANDATORY, block) for s in taken]
        if number == 3:
            semester.append(("DIN1107", SubjectType.MANDATORY, SubjectBlock.HUMANITIES))
        choice = [s for s in electives if s in pool][: 2 if number in (5, 7) else 1]
        pool = [s for s in pool if s not in choice]
        semester += [(s, SubjectType.ELECTIVE, SubjectBlock.ADDITIONAL) for s in choice]
        plan.append(semester)
    return plan


def master_plan(code: str) -> list[list[tuple[str, str, str]]]:
    pool = professional_pool(code)[2:]  # the basics were the bachelor's
    research = (RESEARCH[code], SubjectType.MANDATORY, SubjectBlock.RESEARCH)
    plan = [
        [
            ("ITM1112", SubjectType.MANDATORY, SubjectBlock.METHODOLOGY),
            ("PED1113", SubjectType.MANDATORY, SubjectBlock.METHODOLOGY),
        ]
    ]
    for number, count in ((1, 2), (2, 3), (3, 3), (4, 3)):
        if number > 1:
            plan.append([])
        taken, pool = pool[:count], pool[count:]
        plan[-1] += [(s, SubjectType.MANDATORY, SubjectBlock.SPECIALTY) for s in taken]
        plan[-1].append((pool.pop(), SubjectType.ELECTIVE, SubjectBlock.MASTER_ELECTIVE))
        plan[-1].append(research)
    return plan


def credits_of(code: str, rng: Random) -> Decimal:
    if code in PASS_SUBJECTS or code == "XTL1103":
        return Decimal(4)
    return Decimal(rng.choice((4, 5, 5, 6, 6)))


def loads(subject: CurriculumSubject, department: str, code: str) -> list[tuple]:
    total = int(subject.credits) * 30
    if code in RESEARCH.values():
        hours = {TrainingType.INDEPENDENT: total}
    elif code in ("XTL1103", "JTS1104"):
        hours = {TrainingType.PRACTICAL: 60, TrainingType.INDEPENDENT: total - 60}
    else:
        lab = 30 if department in LAB_DEPARTMENTS else 0
        lecture = 30 if total <= 150 else 36
        hours = {TrainingType.LECTURE: lecture, TrainingType.PRACTICAL: 30, TrainingType.LABORATORY: lab}
        hours[TrainingType.INDEPENDENT] = total - sum(hours.values())
    return [(subject.pk, t, h) for t, h in hours.items() if h > 0]


class Builder:
    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.subjects = {s.code: s for s in Subject.objects.select_related("department")}
        self.controls = {c.code: c for c in ControlType.objects.filter(code__in=[c for c, _ in CONTROLS])}
        self.system = MarkingSystem.objects.get(code=MarkingSystemCode.RATING)
        self.actor = User.objects.get(username="academic")
        self.counts = dict.fromkeys(("curricula", "curriculum_subjects", "curriculum_weeks"), 0)

    def approved_on(self, programme: Programme, intake: int) -> dt.date:
        start = dt.date(intake, 9, 1)
        if (programme.code, intake) in LATE_INTAKES:
            return calendar().add_working_days(start, self.rng.randint(4, 9))
        return calendar().add_working_days(start, -self.rng.randint(18, 22))

    def curricula(self, intakes: dict[int, list[int]]) -> dict[tuple[int, int], Curriculum]:
        made: dict[tuple[int, int], Curriculum] = {}
        for programme in Programme.objects.filter(pk__in=intakes).order_by("code"):
            previous = None
            for intake in sorted(intakes[programme.pk]):
                curriculum = self.curriculum(programme, intake, previous)
                made[programme.pk, intake] = previous = curriculum
        return made

    def curriculum(self, programme: Programme, intake: int, previous: Curriculum | None) -> Curriculum:
        approved = self.approved_on(programme, intake)
        curriculum = Curriculum.objects.create(
            programme=programme,
            intake_year=intake,
            marking_system=self.system,
            status=CurriculumStatus.APPROVED,
            approved_on=approved,
            approved_by=self.actor,
            copied_from=previous,
            created_by=self.actor,
        )
        plan = (
            master_plan(programme.code) if programme.code.startswith("7") else bachelor_plan(programme.code)
        )
        semesters = CurriculumSemester.objects.bulk_create(
            [
                CurriculumSemester(curriculum=curriculum, number=n, created_by=self.actor)
                for n in range(1, len(plan) + 1)
            ]
        )
        week_rows, subject_rows = [], []
        for semester, entries in zip(semesters, plan, strict=True):
            start = semester_start(intake + (semester.number - 1) // 2, semester.number)
            week_rows += weeks(semester, start, week_plan(semester.number, len(plan)))
            subject_rows += [self.subject(semester, *entry) for entry in entries]
        rows.insert(CurriculumWeek, WEEK_COLUMNS, week_rows)
        subjects = CurriculumSubject.objects.bulk_create(subject_rows, batch_size=BATCH)
        rows.insert(
            SubjectLoad,
            ("curriculum_subject_id", "training_type", "hours"),
            [row for s in subjects for row in loads(s, s.subject.department.code, s.subject.code)],
        )
        rows.insert(
            SubjectControl,
            ("curriculum_subject_id", "control_type_id", "max_points"),
            [(s.pk, self.controls[code].pk, points) for s in subjects for code, points in CONTROLS],
        )
        entered = _at(calendar().add_working_days(approved, -12))
        Curriculum.objects.filter(pk=curriculum.pk).update(created_at=entered)
        CurriculumSemester.objects.filter(curriculum=curriculum).update(created_at=entered)
        CurriculumSubject.objects.filter(pk__in=[s.pk for s in subjects]).update(created_at=entered)
        self.counts["curricula"] += 1
        self.counts["curriculum_subjects"] += len(subjects)
        self.counts["curriculum_weeks"] += len(week_rows)
        return curriculum

    def subject(self, semester: CurriculumSemester, code: str, kind: str, block: str) -> CurriculumSubject:
        subject = self.subjects[code]
        return CurriculumSubject(
            semester=semester,
            subject=subject,
            subject_type=kind,
            block=block,
            credits=credits_of(code, self.rng),
            final_form=FinalForm.PASS if code in PASS_SUBJECTS else FinalForm.EXAM,
            department=subject.department,
            created_by=self.actor,
        )


def bind_subjects(groups: list[Group], rng: Random, actor: User) -> int:
    """Bind each active group's curriculum subjects for every semester of the calendar it studies in."""
    by_semester: dict[tuple[int, int], list[CurriculumSubject]] = {}
    for subject in CurriculumSubject.objects.only(
        "pk", "semester__curriculum_id", "semester__number"
    ).select_related("semester"):
        by_semester.setdefault((subject.semester.curriculum_id, subject.semester.number), []).append(subject)
    total = 0
    for semester in Semester.objects.select_related("academic_year").order_by("start_date"):
        year = semester.academic_year.start_date.year
        found = []
        for group in groups:
            number = (year - group.intake_year) * 2 + semester.number
            subjects = by_semester.get((group.curriculum_id, number), []) if number >= 1 else []
            if subjects:
                late = rng.random() < 0.06
                offset = rng.randint(3, 12) if late else -rng.randint(2, 9)
                bound = _at(calendar().add_working_days(semester.start_date, offset), 11)
                found += [(group.pk, s.pk, semester.pk, bound, bound, actor.pk) for s in subjects]
        total += rows.insert(GroupSubject, GROUP_SUBJECT_COLUMNS, found)
    return total


def seed(*, rng: Random) -> dict[str, int]:
    groups = list(Group.objects.order_by("pk"))
    intakes: dict[int, set[int]] = {}
    for group in groups:
        intakes.setdefault(group.programme_id, set()).add(group.intake_year)
    builder = Builder(rng)
    made = builder.curricula({k: sorted(v) for k, v in intakes.items()})
    for group in groups:
        group.curriculum = made[group.programme_id, group.intake_year]
    Group.objects.bulk_update(groups, ["curriculum"], batch_size=BATCH)
    active = [g for g in groups if g.is_active]
    return {**builder.counts, "group_subjects": bind_subjects(active, rng, builder.actor)}
