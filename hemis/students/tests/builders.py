"""Builders for the groups, students and group-subjects tests (plain ORM for what other apps own)."""

import datetime as dt
from decimal import Decimal

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, MarkingSystem, Programme, Semester, Subject
from hemis.curricula.enums import CurriculumStatus, SubjectBlock
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject
from hemis.students.models import Group, Student, StudentStatus
from hemis.testing import factories as f

D = dt.date


def programme(faculty, code: str, duration: int = 4) -> Programme:
    return f.ProgrammeFactory(faculty=faculty, code=code, duration_years=duration)


def curriculum(prog: Programme, intake_year: int = 2024, approved: bool = True) -> Curriculum:
    status = CurriculumStatus.APPROVED if approved else CurriculumStatus.DRAFT
    return Curriculum.objects.create(
        programme=prog,
        intake_year=intake_year,
        marking_system=MarkingSystem.objects.order_by("code").first(),
        status=status,
        approved_on=D(intake_year, 8, 1) if approved else None,
    )


def curriculum_subject(
    cur: Curriculum, number: int, code: str, department, credits: str = "6"
) -> CurriculumSubject:
    semester, _created = CurriculumSemester.objects.get_or_create(curriculum=cur, number=number)
    subject = Subject.objects.filter(code=code).first() or Subject.objects.create(
        code=code, name_uz=f"Fan {code}", department=department
    )
    return CurriculumSubject.objects.create(
        semester=semester,
        subject=subject,
        block=SubjectBlock.GENERAL_PROFESSIONAL,
        credits=Decimal(credits),
        department=department,
    )


def year_with_semesters(first: int) -> tuple[Semester, Semester]:
    year = AcademicYear.objects.create(
        name=f"{first}-{first + 1}", start_date=D(first, 9, 1), end_date=D(first + 1, 6, 30)
    )
    autumn = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.AUTUMN,
        number=1,
        start_date=D(first, 9, 1),
        end_date=D(first + 1, 1, 25),
    )
    spring = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.SPRING,
        number=2,
        start_date=D(first + 1, 2, 2),
        end_date=D(first + 1, 6, 30),
    )
    return autumn, spring


def group(faculty, name: str, prog: Programme | None = None, **kwargs) -> Group:
    prog = prog or f.ProgrammeFactory(faculty=faculty)
    return f.GroupFactory(faculty=faculty, programme=prog, name=name, **kwargs)


def student_without_group(prog: Programme, last_name: str = "Karimov", **kwargs) -> Student:
    return f.StudentFactory(
        group=None,
        faculty=prog.faculty,
        programme=prog,
        last_name=last_name,
        status=kwargs.pop("status", StudentStatus.STUDYING),
        **kwargs,
    )
