"""The control schedule (annex 5 item 10): current, midterm and final controls and their re-sits per
group, with date, pair, room and examiner — placed by the same rules as lessons — and publication.

A re-sit sits on a later statement (the 2nd, then the 3rd) of the same control: it needs the
statement before it on the group's schedule and comes on a later day; a statement is removed only
after its re-sits. Controls fall on working days of the university's calendar.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.calendar import WorkingCalendar
from hemis.schedule.enums import Attempt, ControlKind, LessonKind, LessonStatus
from hemis.schedule.models import ControlPublication, Lesson
from hemis.schedule.services.entries import guarded, pair_times_with, write_lessons
from hemis.schedule.services.lessons import check_placement, outside_term
from hemis.schedule.services.placement import Attendee, Candidate, lesson_label, subject_label

ATTEMPTS: list[str] = list(Attempt.values)  # in order: the 1st, 2nd and 3rd statement


def _controls_of(*, groups, semester, subject, control_kind: str):
    """Scheduled controls of one kind of ``subject`` for any of ``groups`` (every statement)."""
    return Lesson.objects.filter(
        kind=LessonKind.CONTROL,
        semester=semester,
        subject=subject,
        control_kind=control_kind,
        status=LessonStatus.SCHEDULED,
        attendees__group__in=groups,
    )


def _what(subject, control_kind: str) -> str:
    return subject_label(subject, ControlKind(control_kind).label)


def _check_statement(*, group, semester, subject, control_kind: str, attempt: str, date: dt.date) -> None:
    """A re-sit needs the statement before it on the group's schedule, on an earlier day."""
    index = ATTEMPTS.index(attempt)
    if index == 0:
        return
    previous = Attempt(ATTEMPTS[index - 1])
    earlier = (
        _controls_of(groups=[group], semester=semester, subject=subject, control_kind=control_kind)
        .filter(attempt=previous)
        .order_by("-date")
        .first()
    )
    names = {
        "this": Attempt(attempt).label,
        "previous": previous.label,
        "what": _what(subject, control_kind),
        "group": group.name,
    }
    if earlier is None:
        raise ValidationError(
            {"attempt": [_("Schedule the %(previous)s of %(what)s for group %(group)s first.") % names]}
        )
    if date <= earlier.date:
        raise ValidationError(
            {
                "date": [
                    _("The %(this)s of %(what)s comes after the %(previous)s on %(date)s.")
                    % {**names, "date": f"{earlier.date:%d.%m.%Y}"}
                ]
            }
        )


def _check_fields(*, group, semester, control_kind: str, attempt: str, date: dt.date, room, subgroup):
    if control_kind not in ControlKind.values:
        raise ValidationError({"control_kind": [_("Choose the control.")]})
    if attempt not in Attempt.values:
        raise ValidationError({"attempt": [_("Choose the statement.")]})
    if not group.is_active:
        raise ValidationError({"__all__": [_("Group %(group)s is closed.") % {"group": group.name}]})
    if subgroup is not None and subgroup.group_id != group.pk:
        raise ValidationError(
            {
                "subgroup": [
                    _("Subgroup %(name)s is not of group %(group)s.")
                    % {"name": subgroup.name, "group": group.name}
                ]
            }
        )
    if outside_term(LessonKind.CONTROL, semester, date):
        raise ValidationError({"date": [_("The date is outside the semester.")]})
    if not WorkingCalendar().is_working_day(date):
        raise ValidationError({"date": [_("%(date)s is not a working day.") % {"date": f"{date:%d.%m.%Y}"}]})
    if not room.active:
        raise ValidationError({"room": [_("Room %(room)s is closed.") % {"room": room.number}]})


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
    """Put one control of a group's subject on the schedule. Refused, with nothing written, on a
    clash of the examiner, the room or the group (with lessons and with other controls), a room too
    small, a re-sit without its earlier statement, or a day off; added to a published schedule, the
    control is published at once."""
    group = group_subject.group
    semester = group_subject.semester
    subject = group_subject.curriculum_subject.subject
    _check_fields(
        group=group,
        semester=semester,
        control_kind=control_kind,
        attempt=attempt,
        date=date,
        room=room,
        subgroup=subgroup,
    )
    pairs = pair_times_with(semester, pair)
    same = _controls_of(groups=[group], semester=semester, subject=subject, control_kind=control_kind)
    if same.filter(attempt=attempt).exists():
        raise ValidationError(
            {
                "control_kind": [
                    _("Group %(group)s already has this control of %(subject)s on its schedule.")
                    % {"group": group.name, "subject": subject.name}
                ]
            }
        )
    _check_statement(
        group=group, semester=semester, subject=subject, control_kind=control_kind, attempt=attempt, date=date
    )
    attendees = [Attendee(group, subgroup)]
    label = _what(subject, control_kind)
    check_placement(date=date, pair=pair, teacher=examiner, room=room, attendees=attendees, label=label)
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
            "subgroup": subgroup.name if subgroup is not None else None,
            "subject": subject.pk,
            "control_kind": control_kind,
            "attempt": attempt,
            "date": date,
            "pair": pair,
            "room": room.pk,
            "examiner": examiner.pk,
            "published": published,
        },
    )
    return lesson


@transaction.atomic
def remove_control(*, lesson: Lesson, actor) -> None:
    """Take a control off the schedule; refused while a later statement (its re-sit) remains."""
    if lesson.kind != LessonKind.CONTROL:
        raise ValidationError({"__all__": [_("This is a lesson, not a control.")]})
    later = ATTEMPTS[ATTEMPTS.index(lesson.attempt) + 1 :] if lesson.attempt in ATTEMPTS else []
    groups = lesson.attendees.values("group_id")
    resit = (
        _controls_of(
            groups=groups,
            semester=lesson.semester_id,
            subject=lesson.subject_id,
            control_kind=lesson.control_kind,
        )
        .filter(attempt__in=later)
        .order_by("-attempt")
        .first()
    )
    if resit is not None:
        raise ValidationError(
            {
                "__all__": [
                    _("Remove the %(resit)s of %(what)s on %(date)s first.")
                    % {
                        "resit": resit.get_attempt_display(),
                        "what": lesson_label(lesson),
                        "date": f"{resit.date:%d.%m.%Y}",
                    }
                ]
            }
        )
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
            "room": lesson.room_id,
            "examiner": lesson.teacher_id,
            "published": lesson.published_at is not None,
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
    # A group's controls are a few dozen: their ids first, then one update by primary key.
    ids = list(controls.filter(published_at__isnull=True).values_list("pk", flat=True))
    count = Lesson.objects.filter(pk__in=ids).update(published_at=now)
    audit.record(
        actor=actor,
        action="schedule.control.published",
        target=publication,
        data={"group": group.name, "semester": semester.pk, "controls": count},
    )
    return publication
