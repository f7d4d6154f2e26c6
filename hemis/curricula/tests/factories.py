"""Builders for the curricula tests (through the services, as the pages do)."""

import itertools
from decimal import Decimal

from hemis.academics.models import ControlType, EducationType, MarkingSystem, Programme, Subject
from hemis.curricula.enums import FinalForm, SubjectBlock, SubjectType, TrainingType
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject
from hemis.curricula.services import curricula as services
from hemis.curricula.services import subjects
from hemis.org.models import OrgUnit

_codes = itertools.count(1)

# The usual split of a 100-point system: current 30, midterm 20, final 50.
STANDARD_POINTS = {"11": 30, "12": 20, "13": 50}


def programme(
    faculty: OrgUnit, *, code: str | None = None, duration: int = 4, level: str = EducationType.BACHELOR
) -> Programme:
    return Programme.objects.create(
        code=code or f"5{next(_codes):07d}",
        name_uz="Kimyoviy texnologiya",
        faculty=faculty,
        education_type=level,
        duration_years=duration,
    )


def subject(department: OrgUnit, *, code: str | None = None, name: str = "Umumiy kimyo") -> Subject:
    return Subject.objects.create(code=code or f"FAN{next(_codes):04d}", name_uz=name, department=department)


def marking(code: str = "11") -> MarkingSystem:
    return MarkingSystem.objects.get(code=code)


def controls(points: dict[str, int] | None = None) -> dict[ControlType, int]:
    points = STANDARD_POINTS if points is None else points
    by_code = {c.code: c for c in ControlType.objects.filter(code__in=points)}
    return {by_code[code]: p for code, p in points.items()}


def curriculum(prog: Programme, year: int = 2026, actor=None, *, form: str = "11") -> Curriculum:
    return services.create_curriculum(
        programme=prog, intake_year=year, education_form=form, marking_system=marking(), actor=actor
    )


def add(
    semester: CurriculumSemester,
    department: OrgUnit,
    *,
    subj: Subject | None = None,
    credits: str = "6",
    hours: dict[str, int] | None = None,
    points: dict[str, int] | None = None,
    block: str = SubjectBlock.MATHEMATICS,
    actor=None,
) -> CurriculumSubject:
    return subjects.add_subject(
        semester=semester,
        values={
            "subject": subj or subject(department),
            "subject_type": SubjectType.MANDATORY,
            "block": block,
            "credits": Decimal(credits),
            "final_form": FinalForm.EXAM,
            "department": department,
        },
        loads=hours or {TrainingType.LECTURE: 30, TrainingType.PRACTICAL: 30, TrainingType.INDEPENDENT: 120},
        controls=controls(points),
        actor=actor,
    )


def filled(cur: Curriculum, department: OrgUnit, actor=None) -> Curriculum:
    """Give every semester one subject (so the curriculum can be approved)."""
    for semester in cur.semesters.order_by("number"):
        add(semester, department, actor=actor)
    return cur
