"""The whole demo university as plain data, from a seed: the same seed always gives the same university."""

import random
from dataclasses import dataclass

from hemis.demo import structure
from hemis.demo.enrolment import Enrolment, GroupData, StudentData
from hemis.demo.identity import IdentityMaker
from hemis.demo.staffing import EmployeeData, build_staff
from hemis.demo.structure import ProgrammeSpec, UnitSpec

DEFAULT_SEED = 2026
DEFAULT_STUDENTS = 1500


@dataclass(frozen=True)
class Plan:
    units: tuple[UnitSpec, ...]
    programmes: tuple[ProgrammeSpec, ...]
    employees: list[EmployeeData]
    groups: list[GroupData]
    students: list[StudentData]


def build_plan(*, students: int = DEFAULT_STUDENTS, seed: int = DEFAULT_SEED) -> Plan:
    """Draw everything from one ``random.Random(seed)``: staff first, so they do not depend on ``students``."""
    rng = random.Random(seed)
    maker = IdentityMaker(rng)
    employees = build_staff(rng, maker)
    enrolment = Enrolment(rng, maker)
    enrolment.enrol(students)
    return Plan(
        units=structure.DIVISIONS + structure.FACULTIES + structure.DEPARTMENTS,
        programmes=structure.PROGRAMMES,
        employees=employees,
        groups=enrolment.groups,
        students=enrolment.students,
    )
