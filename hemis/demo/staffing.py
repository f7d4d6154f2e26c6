"""The demo institute's employees, their appointments and which of them get demo logins (pure data)."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from hemis.demo import names, structure
from hemis.demo.identity import IdentityMaker, PersonData
from hemis.staff.enums import EmploymentForm as F
from hemis.staff.enums import Position as P
from hemis.staff.models import EmployeeType as E

LAST_HIRE = dt.date(2025, 9, 1)
RATES = (Decimal("1.00"), Decimal("0.75"), Decimal("0.50"), Decimal("0.25"))

# position: (employee type, born from, born to, chances of (DSc, PhD), rank with DSc, rank with PhD)
PROFILES = {
    P.RECTOR: (E.ADMINISTRATIVE, 1962, 1975, (1.0, 0.0), "13", "11"),
    P.FIRST_VICE_RECTOR: (E.ADMINISTRATIVE, 1965, 1980, (0.6, 0.4), "13", "11"),
    P.VICE_RECTOR_RESEARCH: (E.ADMINISTRATIVE, 1965, 1982, (0.8, 0.2), "13", "11"),
    P.VICE_RECTOR_YOUTH: (E.ADMINISTRATIVE, 1975, 1988, (0.1, 0.6), "11", "11"),
    P.VICE_RECTOR_FINANCE: (E.ADMINISTRATIVE, 1970, 1985, (0.1, 0.5), "13", "11"),
    P.DEAN: (E.ADMINISTRATIVE, 1970, 1985, (0.3, 0.7), "13", "11"),
    P.DEPUTY_DEAN: (E.ADMINISTRATIVE, 1978, 1992, (0.0, 0.5), "13", "11"),
    P.HEAD_OF_DEPARTMENT: (E.TEACHING, 1965, 1982, (0.4, 0.6), "13", "11"),
    P.PROFESSOR: (E.TEACHING, 1955, 1975, (0.9, 0.1), "13", "13"),
    P.DOCENT: (E.TEACHING, 1968, 1988, (0.0, 0.95), "13", "11"),
    P.SENIOR_TEACHER: (E.TEACHING, 1975, 1993, (0.0, 0.35), "13", "10"),
    P.ASSISTANT: (E.TEACHING, 1990, 2000, (0.0, 0.05), "13", "10"),
    P.INTERN_TEACHER: (E.TEACHING, 1997, 2002, (0.0, 0.0), "13", "10"),
    P.TUTOR: (E.SUPPORT, 1988, 2000, (0.0, 0.0), "13", "10"),
    P.HEAD_OF_DIVISION: (E.ADMINISTRATIVE, 1965, 1988, (0.0, 0.2), "13", "10"),
    P.HEAD_OF_CENTRE: (E.ADMINISTRATIVE, 1975, 1990, (0.0, 0.2), "13", "10"),
    P.DIRECTOR: (E.ADMINISTRATIVE, 1965, 1985, (0.0, 0.3), "13", "11"),
    P.METHODOLOGIST: (E.SUPPORT, 1975, 2001, (0.0, 0.05), "13", "10"),
    P.INSPECTOR: (E.SUPPORT, 1970, 2001, (0.0, 0.0), "13", "10"),
    P.ACCOUNTANT: (E.SUPPORT, 1968, 2000, (0.0, 0.0), "13", "10"),
}
VICE_RECTORS = (P.FIRST_VICE_RECTOR, P.VICE_RECTOR_RESEARCH, P.VICE_RECTOR_YOUTH, P.VICE_RECTOR_FINANCE)
TEACHING = (P.PROFESSOR, P.DOCENT, P.SENIOR_TEACHER, P.ASSISTANT, P.INTERN_TEACHER)


@dataclass(frozen=True)
class AppointmentData:
    unit: str
    position: str
    rate: Decimal
    employment_form: str
    order_number: str
    order_date: dt.date
    start_date: dt.date


@dataclass
class EmployeeData:
    person: PersonData
    email: str
    employee_type: str
    academic_degree: str
    academic_rank: str
    appointments: list[AppointmentData] = field(default_factory=list)
    login: str | None = None
    grants: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def position(self) -> str:
        return self.appointments[0].position


class Staffing:
    """Hires people unit by unit; ``by_unit[code]`` lists them in hiring order, the head first."""

    def __init__(self, rng: random.Random, maker: IdentityMaker) -> None:
        self.rng = rng
        self.maker = maker
        self.employees: list[EmployeeData] = []
        self.by_unit: dict[str, list[EmployeeData]] = {}

    def hire(
        self, unit: str, position: str, *, female_share: float = 0.4, rate: Decimal | None = None
    ) -> EmployeeData:
        etype, born_from, born_to, (dsc, phd), dsc_rank, phd_rank = PROFILES[position]
        female = self.rng.random() < female_share
        person = self.maker.person(female=female, born_from=born_from, born_to=born_to, uzbek_patronymic=0.1)
        draw = self.rng.random()
        degree, rank = (
            ("12", dsc_rank) if draw < dsc else ("11", phd_rank) if draw < dsc + phd else ("10", "10")
        )
        employee = EmployeeData(
            person=person,
            email=self.maker.email(person, structure.EMAIL_DOMAIN),
            employee_type=etype,
            academic_degree=degree,
            academic_rank=rank,
        )
        employee.appointments.append(self.appointment(unit, position, person.birth_date, rate=rate))
        self.employees.append(employee)
        self.by_unit.setdefault(unit, []).append(employee)
        return employee

    def appointment(
        self, unit: str, position: str, born: dt.date, *, rate: Decimal | None = None, form: str | None = None
    ) -> AppointmentData:
        rng = self.rng
        if rate is None:
            rate = rng.choices(RATES, weights=(74, 10, 10, 6))[0] if position in TEACHING else RATES[0]
        if form is None:
            form = F.EXTERNAL_PART_TIME if rate <= Decimal("0.50") and rng.random() < 0.6 else F.MAIN
        earliest = max(dt.date(born.year + 23, 9, 1), dt.date(2000, 9, 1))
        start = earliest + dt.timedelta(days=rng.randrange(max(1, (LAST_HIRE - earliest).days)))
        order_date = start - dt.timedelta(days=rng.randint(1, 7))
        return AppointmentData(unit, position, rate, form, f"{rng.randint(1, 480)}-K", order_date, start)

    def add_part_time(self, employee: EmployeeData, unit: str, position: str, rate: Decimal) -> None:
        extra = self.appointment(
            unit, position, employee.person.birth_date, rate=rate, form=F.INTERNAL_PART_TIME
        )
        employee.appointments.append(extra)
        self.by_unit.setdefault(unit, []).append(employee)


def build_staff(rng: random.Random, maker: IdentityMaker) -> list[EmployeeData]:
    """About 230 employees: rectorate, deans' offices, departments, divisions and centres; logins assigned."""
    staff = Staffing(rng, maker)
    rector = staff.hire("REK", P.RECTOR, female_share=0.0)
    for position in VICE_RECTORS:
        staff.hire("REK", position, female_share=0.25)
    for faculty in structure.FACULTIES:
        _staff_faculty(staff, faculty.code)
    for dept in structure.DEPARTMENTS:
        _staff_department(staff, dept.code)
    staff.add_part_time(rector, "D-NMT", P.PROFESSOR, Decimal("0.25"))
    for faculty in structure.FACULTIES:
        dean = staff.by_unit[faculty.code][0]
        first_dept = next(d.code for d in structure.DEPARTMENTS if d.parent == faculty.code)
        teaching = P.PROFESSOR if dean.academic_degree == "12" else P.DOCENT
        staff.add_part_time(dean, first_dept, teaching, Decimal("0.50"))
    for unit in structure.DIVISIONS[1:]:
        staff.hire(unit.code, unit.head, female_share=0.45)
        for _ in range(unit.size - 1):
            staff.hire(unit.code, unit.staff, female_share=0.6)
    assign_logins(staff)
    return staff.employees


def _staff_faculty(staff: Staffing, code: str) -> None:
    staff.hire(code, P.DEAN, female_share=0.2)
    for _ in range(2):
        staff.hire(code, P.DEPUTY_DEAN, female_share=0.4)
    for _ in range(2):
        staff.hire(code, P.TUTOR, female_share=0.6)


def _staff_department(staff: Staffing, code: str) -> None:
    rng = staff.rng
    staff.hire(code, P.HEAD_OF_DEPARTMENT, female_share=0.3)
    counts = (
        (P.PROFESSOR, rng.randint(0, 2)),
        (P.DOCENT, rng.randint(2, 3)),
        (P.SENIOR_TEACHER, rng.randint(2, 3)),
        (P.ASSISTANT, rng.randint(2, 3)),
        (P.INTERN_TEACHER, rng.randint(0, 1)),
    )
    for position, count in counts:
        for _ in range(count):
            staff.hire(code, position, female_share=0.5)


def _demo_person(staff: Staffing, login: str, workplace: str) -> EmployeeData:
    """The person behind a demo login: the unit's head, or for ict/teacher its first other employee."""
    people = [e for e in staff.by_unit[workplace] if e.appointments[0].unit == workplace]
    if login == "ict":
        return people[1]
    if login == "teacher":
        return next(e for e in people if e.position == P.DOCENT)
    return people[0]


def assign_logins(staff: Staffing) -> None:
    for login, role, workplace, scope in structure.DEMO_LOGINS:
        employee = _demo_person(staff, login, workplace)
        employee.login = login
        employee.grants.append((role, scope))
        if login in structure.EXTRA_GRANTS:
            employee.grants.append(structure.EXTRA_GRANTS[login])
    taken = {login for login, *_ in structure.DEMO_LOGINS}
    for dept in structure.DEPARTMENTS:
        teachers = [
            e
            for e in staff.by_unit[dept.code]
            if e.login is None and e.position in TEACHING and e.appointments[0].unit == dept.code
        ]
        for employee in teachers[: structure.TEACHER_LOGINS_PER_DEPARTMENT]:
            employee.login = _teacher_login(employee.person, taken)
            employee.grants.append(("teacher", dept.code))


def _teacher_login(person: PersonData, taken: set[str]) -> str:
    base = f"{names.ascii_login(person.first_name)[0]}.{names.ascii_login(person.last_name)}"
    login, n = base, 1
    while login in taken:
        n += 1
        login = f"{base}{n}"
    taken.add(login)
    return login
