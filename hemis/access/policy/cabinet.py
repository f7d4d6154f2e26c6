"""The student cabinet (annex 13 items 1, 2, 4, 5, 7, 8): a student's own studies, personal data and its correction requests."""

from hemis.access.policy.engine import can, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # my studies: a student's own curriculum, attendance, grades, subjects, re-study and finance
    "cabinet.studies": frozenset({R.STUDENT}),
    # personal data and Unilibrary: a student's own data, its correction requests, the e-library link
    "cabinet.personal_data": frozenset({R.STUDENT}),
    "cabinet.unilibrary": frozenset({R.STUDENT}),
    # the dean's office of the student's faculty reads and decides the correction requests (item 7)
    "cabinet.corrections.decide": frozenset({R.SUPER_ADMIN, R.DEAN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "students.DataCorrectionRequest": ("student", "faculty"),
}


# my studies


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


# personal data and correction requests


def personal_data_students(principal: Principal):
    """The student whose own personal data the active role reads and asks to correct: a student themselves."""
    from hemis.students.models import Student

    if not can(principal, "cabinet.personal_data"):
        return Student.objects.none()
    return Student.objects.filter(user=principal.user)


def own_correction_requests(principal: Principal):
    """A student's own correction requests."""
    from hemis.students.models import DataCorrectionRequest

    if not can(principal, "cabinet.personal_data"):
        return DataCorrectionRequest.objects.none()
    return DataCorrectionRequest.objects.filter(student__user=principal.user)


def decidable_correction_requests(principal: Principal):
    """Correction requests the active role reads and decides: the dean's office, its faculty's students'."""
    from hemis.students.models import DataCorrectionRequest

    return scoped(principal, "cabinet.corrections.decide", DataCorrectionRequest, "student__faculty__path")


def correction_groups(principal: Principal):
    """Groups the dean's list of correction requests filters by: those of the faculties it decides for."""
    from hemis.students.models import Group

    return scoped(principal, "cabinet.corrections.decide", Group, "faculty__path")
