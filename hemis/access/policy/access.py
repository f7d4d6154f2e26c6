"""Users, role grants and password resets (annex 1 items 3, 8; annex 5 item 20)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from hemis.access.models import RoleGrant, User
from hemis.access.policy.engine import can
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "access.manage_roles": frozenset({R.SUPER_ADMIN}),
    "access.reset_staff_password": frozenset({R.SUPER_ADMIN}),
    "access.reset_student_password": frozenset({R.DEAN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def _only_student_q() -> Q:
    """A user who is only a student: enrolled, no employee record and no unrevoked grant."""
    from hemis.staff.models import Employee
    from hemis.students.models import Student

    return (
        Q(Exists(Student.objects.filter(user=OuterRef("pk"))))
        & ~Q(Exists(Employee.objects.filter(user=OuterRef("pk"))))
        & ~Q(Exists(RoleGrant.objects.filter(user=OuterRef("pk"), revoked_at__isnull=True)))
    )


def visible_users(principal: Principal) -> QuerySet[User]:
    """Accounts whose roles the active role may see and manage (the super administrator: all)."""
    if not can(principal, "access.manage_roles"):
        return User.objects.none()
    return User.objects.all()


def password_resettable_users(principal: Principal) -> QuerySet[User]:
    """Accounts whose password the active role may reset (annex 1 item 8, annex 5 item 20).

    The super administrator resets staff (anyone who is not only a student); the dean's office
    resets accounts that are only students, of students inside its scope. The two sets never
    overlap, so a dean can never take over a staff account that happens to belong to a student.
    """
    from hemis.access.policy.students import visible_students

    if principal.user is None:
        return User.objects.none()
    if can(principal, "access.reset_staff_password"):
        users = User.objects.exclude(_only_student_q())
    elif can(principal, "access.reset_student_password"):
        users = User.objects.filter(_only_student_q(), student__in=visible_students(principal))
    else:
        return User.objects.none()
    return users.exclude(pk=principal.user.pk)
