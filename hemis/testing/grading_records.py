"""Additions to the grading world (``hemis.testing.grading``) for the records, GPA, debts and re-study
tests: more curriculum subjects (other credits, other semesters and years), the three controls' statements
of given totals, re-study statements and academic records written straight into the tables, and a
re-study period and group made through the services."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from hemis.academics.enums import SemesterType
from hemis.academics.models import AcademicYear, Semester, Subject
from hemis.curricula.enums import SubjectBlock
from hemis.curricula.models import CurriculumSemester, CurriculumSubject
from hemis.grading.models import AcademicRecord, RestudyGroup, RestudyPeriod, Statement, StatementLine
from hemis.schedule.enums import Attempt, ControlKind
from hemis.students.models import GroupSubject
from hemis.testing.grading import MAX_POINTS, add_controls, make_statement

D = dt.date


def add_subject(grading, code: str, *, credits: str, semester: Semester, number: int | None = None):
    """A subject ``code`` of ``credits`` in the world's curriculum, taught to KT-21 and KT-22 in
    ``semester`` (curriculum semester ``number``: 3 for the autumn, 4 for the spring unless given);
    statements of it are made with ``make_statement(w, subject=code)``."""
    w = grading.world
    number = number or (3 if semester.semester_type == SemesterType.AUTUMN else 4)
    cur_semester, _ = CurriculumSemester.objects.get_or_create(curriculum=w.curriculum, number=number)
    subject = Subject.objects.create(code=code, name_uz=code, name_en=code, department=w.department)
    cs = CurriculumSubject.objects.create(
        semester=cur_semester,
        subject=subject,
        block=SubjectBlock.GENERAL_PROFESSIONAL,
        credits=Decimal(credits),
        department=w.department,
    )
    add_controls(cs)
    for group in (w.kt21, w.kt22):
        w.bindings[(group.name, code)] = GroupSubject.objects.create(
            group=group, curriculum_subject=cs, semester=semester
        )
    return cs


def grade(w, subject: str, totals: dict, *, barred: tuple = (), **statement) -> None:
    """One statement per control of ``subject`` giving each student of ``totals`` {student: total of
    100}: the current up to 30, the midterm up to 20, the rest in the final, where ``barred`` are barred.
    ``statement``: ``make_statement``'s other arguments (lines for the whole group unless ``students``)."""
    for index, kind in enumerate((ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL)):
        points = {}
        for student, total in totals.items():
            current = min(total, 30)
            midterm = min(max(total - 30, 0), 20)
            points[student] = (current, midterm, total - current - midterm)[index]
        make_statement(
            w,
            subject=subject,
            control_kind=kind,
            points=points,
            barred=barred if kind == ControlKind.FINAL else (),
            **statement,
        )


def next_year(grading) -> tuple[AcademicYear, Semester]:
    """The 2027-2028 academic year and its autumn semester."""
    year = AcademicYear.objects.create(name="2027-2028", start_date=D(2027, 9, 1), end_date=D(2028, 6, 30))
    autumn = Semester.objects.create(
        academic_year=year,
        semester_type=SemesterType.AUTUMN,
        number=1,
        start_date=D(2027, 9, 1),
        end_date=D(2028, 1, 24),
    )
    return year, autumn


def restudy_statement(grading, student, *, kind: str, points, control_date: dt.date, cs=None):
    """A re-study group of ``cs``'s subject (Mathematics unless given) with ``student``'s line."""
    w = grading.world
    cs = cs or grading.math_cs
    period, _ = RestudyPeriod.objects.get_or_create(
        name="Yozgi", semester=w.semester, defaults={"start_date": D(2027, 6, 15), "end_date": D(2027, 7, 31)}
    )
    group, _ = RestudyGroup.objects.get_or_create(
        period=period,
        name=cs.subject.code,
        defaults={"faculty": w.faculty, "subject": cs.subject, "teacher": w.karimov},
    )
    statement = Statement.objects.create(
        faculty=w.faculty,
        semester=w.semester,
        subject=cs.subject,
        restudy_group=group,
        control_kind=kind,
        attempt=Attempt.FIRST,
        control_date=control_date,
        examiner=w.karimov,
        max_points=MAX_POINTS[kind],
    )
    StatementLine.objects.create(statement=statement, student=student, curriculum_subject=cs, points=points)
    return statement


def record(grading, student, status, *, cs=None, total=20, score=None, grade="2") -> AcademicRecord:
    """A record of ``student`` in ``cs`` (Mathematics unless given) written straight to the table."""
    w = grading.world
    return AcademicRecord.objects.create(
        student=student,
        curriculum_subject=cs or grading.math_cs,
        semester=w.semester,
        academic_year=w.year,
        total_points=total,
        max_points=100,
        score=total if score is None else score,
        grade=grade,
        grade_point=Decimal(grade) if grade else None,
        credits=Decimal("4"),
        status=status,
        computed_at=timezone.now(),
    )


def new_period(grading, actor, *, start: dt.date, end: dt.date, name: str = "Summer 2027") -> RestudyPeriod:
    """A re-study period of the world's semester through the service, 250,000 UZS a credit."""
    from hemis.grading.services import restudy

    return restudy.create_period(
        name=name,
        semester=grading.world.semester,
        start_date=start,
        end_date=end,
        fee_per_credit=Decimal("250000"),
        actor=actor,
    )


def new_group(grading, period, actor, *, name: str = "RS-MAT-1") -> RestudyGroup:
    """A Mathematics re-study group of the chemistry faculty taught by Karimov, through the service."""
    from hemis.grading.services import restudy

    w = grading.world
    return restudy.create_group(
        period=period, faculty=w.faculty, subject=w.math, name=name, teacher=w.karimov, actor=actor
    )
