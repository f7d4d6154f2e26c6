"""A small timetable world for the schedule tests (services, pages, feeds, solver).

``build_world(uni)`` adds to the root conftest's university: the 2026-2027 academic year with six
pairs and its spring semester (02.02.2027 – 13.06.2027), a chemistry programme with an approved
curriculum (semester 4: Mathematics 30 h lecture + 30 h practical, Physics 30 h lecture + 30 h
laboratory), groups KT-21 and KT-22 (course 2, 12 and 14 studying students), a subgroup pair of
KT-21 for laboratories, teachers Karimov (Mathematics) and Rahimova (Physics) with their loads,
rooms 204 (30 seats), 301 (100 seats) and 105 (12 seats, a laboratory).

The ``world`` fixture builds it for a test (the conftests of ``hemis/schedule/tests`` and
``hemis/web/schedule/tests`` import it); ``add_entry``, ``add_control`` and ``bind`` add to it through
the services, as the pages would.
"""

import datetime as dt
import html
from dataclasses import dataclass
from decimal import Decimal

import pytest

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, LessonPair, MarkingSystem, Semester, Subject
from hemis.curricula.enums import CurriculumStatus, SubjectBlock, TrainingType
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject, SubjectLoad
from hemis.org.models import Building, Room, RoomType
from hemis.schedule.enums import ControlKind
from hemis.schedule.models import Lesson, TeachingLoad, TimetableEntry
from hemis.schedule.services import controls, entries
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject, Subgroup
from hemis.teaching.models import Absence, Excuse, LessonRecord
from hemis.testing import factories as f

D = dt.date
PAIRS = [
    (1, "08:30", "09:50"),
    (2, "10:00", "11:20"),
    (3, "11:30", "12:50"),
    (4, "13:30", "14:50"),
    (5, "15:00", "16:20"),
    (6, "16:30", "17:50"),
]


@dataclass
class World:
    year: AcademicYear
    semester: Semester
    autumn: Semester
    faculty: object
    department: object
    curriculum: Curriculum
    math: Subject
    physics: Subject
    kt21: object
    kt22: object
    sub_a: Subgroup
    sub_b: Subgroup
    karimov: object  # Employee teaching Mathematics (lecture, practical) to both groups
    rahimova: object  # Employee teaching Physics (lecture, laboratory) to both groups
    room204: Room
    room301: Room
    lab105: Room
    bindings: dict  # (group name, subject code) -> GroupSubject


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _subject(
    cur: Curriculum, number: int, code: str, name: str, department, hours: dict
) -> CurriculumSubject:
    semester, _created = CurriculumSemester.objects.get_or_create(curriculum=cur, number=number)
    subject = Subject.objects.create(code=code, name_uz=name, name_en=name, department=department)
    cs = CurriculumSubject.objects.create(
        semester=semester,
        subject=subject,
        block=SubjectBlock.GENERAL_PROFESSIONAL,
        credits=Decimal("4"),
        department=department,
    )
    for training_type, n in hours.items():
        SubjectLoad.objects.create(curriculum_subject=cs, training_type=training_type, hours=n)
    return cs


def build_world(uni) -> World:
    faculty = uni["chem"]
    department = uni["inorganic"]
    year = AcademicYear.objects.create(name="2026-2027", start_date=D(2026, 9, 1), end_date=D(2027, 6, 30))
    autumn = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.AUTUMN,
        number=1,
        start_date=D(2026, 9, 1),
        end_date=D(2027, 1, 24),
    )
    spring = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.SPRING,
        number=2,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 13),
    )
    for number, start, end in PAIRS:
        LessonPair.objects.create(
            academic_year=year, number=number, start_time=_time(start), end_time=_time(end)
        )
    programme = f.ProgrammeFactory(faculty=faculty, code="60720100", duration_years=4)
    curriculum = Curriculum.objects.create(
        programme=programme,
        intake_year=2025,
        marking_system=MarkingSystem.objects.order_by("code").first(),
        status=CurriculumStatus.APPROVED,
        approved_on=D(2025, 8, 1),
    )
    math = _subject(
        curriculum,
        4,
        "MAT204",
        "Oliy matematika",
        department,
        {TrainingType.LECTURE: 30, TrainingType.PRACTICAL: 30},
    )
    physics = _subject(
        curriculum, 4, "FIZ204", "Fizika", department, {TrainingType.LECTURE: 30, TrainingType.LABORATORY: 30}
    )
    kt21 = f.GroupFactory(
        faculty=faculty, programme=programme, name="KT-21", intake_year=2025, course=2, curriculum=curriculum
    )
    kt22 = f.GroupFactory(
        faculty=faculty, programme=programme, name="KT-22", intake_year=2025, course=2, curriculum=curriculum
    )
    members = [f.StudentFactory(group=kt21, last_name=f"Aliyev{i}") for i in range(12)]
    for i in range(14):
        f.StudentFactory(group=kt22, last_name=f"Botirov{i}")
    sub_a = Subgroup.objects.create(group=kt21, name="1")
    sub_b = Subgroup.objects.create(group=kt21, name="2")
    sub_a.students.set(members[:6])
    sub_b.students.set(members[6:])
    karimov = f.EmployeeFactory(last_name="Karimov", first_name="Anvar", patronymic="")
    rahimova = f.EmployeeFactory(last_name="Rahimova", first_name="Dilnoza", patronymic="")
    f.appoint(karimov, department)
    f.appoint(rahimova, department)
    bindings = {}
    for group in (kt21, kt22):
        for cs, teacher, types in (
            (math, karimov, (TrainingType.LECTURE, TrainingType.PRACTICAL)),
            (physics, rahimova, (TrainingType.LECTURE, TrainingType.LABORATORY)),
        ):
            binding = GroupSubject.objects.create(group=group, curriculum_subject=cs, semester=spring)
            bindings[(group.name, cs.subject.code)] = binding
            for training_type in types:
                TeachingLoad.objects.create(
                    group_subject=binding,
                    training_type=training_type,
                    teacher=teacher,
                    assigned_on=D(2027, 1, 10),
                )
    building = Building.objects.create(name="Bosh bino", address="Navoiy koʻchasi 32")
    room204 = Room.objects.create(building=building, number="204", capacity=30, room_type=RoomType.PRACTICE)
    room301 = Room.objects.create(building=building, number="301", capacity=100, room_type=RoomType.LECTURE)
    lab105 = Room.objects.create(building=building, number="105", capacity=12, room_type=RoomType.LABORATORY)
    return World(
        year=year,
        semester=spring,
        autumn=autumn,
        faculty=faculty,
        department=department,
        curriculum=curriculum,
        math=math.subject,
        physics=physics.subject,
        kt21=kt21,
        kt22=kt22,
        sub_a=sub_a,
        sub_b=sub_b,
        karimov=karimov,
        rahimova=rahimova,
        room204=room204,
        room301=room301,
        lab105=lab105,
        bindings=bindings,
    )


@pytest.fixture
def world(uni) -> World:
    return build_world(uni)


def add_entry(world: World, actor, **changes) -> TimetableEntry:
    """A weekly entry through ``create_entry``: by default Karimov's Mathematics lecture to the stream
    of KT-21 and KT-22 in room 301 on Mondays at pair 1; ``changes`` replace any of its fields."""
    fields = {
        "semester": world.semester,
        "subject": world.math,
        "training_type": TrainingType.LECTURE,
        "teacher": world.karimov,
        "room": world.room301,
        "weekday": 1,
        "pair": 1,
        "attendees": [Attendee(world.kt21), Attendee(world.kt22)],
    }
    fields.update(changes)
    return entries.create_entry(actor=actor, **fields)


def add_lab(world: World, actor, subgroup: Subgroup, **changes) -> TimetableEntry:
    """Rahimova's Physics laboratory of ``subgroup`` of KT-21 in laboratory 105 on Wednesdays at pair 2;
    ``changes`` replace any of its fields."""
    fields = {
        "subject": world.physics,
        "training_type": TrainingType.LABORATORY,
        "teacher": world.rahimova,
        "room": world.lab105,
        "weekday": 3,
        "pair": 2,
        "attendees": [Attendee(world.kt21, subgroup)],
    }
    return add_entry(world, actor, **(fields | changes))


def place_entry(
    world: World, actor, subject, training_type, teacher, room, weekday, pair, *attendees, **more
):
    """``add_entry`` with the fields in a row, the attendees last: for tests that place many entries."""
    fields = {"subject": subject, "training_type": training_type, "teacher": teacher, "room": room}
    return add_entry(world, actor, **fields, weekday=weekday, pair=pair, attendees=list(attendees), **more)


def add_control(world: World, actor, group: str = "KT-21", subject: str = "MAT204", **changes) -> Lesson:
    """A control through ``schedule_control``: by default the final control of ``subject`` for
    ``group`` on Friday 12.02.2027 at pair 3 in room 204, Karimov examining."""
    fields = {
        "group_subject": world.bindings[(group, subject)],
        "control_kind": ControlKind.FINAL,
        "date": D(2027, 2, 12),
        "pair": 3,
        "room": world.room204,
        "examiner": world.karimov,
    }
    fields.update(changes)
    return controls.schedule_control(actor=actor, **fields)


def bind(world: World, group, subject: Subject, semester: Semester, loads: dict, number: int = 3) -> None:
    """Bind ``group`` to ``subject`` in curriculum semester ``number`` (taught in ``semester``) with
    ``loads`` {lesson type: teacher}, 30 hours of each."""
    cur_semester, _ = CurriculumSemester.objects.get_or_create(curriculum=world.curriculum, number=number)
    cs, _created = CurriculumSubject.objects.get_or_create(
        semester=cur_semester,
        subject=subject,
        defaults={
            "block": SubjectBlock.GENERAL_PROFESSIONAL,
            "credits": Decimal("4"),
            "department": world.department,
        },
    )
    for training_type in loads:
        SubjectLoad.objects.get_or_create(curriculum_subject=cs, training_type=training_type, hours=30)
    binding = GroupSubject.objects.create(group=group, curriculum_subject=cs, semester=semester)
    for training_type, teacher in loads.items():
        TeachingLoad.objects.create(
            group_subject=binding, training_type=training_type, teacher=teacher, assigned_on=D(2026, 8, 20)
        )


@dataclass
class Economics:
    teacher: object  # Ergashev, of the accounting department
    student: object  # Qodirov, of the economics group IQ-21-24
    subject: Subject  # Buxgalteriya BUX101, bound to the economics group with Ergashev's lecture


def economics(world: World, uni) -> Economics:
    """The other faculty's teaching beside the world's (for leak tests): the economics group on the
    world's curriculum with a student, and Ergashev's Accounting lecture bound to it in the spring."""
    ergashev = f.EmployeeFactory(last_name="Ergashev", first_name="Bobur", patronymic="")
    f.appoint(ergashev, uni["accounting_dept"])
    econ = uni["econ_group"]
    econ.curriculum = world.curriculum
    econ.save(update_fields=["curriculum"])
    student = f.StudentFactory(group=econ, last_name="Qodirov")
    accounting = Subject.objects.create(
        code="BUX101", name_uz="Buxgalteriya", department=uni["accounting_dept"]
    )
    bind(world, econ, accounting, world.semester, {TrainingType.LECTURE: ergashev}, number=4)
    return Economics(teacher=ergashev, student=student, subject=accounting)


def more_groups(world: World, n: int, *, subgroup: bool = True) -> None:
    """``n`` more groups KT-30, KT-31 … of the programme with KT-21's two subjects bound in the spring
    semester, each with a subgroup "1" when ``subgroup``."""
    for i in range(n):
        group = f.GroupFactory(
            faculty=world.faculty,
            programme=world.kt21.programme,
            name=f"KT-3{i}",
            curriculum=world.curriculum,
        )
        for code in ("MAT204", "FIZ204"):
            cs = world.bindings[("KT-21", code)].curriculum_subject
            GroupSubject.objects.create(group=group, curriculum_subject=cs, semester=world.semester)
        if subgroup:
            Subgroup.objects.create(group=group, name="1")


def lesson_dates(entry: TimetableEntry) -> list[dt.date]:
    return list(entry.lessons.order_by("date").values_list("date", flat=True))


def with_login(person, username: str, **user_fields):
    """Give an employee or a student a login of their own; the user."""
    person.user = f.UserFactory(username=username, **user_fields)
    person.save(update_fields=["user"])
    return person.user


def text(response) -> str:
    """A page's HTML with its entities unescaped."""
    return html.unescape(response.content.decode())


_absence_slot = iter(range(10_000))


def absent(w, student, subject, hours: int, *, excused: bool = False) -> Absence:
    """``student`` absent ``hours`` academic hours from a recorded lesson of ``subject`` (a Subject) in
    the world's semester; excused by an excuse of the dean's office when ``excused``."""
    n = next(_absence_slot)
    lesson = Lesson.objects.create(
        semester=w.semester,
        faculty=w.faculty,
        subject=subject,
        training_type=TrainingType.LECTURE,
        teacher=w.karimov,
        room=w.room301,
        date=w.semester.start_date + dt.timedelta(days=n // 6),
        pair=n % 6 + 1,
        start_time=dt.time(8, 0),
        end_time=dt.time(9, 20),
    )
    record = LessonRecord.objects.create(lesson=lesson)
    excuse = None
    if excused:
        excuse = Excuse.objects.create(
            student=student, from_date=lesson.date, to_date=lesson.date, reason="Ill", document_number="1"
        )
    return Absence.objects.create(record=record, student=student, hours=hours, excuse=excuse)
