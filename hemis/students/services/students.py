"""Student data that no order changes, and putting students without a group into one (annex 5 item 6)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.people import journaled
from hemis.students.models import Group, Student, StudentStatus
from hemis.students.services.common import Errors, add, raise_if

# Status, group, course, programme and faculty change only by applied orders (hemis.movements).
EDITABLE_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "pinfl",
    "passport",
    "birth_date",
    "gender",
    "phone",
    "email",
    "address",
    "payment_form",
    "citizenship",
    "social_category",
    "accommodation",
)


def _journal(student: Student, fields) -> dict:
    return {f: journaled(f, getattr(student, f)) for f in fields}


def _pinfl_errors(student: Student) -> Errors:
    errors: Errors = {}
    taken = Student.objects.filter(pinfl=student.pinfl).exclude(pk=student.pk).exists()
    if student.pinfl and taken:
        add(errors, "pinfl", _("A student with this PINFL already exists."))
    return errors


@transaction.atomic
def update_student(*, student: Student, actor, data: dict) -> Student:
    """Edit a student's person data and the study data no order governs (payment form, citizenship…)."""
    student = Student.objects.select_for_update().get(pk=student.pk)
    before = {f: getattr(student, f) for f in EDITABLE_FIELDS}
    for key, value in data.items():
        if key in EDITABLE_FIELDS:
            setattr(student, key, value)
    raise_if(_pinfl_errors(student))
    student.full_clean(exclude=["user", "created_by"], validate_unique=False)
    student.save()
    changed = [f for f in EDITABLE_FIELDS if before[f] != getattr(student, f)]
    audit.record(
        actor=actor,
        action="students.student.updated",
        target=student,
        before={f: journaled(f, before[f]) for f in changed},
        after=_journal(student, changed),
    )
    return student


def _assign_errors(students: list[Student], group: Group) -> Errors:
    errors: Errors = {}
    if not group.is_active:
        add(errors, "group", _("The group is closed."))
    if not students:
        add(errors, "students", _("Choose at least one student."))
    checks = [
        (
            lambda s: s.group_id is not None,
            _("Already in a group (move them by a transfer order): %(names)s."),
        ),
        (lambda s: s.status != StudentStatus.STUDYING, _("Not studying: %(names)s.")),
        (
            lambda s: s.programme_id != group.programme_id,
            _("Of another programme than the group: %(names)s."),
        ),
    ]
    for failing, message in checks:
        names = ", ".join(s.full_name for s in students if failing(s))
        if names:
            add(errors, "students", message % {"names": names})
    return errors


@transaction.atomic
def assign_to_group(*, students: list[Student], group: Group, actor) -> list[Student]:
    """Put studying students who have no group into ``group`` (all or none): their course becomes the
    group's and ``group_assigned_at`` records when. A student with a group moves only by an order."""
    locked = list(Student.objects.select_for_update().filter(pk__in=[s.pk for s in students]))
    if len(locked) != len(students):
        raise ValidationError({"students": [_("Choose at least one student.")]})
    raise_if(_assign_errors(locked, group))
    now = timezone.now()
    for student in locked:
        before = {"group": None, "course": student.course}
        student.group, student.course, student.group_assigned_at = group, group.course, now
        student.save(update_fields=["group", "course", "group_assigned_at", "updated_at"])
        audit.record(
            actor=actor,
            action="students.student.assigned_to_group",
            target=student,
            before=before,
            after={"group": group.pk, "group_name": group.name, "course": group.course},
        )
    return locked
