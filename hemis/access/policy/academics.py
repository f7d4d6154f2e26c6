"""Academic set-up (annex 4), programmes (annex 5 item 1) and the subject catalogue (annex 4 item 8)."""

from hemis.access.policy.engine import can, scope_q
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "academics.setup.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "academics.setup.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # annex 4 items 1, 2, 3, 6, 7
    "programmes.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD, R.MARKETING}),
    "programmes.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC, R.DEAN}),  # annex 5 item 1, annex 4 item 4
    "subjects.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "subjects.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # the subject catalogue, annex 4 item 8
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "academics.Programme": ("faculty",),
}


def visible_programmes(principal: Principal):
    """Programmes the active role may read: a dean's office its faculty's, the other readers all."""
    from hemis.academics.models import Programme

    if not can(principal, "programmes.view"):
        return Programme.objects.none()
    if principal.role != R.DEAN:
        return Programme.objects.all()
    q = scope_q(principal, "faculty__path")
    return Programme.objects.all() if q is None else Programme.objects.filter(q)


def visible_subjects(principal: Principal):
    """The subject catalogue is university-wide: every entry for the roles that read it."""
    from hemis.academics.models import Subject

    if not can(principal, "subjects.view"):
        return Subject.objects.none()
    return Subject.objects.all()


def programme_faculties(principal: Principal):
    """Faculties the active role may open or edit programmes in (a dean's office: its own)."""
    from hemis.org.models import OrgUnit, StructureType

    if not can(principal, "programmes.edit"):
        return OrgUnit.objects.none()
    faculties = OrgUnit.objects.filter(structure_type=StructureType.FACULTY, active=True)
    q = scope_q(principal, "path")
    return faculties if q is None else faculties.filter(q)


def may_manage_programmes_in(principal: Principal, faculty) -> bool:
    """Whether the active role may open a programme in ``faculty`` or edit one into it (a dean's office:
    its own faculty only)."""
    from hemis.academics.models import Programme

    return can(principal, "programmes.edit", Programme(faculty=faculty))
