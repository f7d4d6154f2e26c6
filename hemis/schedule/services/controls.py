"""The control schedule (annex 5 item 10): current, midterm and final controls and their re-sits per
group, with date, pair, room and examiner — placed by the same rules as lessons — and publication."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.schedule.enums import Attempt, ControlKind, LessonKind, LessonStatus
from hemis.schedule.models import ControlPublication, Lesson
from hemis.schedule.services.entries import _pair_times, guarded, write_lessons
from hemis.schedule.services.lessons import check_placement
from hemis.schedule.services.placement import Attendee, Candidate


@transaction.atomic
def schedule_control(
    *,
    group_subject,
    control_kind: str,
    attempt: str = Attempt.FIRST,
    date: dt.date,
    pair: int,
    room,
    examiner,
    subgroup=None,
    actor,
) -> Lesson:
    """Put one control of a group's subject on the schedule; a clash or a full room is refused."""
    group = group_subject.group
    semester = group_subject.semester
    subject = group_subject.curriculum_subject.subject
    if control_kind not in ControlKind.values:
        raise ValidationError({"control_kind": [_("Choose the control.")]})
    if attempt not in Attempt.values:
        raise ValidationError({"attempt": [_("Choose the statement.")]})
    if not semester.start_date <= date <= semester.end_date + dt.timedelta(days=62):
        raise ValidationError({"date": [_("The date is outside the semester.")]})
    pairs = _pair_times(semester)
    if pair not in pairs:
        raise ValidationError(
            {
                "pair": [
                    _("Pair %(pair)s is not defined for the academic year %(year)s.")
                    % {"pair": pair, "year": semester.academic_year.name}
                ]
            }
        )
    if not room.active:
        raise ValidationError({"room": [_("Room %(room)s is closed.") % {"room": room.number}]})
    duplicate = Lesson.objects.filter(
        kind=LessonKind.CONTROL,
        semester=semester,
        subject=subject,
        control_kind=control_kind,
        attempt=attempt,
        status=LessonStatus.SCHEDULED,
        attendees__group=group,
    )
    if duplicate.exists():
        raise ValidationError(
            {
                "control_kind": [
                    _("Group %(group)s already has this control of %(subject)s on its schedule.")
                    % {"group": group.name, "subject": subject.name}
                ]
            }
        )
    attendees = [Attendee(group, subgroup)]
    label = f"{subject.name} ({ControlKind(control_kind).label.lower()})"
    check_placement(
        lesson_like=None, date=date, pair=pair, teacher=examiner, room=room, attendees=attendees, label=label
    )
    start, end = pairs[pair]
    candidate = Candidate(date, pair, examiner, room, attendees, label)
    published = ControlPublication.objects.filter(group=group, semester=semester).exists()
    fields = {
        "kind": LessonKind.CONTROL,
        "semester": semester,
        "faculty_id": group.faculty_id,
        "subject": subject,
        "control_kind": control_kind,
        "attempt": attempt,
        "teacher": examiner,
        "room": room,
        "date": date,
        "pair": pair,
        "start_time": start,
        "end_time": end,
        "published_at": timezone.now() if published else None,
        "created_by": actor,
    }
    [lesson] = guarded(lambda: write_lessons([(candidate, fields)]))
    audit.record(
        actor=actor,
        action="schedule.control.scheduled",
        target=lesson,
        after={
            "group": group.name,
            "subject": subject.pk,
            "control_kind": control_kind,
            "attempt": attempt,
            "date": date,
            "pair": pair,
            "room": room.pk,
            "examiner": examiner.pk,
        },
    )
    return lesson


@transaction.atomic
def remove_control(*, lesson: Lesson, actor) -> None:
    if lesson.kind != LessonKind.CONTROL:
        raise ValidationError({"__all__": [_("This is a lesson, not a control.")]})
    audit.record(
        actor=actor,
        action="schedule.control.removed",
        target=lesson,
        before={
            "subject": lesson.subject_id,
            "control_kind": lesson.control_kind,
            "attempt": lesson.attempt,
            "date": lesson.date,
            "pair": lesson.pair,
        },
    )
    lesson.delete()


@transaction.atomic
def publish_controls(*, group, semester, actor) -> ControlPublication:
    """Publish a group's control schedule of a semester to its students and examiners; controls added
    later are published as they are added. Refused while the schedule is empty."""
    controls = Lesson.objects.filter(
        kind=LessonKind.CONTROL, semester=semester, attendees__group=group, status=LessonStatus.SCHEDULED
    )
    if not controls.exists():
        raise ValidationError(
            {"__all__": [_("The control schedule of %(group)s is empty.") % {"group": group.name}]}
        )
    now = timezone.now()
    publication, created = ControlPublication.objects.get_or_create(
        group=group, semester=semester, defaults={"published_at": now, "created_by": actor}
    )
    if not created:
        raise ValidationError(
            {
                "__all__": [
                    _("The control schedule of %(group)s is already published.") % {"group": group.name}
                ]
            }
        )
    count = Lesson.objects.filter(pk__in=controls.values("pk"), published_at__isnull=True).update(
        published_at=now
    )
    audit.record(
        actor=actor,
        action="schedule.control.published",
        target=publication,
        data={"group": group.name, "semester": semester.pk, "controls": count},
    )
    return publication
