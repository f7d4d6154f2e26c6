"""The demo institute's academic groups and students (pure data)."""

import math
import random
from dataclasses import dataclass

from hemis.demo import structure
from hemis.demo.identity import IdentityMaker, PersonData
from hemis.demo.structure import ProgrammeSpec
from hemis.students.models import Language, PaymentForm, StudentStatus

GROUP_SIZE = 25  # a bachelor group holds 20-30 students, a master group 12-18
MASTER_SIZE = 15
COURSE_WEIGHT = {1: 1.25, 2: 1.15, 3: 1.0, 4: 0.9}
FEMALE_SHARE = {"F-KT": 0.5, "F-OT": 0.6, "F-NG": 0.3, "F-IB": 0.55}


@dataclass(frozen=True)
class Cohort:
    programme: ProgrammeSpec
    intake_year: int
    course: int
    weight: float
    graduated: bool = False


@dataclass(frozen=True)
class GroupData:
    name: str
    programme: str
    faculty: str
    intake_year: int
    course: int
    language: str


@dataclass(frozen=True)
class StudentData:
    person: PersonData
    email: str
    student_id_number: str
    group: str
    status: str
    payment_form: str


def cohorts(rng: random.Random) -> list[Cohort]:
    """Every (programme, intake) pair with a relative size: 4 bachelor courses, 2 master courses, the class of GRADUATED_INTAKE."""
    found = []
    for p in structure.PROGRAMMES:
        for course in range(1, 3 if p.master else 5):
            weight = p.weight * COURSE_WEIGHT[course] * rng.uniform(0.85, 1.15)
            found.append(Cohort(p, structure.CURRENT_YEAR - course + 1, course, weight))
    for p in structure.PROGRAMMES:
        if p.abbr in structure.GRADUATED_PROGRAMMES:
            found.append(Cohort(p, structure.GRADUATED_INTAKE, 4, p.weight * 0.6, graduated=True))
    return found


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainder, ties by position)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def group_counts(found: list[Cohort], total: int) -> list[int]:
    """One group per cohort, plus as many more as ``total`` needs, given to the current cohorts by weight."""
    base = sum(MASTER_SIZE if c.programme.master else GROUP_SIZE for c in found)
    extra = max(0, round((total - base) / GROUP_SIZE))
    weights = [0.0 if c.graduated else c.weight for c in found]
    return [1 + n for n in allocate(extra, weights)]


def cohort_groups(cohort: Cohort, count: int) -> list[GroupData]:
    """Groups named abbreviation-stream/number-intake ("KT-21-24"); stream 2 studies in Russian."""
    russian = 0
    if cohort.programme.russian_stream and not cohort.graduated:
        russian = max(1, round(count * 0.25)) if count >= 2 else 0
    groups = []
    for index in range(count):
        in_russian = index >= count - russian
        number = index - (count - russian) + 1 if in_russian else index + 1
        groups.append(
            GroupData(
                name=f"{cohort.programme.abbr}-{2 if in_russian else 1}{number}-{cohort.intake_year % 100:02d}",
                programme=cohort.programme.code,
                faculty=cohort.programme.faculty,
                intake_year=cohort.intake_year,
                course=cohort.course,
                language=Language.RUSSIAN if in_russian else Language.UZBEK,
            )
        )
    return groups


def returnable(cohort: Cohort) -> bool:
    """Whether the cohort admitted a year earlier also studies here (a student back from leave came from it)."""
    last_course = 1 if cohort.programme.master else 3
    return cohort.course <= last_course


class Enrolment:
    def __init__(self, rng: random.Random, maker: IdentityMaker) -> None:
        self.rng = rng
        self.maker = maker
        self.serials: dict[int, int] = {}
        self.groups: list[GroupData] = []
        self.students: list[StudentData] = []

    def enrol(self, total: int) -> None:
        found = cohorts(self.rng)
        planned: list[tuple[Cohort, GroupData]] = []
        for cohort, count in zip(found, group_counts(found, total), strict=True):
            planned += [(cohort, group) for group in cohort_groups(cohort, count)]
        weights = [self.group_weight(cohort) for cohort, _ in planned]
        for (cohort, group), size in zip(planned, allocate(total, weights), strict=True):
            self.groups.append(group)
            self.students += [self.student(cohort, group) for _ in range(size)]

    def group_weight(self, cohort: Cohort) -> float:
        low, high = (12, 18) if cohort.programme.master else (21, 29)
        return self.rng.uniform(low, high)

    def student(self, cohort: Cohort, group: GroupData) -> StudentData:
        rng = self.rng
        age = (
            rng.choice((22, 22, 23, 24)) if cohort.programme.master else rng.choice((17, 18, 18, 18, 19, 20))
        )
        born = cohort.intake_year - age
        female = rng.random() < FEMALE_SHARE[cohort.programme.faculty]
        person = self.maker.person(female=female, born_from=born, born_to=born, uzbek_patronymic=0.6)
        status, returned = self.status(cohort)
        # A student back from a year of academic leave studies with the next intake but keeps the ID
        # number of the year they were admitted (the movements demo gives them the leave and return orders).
        admitted = cohort.intake_year - 1 if returned else cohort.intake_year
        return StudentData(
            person=person,
            email=self.maker.email(person, f"student.{structure.EMAIL_DOMAIN}"),
            student_id_number=self.next_id(admitted),
            group=group.name,
            status=status,
            payment_form=PaymentForm.GRANT
            if rng.random() < (0.4 if cohort.programme.master else 0.3)
            else PaymentForm.CONTRACT,
        )

    def status(self, cohort: Cohort) -> tuple[str, bool]:
        """The student's status, and whether they returned from leave into this (younger) cohort."""
        if cohort.graduated:
            return StudentStatus.GRADUATED, False
        draw = self.rng.random()
        if draw < 0.025:
            return StudentStatus.ACADEMIC_LEAVE, False
        if draw < 0.04:
            return StudentStatus.EXPELLED, False
        return StudentStatus.STUDYING, draw < 0.05 and returnable(cohort)

    def next_id(self, intake_year: int) -> str:
        """12 digits: "3", the university's two-digit code, the intake year, a 7-digit serial."""
        serial = self.serials.get(intake_year, 0) + 1
        self.serials[intake_year] = serial
        return f"{structure.ID_PREFIX}{intake_year % 100:02d}{serial:07d}"
