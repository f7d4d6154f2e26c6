"""The teachers of a group's subjects per lesson type (the distribution of annex 6)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad, TimetableEntry
from hemis.staff.models import Employee


@transaction.atomic
def assign_load(
    *, group_subject, training_type: str, teacher: Employee, assigned_on: dt.date, actor
) -> TeachingLoad:
    """Put ``teacher`` on one lesson type of a group's subject; the timetable accepts them for it."""
    if training_type not in TrainingType.values:
        raise ValidationError({"training_type": [_("Choose a lesson type.")]})
    hours = group_subject.curriculum_subject.loads.filter(training_type=training_type).exists()
    if not hours:
        raise ValidationError(
            {
                "training_type": [
                    _("The curriculum gives %(subject)s no hours of this lesson type.")
                    % {"subject": group_subject.curriculum_subject.subject.name}
                ]
            }
        )
    if TeachingLoad.objects.filter(
        group_subject=group_subject, training_type=training_type, teacher=teacher
    ).exists():
        raise ValidationError(
            {"teacher": [_("%(teacher)s already has this load.") % {"teacher": teacher.short_name}]}
        )
    load = TeachingLoad.objects.create(
        group_subject=group_subject,
        training_type=training_type,
        teacher=teacher,
        assigned_on=assigned_on,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="schedule.load.assigned",
        target=load,
        after={
            "group_subject": group_subject.pk,
            "training_type": training_type,
            "teacher": teacher.pk,
            "assigned_on": assigned_on,
        },
    )
    return load


@transaction.atomic
def remove_load(*, load: TeachingLoad, actor) -> None:
    """Take a teacher off a load; refused while timetable entries of it remain."""
    used = TimetableEntry.objects.filter(
        semester_id=load.group_subject.semester_id,
        teacher_id=load.teacher_id,
        training_type=load.training_type,
        subject_id=load.group_subject.curriculum_subject.subject_id,
        groups__group_id=load.group_subject.group_id,
    ).exists()
    if used:
        raise ValidationError(
            {"teacher": [_("The timetable still has lessons of this load; remove them first.")]}
        )
    audit.record(
        actor=actor,
        action="schedule.load.removed",
        target=load,
        before={
            "group_subject": load.group_subject_id,
            "training_type": load.training_type,
            "teacher": load.teacher_id,
        },
    )
    load.delete()


@transaction.atomic
def assign_stream(
    *, group_subjects: list, training_type: str, teacher: Employee, assigned_on: dt.date, actor
) -> list[TeachingLoad]:
    """Put ``teacher`` on one lesson type of several groups' subject at once (a stream: one subject, one
    semester); all or none — a refusal for one group leaves every group as it was."""
    if not group_subjects:
        raise ValidationError({"group_subjects": [_("Choose at least one group.")]})
    kinds = {(gs.curriculum_subject.subject_id, gs.semester_id) for gs in group_subjects}
    if len(kinds) > 1:
        raise ValidationError(
            {"group_subjects": [_("A stream is one subject in one semester; choose groups of one subject.")]}
        )
    loads = []
    for group_subject in group_subjects:
        try:
            loads.append(
                assign_load(
                    group_subject=group_subject,
                    training_type=training_type,
                    teacher=teacher,
                    assigned_on=assigned_on,
                    actor=actor,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    field: [
                        _("%(group)s: %(message)s") % {"group": group_subject.group.name, "message": message}
                        for message in messages
                    ]
                    for field, messages in error.message_dict.items()
                }
            ) from error
    return loads
