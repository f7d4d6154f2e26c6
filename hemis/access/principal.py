"""Who is acting, in which role, over which scope — built once per request."""

from dataclasses import dataclass, field

from hemis.access.models import RoleGrant, User
from hemis.access.roles import RoleCode, Scope
from hemis.org.models import OrgUnit
from hemis.students.models import Student

STUDENT_KEY = "student"
SESSION_KEY = "hemis_active_role"


@dataclass(frozen=True)
class RoleChoice:
    """One way the user may act: a grant, or the student role that enrolment gives."""

    key: str
    role: str
    role_name: str
    scope: str
    unit: OrgUnit | None = None

    @property
    def label(self) -> str:
        return f"{self.role_name} — {self.unit.name}" if self.unit else self.role_name


@dataclass
class Principal:
    user: User | None
    choices: list[RoleChoice] = field(default_factory=list)
    active: RoleChoice | None = None
    # The user's own student record (with its group), read once with the roles: the student role
    # comes from it, and a student's own pages start from it. None for a user who is not a student.
    student: Student | None = None

    @property
    def role(self) -> str | None:
        return self.active.role if self.active else None

    @property
    def unit(self) -> OrgUnit | None:
        return self.active.unit if self.active else None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    def covers(self, unit: OrgUnit | None) -> bool:
        """Whether the active scope covers ``unit`` (university-wide scopes cover everything)."""
        if self.active is None:
            return False
        if self.active.scope == Scope.UNIVERSITY or (
            self.active.unit is None and self.active.scope != Scope.OWN
        ):
            return True
        if unit is None or self.active.unit is None:
            return False
        return unit.path.startswith(self.active.unit.path)


ANONYMOUS = Principal(user=None)


def role_choices(user: User, *, is_student: bool | None = None) -> list[RoleChoice]:
    """Every role the user can act in today, grants first, then the student role (``is_student``:
    whether the user has a student record, when the caller knows it already)."""
    grants = (
        RoleGrant.objects.current()
        .filter(user=user)
        .select_related("role", "org_unit")
        .order_by("role__order", "org_unit__path", "pk")
    )
    choices = [
        RoleChoice(key=f"g{g.pk}", role=g.role_id, role_name=g.role.name, scope=g.role.scope, unit=g.org_unit)
        for g in grants
    ]
    if is_student is None:
        is_student = Student.objects.filter(user=user).exists()
    if is_student:
        choices.append(
            RoleChoice(
                key=STUDENT_KEY, role=RoleCode.STUDENT, role_name=str(RoleCode.STUDENT.label), scope=Scope.OWN
            )
        )
    return choices


def build_principal(user: User, active_key: str | None) -> Principal:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    student = Student.objects.filter(user=user).select_related("group").first()
    choices = role_choices(user, is_student=student is not None)
    active = next((c for c in choices if c.key == active_key), None) or (choices[0] if choices else None)
    return Principal(user=user, choices=choices, active=active, student=student)
