"""Write a demo ``Plan`` into the database in one transaction, with bulk inserts."""

import datetime as dt
from random import Random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from hemis.academics.models import EducationType, Programme
from hemis.access.models import Role, RoleGrant, User
from hemis.audit import services as audit
from hemis.core import services as core_services
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import GpaMethod, StudyWeek, UniversitySettings
from hemis.core.people import Gender
from hemis.demo import cabinet as cabinet_demo
from hemis.demo import documents as documents_demo
from hemis.demo import electives as electives_demo
from hemis.demo import exchange as exchange_demo
from hemis.demo import extensions, structure
from hemis.demo import grading as grading_demo
from hemis.demo import graduation as graduation_demo
from hemis.demo import integrations as integrations_demo
from hemis.demo import schedule as schedule_demo
from hemis.demo import submissions as submissions_demo
from hemis.demo import teaching as teaching_demo
from hemis.demo.identity import PersonData
from hemis.demo.plan import Plan
from hemis.org.models import OrgUnit
from hemis.org.services import create_unit
from hemis.staff.models import Appointment, Employee
from hemis.students.models import Group, Student

BATCH = 2000
LAUNCH_DATE = dt.date(2025, 9, 1)
# The council's first meeting after the launch chose the GPA method (annex 1 item 7, due the next working
# day); the administrator set it three working days after the decision, so the item shows late.
GPA_DECIDED_ON = dt.date(2025, 10, 28)
GPA_SET_AFTER = 3


TASHKENT = ZoneInfo("Asia/Tashkent")


def demo_usernames(plan: Plan) -> list[str]:
    return [e.login for e in plan.employees if e.login] + [s.student_id_number for s in plan.students]


def obstacles(plan: Plan) -> list[str]:
    """Why the plan cannot be loaded into this database (empty when it can)."""
    found = []
    units = OrgUnit.objects.count()
    if units:
        found.append(f"the database already has {units} org units")
    names = demo_usernames(plan)
    clashes = [u for i in range(0, len(names), BATCH) for u in _existing_usernames(names[i : i + BATCH])]
    if clashes:
        found.append(f"{len(clashes)} demo login(s) already exist, e.g. {', '.join(sorted(clashes)[:3])}")
    if RoleGrant.objects.filter(role_id="super_admin", revoked_at__isnull=True).exists():
        found.append("a super administrator already exists")
    return found


def _existing_usernames(names: list[str]) -> list[str]:
    return list(User.objects.filter(username__in=names).values_list("username", flat=True))


@transaction.atomic
def load(*, plan: Plan, password: str, seed: int) -> dict[str, int]:
    """Create the whole demo university; every user gets ``password`` (hashed once, shared)."""
    units: dict[str, OrgUnit] = {}
    for spec in plan.units:  # parents come first in the plan, so each path can be built from its parent's
        units[spec.code] = _unit(spec, parent=units.get(spec.parent or ""))
    programmes = _programmes(plan, units)
    groups = _groups(plan, programmes, units)
    users = _users(plan, make_password(password))
    employees = _employees(plan, users)
    _appointments(plan, employees, units)
    _students(plan, groups, users)
    grants = _grants(plan, users, units)
    settings = _university()
    _gpa_method(admin=users["admin"])
    counts = {
        "units": len(units),
        "programmes": len(programmes),
        "groups": len(groups),
        "employees": len(employees),
        "students": len(plan.students),
        "users": len(users),
        "grants": grants,
    }
    counts.update(extensions.run_all(seed=seed))
    _analyze()
    # The timetables stand on everything above: groups and their subjects, teachers, rooms, students.
    counts.update(schedule_demo.seed(rng=Random(f"{seed}-schedule")))
    _analyze()
    # What teachers enter stands on the loads and the dated lessons.
    counts.update(teaching_demo.seed(rng=Random(f"{seed}-teaching")))
    _analyze()
    # Statements, records, re-study and plans stand on the loads and the controls.
    counts.update(grading_demo.seed(rng=Random(f"{seed}-grading")))
    _analyze()
    # -- submissions: the students' hand-ins to this semester's assignments, most past ones graded --
    counts.update(submissions_demo.seed(rng=Random(f"{seed}-submissions")))
    # -- documents (issue 14): a few issued documents, on the records and plans above --
    counts.update(documents_demo.seed())
    # -- first log-in and personal data (issue 14): fresh students, first log-ins, correction requests --
    counts.update(cabinet_demo.seed())
    # -- graduation (issue 14): clearance sheets in every state, a diploma to download --
    counts.update(graduation_demo.seed())
    # -- electives (issue 14): the current semester's window, and the next semester's, open today --
    counts.update(electives_demo.seed(rng=Random(f"{seed}-electives")))
    # -- the integration registry (issue 15): api_demo, the LMS, its token with a published key --
    counts.update(integrations_demo.seed())
    # -- the exchange with the ministry (issue 15): a sync with one failed batch, two PINFL requests --
    counts.update(exchange_demo.seed())
    audit.record(actor=None, action="core.demo.loaded", target=settings, data={"seed": seed, **counts})
    return counts


def _analyze() -> None:
    """After a bulk load, PostgreSQL's planner needs fresh statistics: without them it plans the joins
    over the new tables as nested scans (minutes instead of milliseconds)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _unit(spec: structure.UnitSpec, *, parent: OrgUnit | None) -> OrgUnit:
    return create_unit(
        code=spec.code,
        name_uz=spec.name_uz,
        name_ru=spec.name_ru,
        name_en=spec.name_en,
        structure_type=spec.structure_type,
        parent=parent,
    )


def _programmes(plan: Plan, units: dict[str, OrgUnit]) -> dict[str, Programme]:
    rows = [
        Programme(
            code=p.code,
            name_uz=p.name_uz,
            name_ru=p.name_ru,
            name_en=p.name_en,
            faculty=units[p.faculty],
            education_type=EducationType.MASTER if p.master else EducationType.BACHELOR,
            duration_years=2 if p.master else 4,
        )
        for p in plan.programmes
    ]
    return {p.code: p for p in Programme.objects.bulk_create(rows, batch_size=BATCH)}


def _groups(plan: Plan, programmes: dict[str, Programme], units: dict[str, OrgUnit]) -> dict[str, Group]:
    rows = [
        Group(
            name=g.name,
            programme=programmes[g.programme],
            faculty=units[g.faculty],
            intake_year=g.intake_year,
            course=g.course,
            language=g.language,
            is_active=g.intake_year != structure.GRADUATED_INTAKE,  # the graduates' groups are closed
        )
        for g in plan.groups
    ]
    return {g.name: g for g in Group.objects.bulk_create(rows, batch_size=BATCH)}


def _users(plan: Plan, password_hash: str) -> dict[str, User]:
    people = [(e.login, e.person, e.email) for e in plan.employees if e.login]
    people += [(s.student_id_number, s.person, s.email) for s in plan.students]
    rows = [
        User(
            username=login,
            first_name=p.first_name,
            last_name=p.last_name,
            email=email,
            password=password_hash,
        )
        for login, p, email in people
    ]
    return {u.username: u for u in User.objects.bulk_create(rows, batch_size=BATCH)}


def _person_fields(person: PersonData, email: str) -> dict:
    return {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "pinfl": person.pinfl,
        "passport": person.passport,
        "birth_date": person.birth_date,
        "gender": Gender.FEMALE if person.female else Gender.MALE,
        "phone": person.phone,
        "email": email,
        "address": person.address,
    }


def _employees(plan: Plan, users: dict[str, User]) -> list[Employee]:
    rows = [
        Employee(
            **_person_fields(e.person, e.email),
            user=users.get(e.login) if e.login else None,
            employee_type=e.employee_type,
            academic_degree=e.academic_degree,
            academic_rank=e.academic_rank,
        )
        for e in plan.employees
    ]
    return Employee.objects.bulk_create(rows, batch_size=BATCH)


def _appointments(plan: Plan, employees: list[Employee], units: dict[str, OrgUnit]) -> None:
    rows = [
        Appointment(
            employee=employee,
            org_unit=units[a.unit],
            position=a.position,
            employment_form=a.employment_form,
            rate=a.rate,
            order_number=a.order_number,
            order_date=a.order_date,
            start_date=a.start_date,
        )
        for data, employee in zip(plan.employees, employees, strict=True)
        for a in data.appointments
    ]
    Appointment.objects.bulk_create(rows, batch_size=BATCH)


def _students(plan: Plan, groups: dict[str, Group], users: dict[str, User]) -> None:
    rows = [
        Student(
            **_person_fields(s.person, s.email),
            user=users[s.student_id_number],
            student_id_number=s.student_id_number,
            group=groups[s.group],
            faculty=groups[s.group].faculty,
            programme=groups[s.group].programme,
            course=groups[s.group].course,
            status=s.status,
            education_type=groups[s.group].programme.education_type,
            payment_form=s.payment_form,
        )
        for s in plan.students
    ]
    Student.objects.bulk_create(rows, batch_size=BATCH)


def _grants(plan: Plan, users: dict[str, User], units: dict[str, OrgUnit]) -> int:
    roles = Role.objects.in_bulk()
    rows = [
        RoleGrant(user=users[e.login], role=roles[role], org_unit=units[scope] if scope else None)
        for e in plan.employees
        if e.login
        for role, scope in e.grants
    ]
    created = len(RoleGrant.objects.bulk_create(rows, batch_size=BATCH))
    # The roles were handed out the day after the launch, as annex 1 items 2 and 3 ask.
    handed_out = dt.datetime.combine(LAUNCH_DATE + dt.timedelta(days=1), dt.time(9, 30), tzinfo=TASHKENT)
    RoleGrant.objects.update(created_at=handed_out)
    return created


def _university() -> UniversitySettings:
    settings = UniversitySettings.current()
    values = {**structure.UNIVERSITY, "launch_date": LAUNCH_DATE, "study_week": StudyWeek.SIX_DAYS}
    fields = [name for name in values if hasattr(settings, name)]  # name_ru arrives with a later migration
    for name in fields:
        setattr(settings, name, values[name])
    settings.save(update_fields=[*fields, "updated_at"])
    return settings


def _gpa_method(*, admin: User) -> None:
    """The council's decision on the GPA method, set by the super administrator through the settings
    service, then dated the day it was set (``GPA_SET_AFTER`` working days after the decision)."""
    settings = core_services.update_university_settings(
        actor=admin, gpa_method=GpaMethod.CREDIT_WEIGHTED, gpa_method_decided_on=GPA_DECIDED_ON
    )
    set_on = WorkingCalendar(study_week=StudyWeek.SIX_DAYS).add_working_days(GPA_DECIDED_ON, GPA_SET_AFTER)
    UniversitySettings.objects.filter(pk=settings.pk).update(gpa_method_set_on=set_on)
