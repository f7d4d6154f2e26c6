"""A small timetable world for the schedule tests (services, pages, feeds, solver).

``build_world(uni)`` adds to the root conftest's university: the 2026-2027 academic year with six
pairs and its spring semester (02.02.2027 – 13.06.2027), a chemistry programme with an approved
curriculum (semester 4: Mathematics 30 h lecture + 30 h practical, Physics 30 h lecture + 30 h
laboratory), groups KT-21 and KT-22 (course 2, 12 and 14 studying students), a subgroup pair of
KT-21 for laboratories, teachers Karimov (Mathematics) and Rahimova (Physics) with their loads,
rooms 204 (30 seats), 301 (100 seats) and 105 (12 seats, a laboratory).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, LessonPair, MarkingSystem, Semester, Subject
from hemis.curricula.enums import CurriculumStatus, SubjectBlock, TrainingType
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject, SubjectLoad
from hemis.org.models import Building, Room, RoomType
from hemis.schedule.models import TeachingLoad
from hemis.students.models import GroupSubject, Subgroup
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
