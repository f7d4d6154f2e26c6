"""Electives (annex 13 item 3): the dean's office opens selection windows and offers for its faculty,
sets the caps and closes under-filled offers; the academic department and management read every
faculty's fill levels; a student chooses for themselves, among the offers of their own curriculum."""

from hemis.access.policy.engine import can, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # read the windows and the fill levels of the offers
    "electives.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    # open a window, change caps, close offers (moving their students) and windows
    "electives.manage": frozenset({R.SUPER_ADMIN, R.DEAN}),
    # a student's own choices
    "electives.own": frozenset({R.STUDENT}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "electives.ElectiveWindow": ("faculty",),
    "electives.ElectiveOffer": ("window", "faculty"),
}


def visible_windows(principal: Principal):
    """Windows whose fill levels the active role reads: the dean's office its faculty's; the academic
    department and management all."""
    from hemis.electives.models import ElectiveWindow

    return scoped(principal, "electives.view", ElectiveWindow, "faculty__path")


def managed_windows(principal: Principal):
    """Windows the active role keeps (caps, closing): the dean's office, its faculty's."""
    from hemis.electives.models import ElectiveWindow

    return scoped(principal, "electives.manage", ElectiveWindow, "faculty__path")


def managed_offers(principal: Principal):
    """Offers whose cap the active role changes and which it closes: the dean's office, its faculty's."""
    from hemis.electives.models import ElectiveOffer

    return scoped(principal, "electives.manage", ElectiveOffer, "window__faculty__path")


def window_faculties(principal: Principal):
    """Faculties the active role opens selection windows for."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "electives.manage", OrgUnit, "path").filter(structure_type=StructureType.FACULTY)


def electives_student(principal: Principal):
    """The logged-in student's own record, with its group (None for any other role): the one the
    principal read with the roles."""
    return principal.student if can(principal, "electives.own") else None


def student_offers(principal: Principal):
    """Offers a student may choose among: those of their own group's curriculum (the service checks
    the window, the semester and the seats)."""
    from hemis.electives.models import ElectiveOffer

    student = electives_student(principal)
    if student is None or student.group is None:
        return ElectiveOffer.objects.none()
    return ElectiveOffer.objects.filter(curriculum_subject__semester__curriculum=student.group.curriculum_id)


def own_choices(principal: Principal):
    """A student's own choices."""
    from hemis.electives.models import ElectiveChoice

    if not can(principal, "electives.own"):
        return ElectiveChoice.objects.none()
    return ElectiveChoice.objects.filter(student__user=principal.user)
