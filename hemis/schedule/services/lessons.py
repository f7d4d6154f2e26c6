"""Editing single dated lessons: move one to another date, pair or room; cancel one with a reason."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import GroupSlot, Lesson
from hemis.schedule.services.entries import guarded, pair_times_with, room_too_small, seat_counts
from hemis.schedule.services.placement import Attendee, Board, Candidate, lesson_label


def attendees_of(lesson: Lesson) -> list[Attendee]:
    rows = lesson.attendees.select_related("group", "subgroup").prefetch_related("group__subgroups")
    return [Attendee(row.group, row.subgroup) for row in rows]


# Re-sits of a semester's controls run into the weeks after its end (the summer or winter break).
CONTROLS_AFTER_END = dt.timedelta(days=62)


def outside_term(kind: str, semester, date: dt.date) -> bool:
    """Whether a lesson (within the semester) or a control (up to two months after it) cannot be held
    on ``date``."""
    last = semester.end_date + (CONTROLS_AFTER_END if kind == LessonKind.CONTROL else dt.timedelta(0))
    return not semester.start_date <= date <= last


def check_placement(
    *, date: dt.date, pair: int, teacher, room, attendees: list[Attendee], label: str, ignore=()
) -> None:
    """Refuse (ValidationError naming the clash) a lesson at ``date`` and ``pair`` that would clash."""
    candidate = Candidate(date, pair, teacher, room, attendees, label, ignore=frozenset(ignore))
    board = Board.around([candidate])
    clash = board.clash(candidate, teacher_name=teacher.short_name, room_name=room.number)
    if clash:
        raise ValidationError({clash[0]: [clash[1]]})
    too_small = room_too_small(room, attendees, seat_counts(attendees))
    if too_small:
        raise ValidationError({"room": [too_small]})


@transaction.atomic
def move_lesson(*, lesson: Lesson, date: dt.date, pair: int, room=None, actor) -> Lesson:
    """Move one dated lesson (a lesson or a control) to another date and pair, and room if given."""
    lesson = (
        Lesson.objects.select_for_update()
        .select_related("semester", "teacher", "room", "subject")
        .get(pk=lesson.pk)
    )
    if lesson.status != LessonStatus.SCHEDULED:
        raise ValidationError({"date": [_("A cancelled lesson cannot be moved.")]})
    semester = lesson.semester
    if outside_term(lesson.kind, semester, date):
        raise ValidationError({"date": [_("The date is outside the semester.")]})
    pairs = pair_times_with(semester, pair)
    room = room or lesson.room
    check_placement(
        date=date,
        pair=pair,
        teacher=lesson.teacher,
        room=room,
        attendees=attendees_of(lesson),
        label=lesson_label(lesson),
        ignore={lesson.pk},
    )
    before = {"date": lesson.date, "pair": lesson.pair, "room": lesson.room_id}
    if lesson.moved_from_date is None:
        lesson.moved_from_date, lesson.moved_from_pair = lesson.date, lesson.pair
    lesson.date, lesson.pair, lesson.room = date, pair, room
    lesson.start_time, lesson.end_time = pairs[pair]

    def write():
        lesson.save(
            update_fields=[
                "date",
                "pair",
                "room",
                "start_time",
                "end_time",
                "moved_from_date",
                "moved_from_pair",
                "updated_at",
            ]
        )
        GroupSlot.objects.filter(lesson=lesson).update(date=date, pair=pair)

    guarded(write)
    audit.record(
        actor=actor,
        action="schedule.lesson.moved",
        target=lesson,
        before=before,
        after={"date": date, "pair": pair, "room": room.pk},
    )
    return lesson


@transaction.atomic
def cancel_lesson(*, lesson: Lesson, reason: str, actor) -> Lesson:
    """Cancel one dated lesson; its slot frees up, the row and the reason stay."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for cancelling.")]})
    if lesson.status == LessonStatus.CANCELLED:
        raise ValidationError({"reason": [_("The lesson is already cancelled.")]})
    lesson.status = LessonStatus.CANCELLED
    lesson.cancel_reason = reason
    lesson.save(update_fields=["status", "cancel_reason", "updated_at"])
    GroupSlot.objects.filter(lesson=lesson).update(active=False)
    audit.record(
        actor=actor,
        action="schedule.lesson.cancelled",
        target=lesson,
        before={"status": LessonStatus.SCHEDULED},
        after={"status": LessonStatus.CANCELLED},
        data={"reason": reason, "date": lesson.date, "pair": lesson.pair},
    )
    return lesson
