"""The student cabinet (annex 13 items 1, 2, 4, 5, 7, 8): a student's own studies, personal data and its correction requests."""

from hemis.access.policy.engine import can
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # my studies (E2): a student's own curriculum, attendance, grades, subjects, re-study and finance
    "cabinet.studies": frozenset({R.STUDENT}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


# my studies (E2)


def studies_students(principal: Principal):
    """The student whose own studies the active role reads: a student themselves, nobody else."""
    from hemis.students.models import Student

    if not can(principal, "cabinet.studies"):
        return Student.objects.none()
    return Student.objects.filter(user=principal.user)


def studies_loads(principal: Principal):
    """The loads of a student's own group (their subjects' pages); a load of another group is not found."""
    from hemis.schedule.models import TeachingLoad

    if not can(principal, "cabinet.studies"):
        return TeachingLoad.objects.none()
    return TeachingLoad.objects.filter(group_subject__group__students__user=principal.user)

