"""The grading additions to the timetable world (``hemis.testing.schedule``) for the grading tests.

``build_grading(world)`` gives both of the world's subjects their controls (rating system, 100
points: current 30, midterm 20, final 50) and Karimov (Mathematics) and Rahimova (Physics) logins
``karimov`` and ``rahimova``. ``make_statement`` writes a statement and its lines straight into the
tables — for the tests of what reads statements (records, GPA, debts, evaluators); the generating
service has its own tests.

The ``grading`` fixture builds it; conftests import ``world`` and ``grading`` from here.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from hemis.academics.models import ControlType, MarkingSystem
from hemis.curricula.models import CurriculumSubject, SubjectControl
from hemis.grading.models import Statement, StatementLine
from hemis.schedule.enums import Attempt, ControlKind
from hemis.students.models import Student
from hemis.testing import schedule as world_module
from hemis.testing.schedule import World, with_login

D = dt.date
world = world_module.world  # the shared fixture, for conftests to import from here
CONTROL_DATE = D(2027, 6, 1)  # a control after the spring semester's teaching
# The rating system's controls of every subject of the world: current 30, midterm 20, final 50.
MAX_POINTS = {ControlKind.CURRENT: 30, ControlKind.MIDTERM: 20, ControlKind.FINAL: 50}


@dataclass
class Grading:
    world: World
    math_cs: CurriculumSubject  # Mathematics in KT-21's and KT-22's curriculum, semester 4, 4 credits
    physics_cs: CurriculumSubject
    karimov_user: object
    rahimova_user: object

    def students(self, group: str = "KT-21") -> list[Student]:
        """The group's students, by last name (KT-21: Aliyev0 … Aliyev11)."""
        g = self.world.kt21 if group == "KT-21" else self.world.kt22
        return list(Student.objects.filter(group=g).order_by("last_name"))


def add_controls(cs: CurriculumSubject, max_points: dict | None = None) -> None:
    """The curriculum subject's controls with their maximum points (``MAX_POINTS`` unless given)."""
    for kind, points in (max_points or MAX_POINTS).items():
        SubjectControl.objects.update_or_create(
            curriculum_subject=cs,
            control_type=ControlType.objects.get(code=kind),
            defaults={"max_points": points},
        )


def use_marking_system(w: World, code: str) -> MarkingSystem:
    """Switch the world's curriculum to marking system ``code`` ("11" rating, "12" five-point,
    "13" credit)."""
    system = MarkingSystem.objects.get(code=code)
    w.curriculum.marking_system = system
    w.curriculum.save(update_fields=["marking_system"])
    return system


def build_grading(w: World) -> Grading:
    math_cs = w.bindings[("KT-21", "MAT204")].curriculum_subject
    physics_cs = w.bindings[("KT-21", "FIZ204")].curriculum_subject
    for cs in (math_cs, physics_cs):
        add_controls(cs)
    return Grading(
        world=w,
        math_cs=math_cs,
        physics_cs=physics_cs,
        karimov_user=with_login(w.karimov, "karimov"),
        rahimova_user=with_login(w.rahimova, "rahimova"),
    )


@pytest.fixture
def grading(world) -> Grading:  # noqa: F811 - the fixture named like the shared one
    return build_grading(world)


def make_statement(
    w: World,
    *,
    group: str = "KT-21",
    subject: str = "MAT204",
    control_kind: str = ControlKind.FINAL,
    attempt: str = Attempt.FIRST,
    control_date: dt.date = CONTROL_DATE,
    examiner=None,
    points: dict | None = None,
    barred: tuple = (),
    students: list | None = None,
    signed: bool = False,
) -> Statement:
    """A statement of ``group``'s ``subject`` written straight into the tables, with a line for each of
    ``students`` (all the group's students unless given); ``points`` {student: points} fills lines,
    students in ``barred`` are marked barred."""
    binding = w.bindings[(group, subject)]
    cs = binding.curriculum_subject
    control = SubjectControl.objects.filter(curriculum_subject=cs, control_type__code=control_kind).first()
    statement = Statement.objects.create(
        faculty=w.faculty,
        semester=binding.semester,
        subject=cs.subject,
        group_subject=binding,
        control_kind=control_kind,
        attempt=attempt,
        control_date=control_date,
        examiner=examiner or (w.karimov if subject == "MAT204" else w.rahimova),
        max_points=control.max_points if control else MAX_POINTS[control_kind],
        signed_at=timezone.now() if signed else None,
    )
    members = students if students is not None else list(Student.objects.filter(group=binding.group))
    points = points or {}
    now = timezone.now()
    StatementLine.objects.bulk_create(
        StatementLine(
            statement=statement,
            student=student,
            curriculum_subject=cs,
            points=points.get(student),
            barred=student in barred,
            graded_at=now if points.get(student) is not None else None,
        )
        for student in members
    )
    return statement
