"""A small electives world for the electives tests (services, policy, pages, concurrency).

``build_world(uni)`` adds to the root conftest's university: the 2026-2027 academic year and its
spring semester (01.02.2027 – 13.06.2027); at chemistry a programme with a curriculum of intake 2025
whose semester 4 (taught that spring) has a mandatory subject and three electives — Polymers and
Petrochemistry in the general professional block, Philosophy in the humanities block — and group
KT-21 (course 2) of that curriculum with ``students`` studying students, each logging in with their student ID; at economics the same
shape: one curriculum with one elective (Marketing) and group IQ-21 with two students.

The selection window is not opened here: ``open(world, dean)`` opens chemistry's through the
service (the default dates in a six-day week: 26.01.2027 – 01.02.2027), each offer with ``seats`` seats. ``IN_WINDOW``
is a day inside it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, MarkingSystem, Semester, Subject
from hemis.curricula.enums import CurriculumStatus, SubjectBlock, SubjectType
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject
from hemis.electives import services
from hemis.electives.models import ElectiveOffer, ElectiveWindow
from hemis.testing import factories as f

D = dt.date
IN_WINDOW = D(2027, 1, 27)
BEFORE_WINDOW = D(2027, 1, 22)
AFTER_WINDOW = D(2027, 2, 2)


@dataclass
class World:
    semester: Semester
    chem: object
    econ: object
    curriculum: Curriculum
    polymers: CurriculumSubject
    petro: CurriculumSubject
    philosophy: CurriculumSubject
    mandatory: CurriculumSubject
    marketing: CurriculumSubject
    kt21: object
    iq21: object
    students: list  # KT-21, ordered by pk
    econ_students: list


def _cs(cur: Curriculum, code: str, name: str, department, block: str, elective: bool = True):
    semester, _ = CurriculumSemester.objects.get_or_create(curriculum=cur, number=4)
    subject = Subject.objects.create(code=code, name_uz=name, name_en=name, department=department)
    return CurriculumSubject.objects.create(
        semester=semester,
        subject=subject,
        subject_type=SubjectType.ELECTIVE if elective else SubjectType.MANDATORY,
        block=block,
        credits=Decimal("4"),
        department=department,
    )


def _curriculum(faculty, code: str) -> Curriculum:
    programme = f.ProgrammeFactory(faculty=faculty, code=code, duration_years=4)
    return Curriculum.objects.create(
        programme=programme,
        intake_year=2025,
        marking_system=MarkingSystem.objects.order_by("code").first(),
        status=CurriculumStatus.APPROVED,
        approved_on=D(2025, 8, 1),
    )


def _student(group, first_name: str):
    """A studying student of ``group`` with a login of their own (the student ID)."""
    student = f.StudentFactory(group=group, first_name=first_name)
    student.user = f.UserFactory(username=student.student_id_number, first_name=first_name)
    student.save(update_fields=["user"])
    return student


def build_world(uni, students: int = 4) -> World:
    year = AcademicYear.objects.create(name="2026-2027", start_date=D(2026, 9, 1), end_date=D(2027, 6, 30))
    spring = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.SPRING,
        number=2,
        start_date=D(2027, 2, 1),
        end_date=D(2027, 6, 13),
    )
    chem, econ = uni["chem"], uni["econ"]
    dept, econ_dept = uni["inorganic"], uni["accounting_dept"]
    cur = _curriculum(chem, "60720100")
    gp, hum = SubjectBlock.GENERAL_PROFESSIONAL, SubjectBlock.HUMANITIES
    mandatory = _cs(cur, "MAT204", "Mathematics", dept, gp, elective=False)
    polymers = _cs(cur, "POL401", "Polymer chemistry", dept, gp)
    petro = _cs(cur, "NEF402", "Petrochemistry", dept, gp)
    philosophy = _cs(cur, "FAL403", "Philosophy", dept, hum)
    kt21 = f.GroupFactory(
        faculty=chem, name="KT-21", programme=cur.programme, curriculum=cur, intake_year=2025
    )
    members = [_student(kt21, f"Talaba{i}") for i in range(students)]
    econ_cur = _curriculum(econ, "60410100")
    marketing = _cs(econ_cur, "MRK401", "Marketing", econ_dept, gp)
    iq21 = f.GroupFactory(
        faculty=econ, name="IQ-21", programme=econ_cur.programme, curriculum=econ_cur, intake_year=2025
    )
    econ_members = [_student(iq21, f"Iqtisod{i}") for i in range(2)]
    return World(
        semester=spring,
        chem=chem,
        econ=econ,
        curriculum=cur,
        polymers=polymers,
        petro=petro,
        philosophy=philosophy,
        mandatory=mandatory,
        marketing=marketing,
        kt21=kt21,
        iq21=iq21,
        students=members,
        econ_students=econ_members,
    )


def open_window(world: World, actor, seats: int = 2, faculty=None) -> ElectiveWindow:
    return services.open_window(
        semester=world.semester, faculty=faculty or world.chem, seats=seats, actor=actor
    )


def offer(window: ElectiveWindow, cs: CurriculumSubject) -> ElectiveOffer:
    return ElectiveOffer.objects.get(window=window, curriculum_subject=cs)


def extra_elective(world: World, code: str, block: str) -> CurriculumSubject:
    """One more elective of chemistry's curriculum semester 4, in ``block``."""
    return _cs(world.curriculum, code, f"Elective {code}", world.polymers.department, block)
