"""Graduation: the clearance sheet (the controlling roles of chapter 3.1.14) and the diploma gate (annex 13
item 9). A graduating student opens and reads their own sheet and reports a debt settled; the dean's
office opens the sheet for its faculty's students; each unit's role (library, dormitory, accounting …)
decides the lines of the units it signs, and only those; the super administrator configures the units;
the diploma department marks diplomas issued; the student downloads the diploma once the gate opens."""

from hemis.access.policy.engine import can, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R
from hemis.graduation.enums import SigningRole

SIGNING_ROLES = frozenset(SigningRole.values)

RULES: dict[str, frozenset[str]] = {
    # the student's own sheet (open it, read it, report a debt settled) and own diploma
    "graduation.clearance.own": frozenset({R.STUDENT}),
    "graduation.diploma.own": frozenset({R.STUDENT}),
    # open the sheet for a graduating student of the faculty
    "graduation.clearance.open": frozenset({R.SUPER_ADMIN, R.DEAN}),
    # sign or refuse the lines of the units signed by the active role
    "graduation.clearance.sign": SIGNING_ROLES,
    # configure the units on the sheet
    "graduation.units.manage": frozenset({R.SUPER_ADMIN}),
    # the graduating students' clearance state; mark a diploma issued
    "graduation.diplomas.manage": frozenset({R.SUPER_ADMIN, R.DIPLOMA}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "graduation.ClearanceSheet": ("student", "faculty"),
    "graduation.ClearanceLine": ("sheet", "student", "faculty"),
    "graduation.Diploma": ("student", "faculty"),
}


def clearance_student(principal: Principal):
    """The student whose own sheet and diploma the active role reaches: the logged-in student (none for
    any other role)."""
    from hemis.students.models import Student

    if not can(principal, "graduation.clearance.own"):
        return Student.objects.none()
    return Student.objects.filter(user=principal.user)


def own_lines(principal: Principal):
    """The lines of the logged-in student's own sheet (the student reports their debts settled)."""
    from hemis.graduation.models import ClearanceLine

    if not can(principal, "graduation.clearance.own"):
        return ClearanceLine.objects.none()
    return ClearanceLine.objects.filter(sheet__student__user=principal.user)


def decidable_lines(principal: Principal):
    """The lines the active role signs or refuses: those of the units signed by that role."""
    from hemis.graduation.models import ClearanceLine

    if not can(principal, "graduation.clearance.sign"):
        return ClearanceLine.objects.none()
    return ClearanceLine.objects.filter(unit__role=principal.role)


def signed_units(principal: Principal):
    """The units whose lines the active role decides."""
    from hemis.graduation.models import ClearanceUnit

    if not can(principal, "graduation.clearance.sign"):
        return ClearanceUnit.objects.none()
    return ClearanceUnit.objects.filter(role=principal.role)


def sheet_openable_students(principal: Principal):
    """Students the active role opens the sheet for: the dean's office, its faculty's."""
    from hemis.students.models import Student

    return scoped(principal, "graduation.clearance.open", Student, "faculty__path")


def managed_units(principal: Principal):
    """The clearance units the active role configures."""
    from hemis.graduation.models import ClearanceUnit

    if not can(principal, "graduation.units.manage"):
        return ClearanceUnit.objects.none()
    return ClearanceUnit.objects.all()


def diploma_students(principal: Principal):
    """Students whose clearance state the active role reads and whose diploma it records."""
    from hemis.students.models import Student

    return scoped(principal, "graduation.diplomas.manage", Student, "faculty__path")
