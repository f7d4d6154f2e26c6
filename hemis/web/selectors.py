"""Reads for the shell's pages, always through the policy's visible querysets."""

from django.utils.translation import gettext_lazy as _

from hemis.access import policy
from hemis.access.principal import Principal
from hemis.org.models import StructureType
from hemis.students.models import StudentStatus


def dashboard_figures(principal: Principal) -> list[dict]:
    """Counts of what the active role can see, within its scope."""
    figures = []
    if policy.can(principal, "org.view"):
        units = policy.visible_org_units(principal).filter(active=True)
        figures.append(
            {"label": _("Faculties"), "value": units.filter(structure_type=StructureType.FACULTY).count()}
        )
        figures.append(
            {
                "label": _("Departments"),
                "value": units.filter(structure_type=StructureType.DEPARTMENT).count(),
            }
        )
    if policy.can(principal, "staff.view"):
        figures.append({"label": _("Employees"), "value": policy.visible_employees(principal).count()})
    if policy.can(principal, "students.view"):
        students = policy.visible_students(principal)
        figures.append(
            {"label": _("Students studying"), "value": students.filter(status=StudentStatus.STUDYING).count()}
        )
        figures.append(
            {
                "label": _("On academic leave"),
                "value": students.filter(status=StudentStatus.ACADEMIC_LEAVE).count(),
            }
        )
        figures.append({"label": _("Academic groups"), "value": policy.visible_groups(principal).count()})
    return figures
