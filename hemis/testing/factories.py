"""factory_boy factories for the core models, shared by every app's tests."""

import datetime as dt
import itertools

import factory
from django.utils import timezone

from hemis.academics.models import EducationType, Programme
from hemis.access.models import Role, RoleGrant, User
from hemis.org.models import OrgUnit, StructureType
from hemis.staff.enums import Position
from hemis.staff.models import Appointment, Employee, EmployeeType
from hemis.students.models import Group, PaymentForm, Student

_pinfl = itertools.count(30101990000001)
_student_id = itertools.count(400251100001)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Aziz"
    last_name = "Karimov"
    password = factory.django.Password("hemis-demo")
    # An account past its first log-in (annex 13 item 1); tests of the first log-in pass None.
    onboarded_at = factory.LazyFunction(timezone.now)


def make_unit(*, code: str, name: str, kind: str, parent: OrgUnit | None = None) -> OrgUnit:
    unit = OrgUnit.objects.create(code=code, name_uz=name, name_en=name, structure_type=kind, parent=parent)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


def faculty(code: str = "F1", name: str = "Kimyo texnologiyasi fakulteti") -> OrgUnit:
    return make_unit(code=code, name=name, kind=StructureType.FACULTY)


def department(parent: OrgUnit, code: str = "D1", name: str = "Noorganik kimyo kafedrasi") -> OrgUnit:
    return make_unit(code=code, name=name, kind=StructureType.DEPARTMENT, parent=parent)


def grant(user: User, role: str, unit: OrgUnit | None = None, **kwargs) -> RoleGrant:
    return RoleGrant.objects.create(user=user, role=Role.objects.get(code=role), org_unit=unit, **kwargs)


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    last_name = "Rahimov"
    first_name = "Sherzod"
    patronymic = "Gʻulomovich"
    pinfl = factory.LazyFunction(lambda: str(next(_pinfl)))
    employee_type = EmployeeType.TEACHING
    birth_date = dt.date(1980, 5, 17)
    phone = "+998901234567"


def appoint(employee: Employee, unit: OrgUnit, position: str = Position.TEACHER) -> Appointment:
    return Appointment.objects.create(
        employee=employee,
        org_unit=unit,
        position=position,
        order_number="12-K",
        order_date=dt.date(2024, 8, 30),
        start_date=dt.date(2024, 9, 2),
    )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"60{n:05d}")
    name_uz = "Kimyoviy texnologiya"
    education_type = EducationType.BACHELOR


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"KT-{n:02d}-24")
    programme = factory.SubFactory(ProgrammeFactory, faculty=factory.SelfAttribute("..faculty"))
    intake_year = 2024
    course = 2


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    last_name = "Oʻrinboyeva"
    first_name = "Gulnoza"
    pinfl = factory.LazyFunction(lambda: str(next(_pinfl)))
    student_id_number = factory.LazyFunction(lambda: str(next(_student_id)))
    payment_form = PaymentForm.GRANT
    birth_date = dt.date(2005, 3, 9)
    # A student follows their group's faculty, programme and course unless told otherwise.
    faculty = factory.LazyAttribute(lambda o: o.group.faculty if o.group else None)
    programme = factory.LazyAttribute(lambda o: o.group.programme if o.group else None)
    course = factory.LazyAttribute(lambda o: o.group.course if o.group else 1)
