"""The journal of lessons held (annex 7 item 4) and the dean's office's part of it (annex 5 item 14).

- ``record_lesson``: a teacher records a lesson of the timetable as held, with its topic, the students
  absent (in academic hours) and the daily marks where the marking system keeps them. The journal
  locks ``JOURNAL_EDIT_DAYS`` working days after the lesson unless the dean's office reopened it
  (``reopen_journal``); a save made since the editor opened the form is never overwritten (the
  record's ``version``, checked by a conditional UPDATE).
- ``excuse_absences`` / ``withdraw_excuse``: the dean's office excuses a student's absences of a period
  with a document (unexcused → excused hours), or takes the excuse back.
- ``set_attendance_rules``: per marking system, daily marks and the thresholds of the absence lists.

Every write is audited; attendance and mark changes carry the old and new value of each student.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.audit.selectors import JournalFilter, journal
from hemis.core.calendar import add_working_days
from hemis.org.validators import validate_document
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import PAIR_HOURS, Lesson, LessonGroup
from hemis.students.models import Student, StudentStatus, Subgroup
from hemis.teaching.journal_selectors import lesson_topics
from hemis.teaching.models import (
    Absence,
    AttendanceRules,
    DailyMark,
    Excuse,
    JournalReopening,
    LessonRecord,
    Topic,
)
from hemis.teaching.rules import student_rules

# A teacher edits a lesson's record until this many working days after the lesson.
JOURNAL_EDIT_DAYS = 3

RECORDED = "teaching.journal.recorded"


# --- who attends, and whether the journal is open -------------------------------------------------


def attending_students(lesson: Lesson) -> QuerySet[Student]:
    """The studying students of the lesson's groups (of its subgroup, for a subgroup's lesson), with
    their group's marking system and its rules."""
    rows = LessonGroup.objects.filter(lesson=lesson)
    whole = rows.filter(subgroup__isnull=True).values("group_id")
    parts = rows.filter(subgroup__isnull=False).values("subgroup_id")
    in_part = Subgroup.students.through.objects.filter(
        subgroup_id__in=parts, student__group_id=F("subgroup__group_id")
    ).values("student_id")
    return (
        Student.objects.filter(Q(group_id__in=whole) | Q(pk__in=in_part), status=StudentStatus.STUDYING)
        .select_related("group__curriculum__marking_system__attendance_rules")
        .order_by("last_name", "first_name", "pk")
    )


def not_held_reason(lesson: Lesson, today: dt.date) -> str | None:
    """Why ``lesson`` cannot be recorded as held, or None."""
    if lesson.kind != LessonKind.LESSON:
        return _("A control is not recorded in the journal of lessons.")
    if lesson.status == LessonStatus.CANCELLED:
        return _("The lesson was cancelled; there is nothing to record.")
    if lesson.date > today:
        return _("The lesson of %(date)s has not been held yet.") % {"date": f"{lesson.date:%d.%m.%Y}"}
    return None


def editable_until(lesson: Lesson) -> dt.date:
    """The last day the teacher may edit the lesson's record: ``JOURNAL_EDIT_DAYS`` working days after
    the lesson, or the day the dean's office reopened it until, whichever is later."""
    last = add_working_days(lesson.date, JOURNAL_EDIT_DAYS)
    reopening = getattr(lesson, "journal_reopening", None)  # the reverse one-to-one: None when absent
    return max(last, reopening.until) if reopening is not None else last


def locked_reason(lesson: Lesson, today: dt.date, last: dt.date | None = None) -> str | None:
    """Why the lesson's journal is locked for its teacher on ``today``, or None (``last``: its
    ``editable_until`` when the caller has it)."""
    last = last or editable_until(lesson)
    if today <= last:
        return None
    return _(
        "The journal of this lesson was locked on %(date)s, after the last day it could be edited; "
        "ask the dean's office to reopen it."
    ) % {"date": f"{last + dt.timedelta(days=1):%d.%m.%Y}"}


def last_save(record: LessonRecord) -> tuple[str, dt.datetime | None]:
    """Who saved ``record`` last and when (from the audit journal: the record keeps no editor)."""
    saves = JournalFilter(
        action=RECORDED, target_type=LessonRecord._meta.label_lower, target_id=str(record.pk)
    )
    event = journal(saves).select_related("actor").first()
    if event is None:
        return "", record.updated_at
    name = (event.actor.get_full_name() if event.actor else "") or event.actor_name
    return name, event.at


def _stale(record: LessonRecord) -> ValidationError:
    name, at = last_save(record)
    when = timezone.localtime(at).strftime("%d.%m.%Y %H:%M") if at else ""
    return ValidationError(
        {
            "version": [
                _(
                    "%(name)s saved this journal at %(when)s after you opened it; nothing of yours was "
                    "saved. Open it again to see their changes."
                )
                % {"name": name or _("Someone"), "when": when}
            ]
        }
    )


# --- recording a lesson ---------------------------------------------------------------------------


def _check_topic(lesson: Lesson, topic: Topic | None) -> None:
    if topic is None:
        return
    if not lesson_topics(lesson).filter(pk=topic.pk).exists():
        raise ValidationError(
            {"topic": [_("The topic is not one of this lesson's subject and lesson type.")]}
        )


def _check_students(students: dict[int, Student], absences: dict[int, int], marks: dict[int, int]) -> None:
    for field, given in (("absences", absences), ("marks", marks)):
        strangers = [pk for pk in given if pk not in students]
        if strangers:
            stranger = Student.objects.filter(pk=strangers[0]).first()
            name = stranger.full_name if stranger else _("A student")
            raise ValidationError({field: [_("%(name)s does not attend this lesson.") % {"name": name}]})
    for pk, hours in absences.items():
        if not 1 <= hours <= PAIR_HOURS:
            raise ValidationError(
                {
                    "absences": [
                        _("%(name)s: absent hours must be from 1 to %(max)s.")
                        % {"name": students[pk].full_name, "max": PAIR_HOURS}
                    ]
                }
            )
    for pk, value in marks.items():
        rules = student_rules(students[pk])
        if not rules.daily_marks:
            raise ValidationError(
                {
                    "marks": [
                        _("The marking system of group %(group)s keeps no daily marks.")
                        % {"group": students[pk].group.name}
                    ]
                }
            )
        if not rules.daily_mark_min <= value <= rules.daily_mark_max:
            raise ValidationError(
                {
                    "marks": [
                        _("%(name)s: a daily mark must be from %(min)s to %(max)s.")
                        % {
                            "name": students[pk].full_name,
                            "min": rules.daily_mark_min,
                            "max": rules.daily_mark_max,
                        }
                    ]
                }
            )


def _save_version(lesson: Lesson, record: LessonRecord | None, version: int | None, fields: dict, actor):
    """The lesson's record with ``fields`` written, its version one up; refused when someone saved it
    since the editor opened version ``version`` (None: opened before any record existed)."""
    if record is None:
        if version is not None:
            raise ValidationError({"version": [_("The journal changed since you opened it; open it again.")]})
        try:
            with transaction.atomic():
                return LessonRecord.objects.create(lesson=lesson, created_by=actor, **fields)
        except IntegrityError:
            # Another editor created it at the same moment.
            raise _stale(LessonRecord.objects.get(lesson=lesson)) from None
    # The conditional UPDATE: of two saves of one version, the database lets exactly one through.
    changed = LessonRecord.objects.filter(pk=record.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not changed:
        raise _stale(LessonRecord.objects.get(pk=record.pk))
    record.refresh_from_db()
    return record


def _covering_excuses(student_ids, date: dt.date) -> dict[int, int]:
    """student pk → the pk of their latest excuse covering ``date``."""
    rows = Excuse.objects.filter(
        student_id__in=student_ids, from_date__lte=date, to_date__gte=date, withdrawn_at__isnull=True
    )
    out: dict[int, int] = {}
    for student_id, pk in rows.order_by("pk").values_list("student_id", "pk"):
        out[student_id] = pk
    return out


def _write_rows(model, field: str, record: LessonRecord, new: dict[int, int], old: dict[int, int], make):
    """The record's ``model`` rows (student pk → ``field``) brought from ``old`` to ``new``: the gone
    deleted, the changed updated (one UPDATE per value, not per student), the added made by ``make``."""
    model.objects.filter(record=record).exclude(student_id__in=list(new)).delete()
    changed = {pk: value for pk, value in new.items() if pk in old and old[pk] != value}
    for value in set(changed.values()):
        students = [pk for pk, given in changed.items() if given == value]
        model.objects.filter(record=record, student_id__in=students).update(**{field: value})
    model.objects.bulk_create(make(pk, value) for pk, value in new.items() if pk not in old)


def _write_absences(record: LessonRecord, date: dt.date, absences: dict[int, int], old: dict[int, int]):
    excuses = _covering_excuses(list(absences), date)
    _write_rows(
        Absence,
        "hours",
        record,
        absences,
        old,
        lambda pk, hours: Absence(record=record, student_id=pk, hours=hours, excuse_id=excuses.get(pk)),
    )


def _write_marks(record: LessonRecord, marks: dict[int, int], old: dict[int, int]):
    _write_rows(
        DailyMark,
        "value",
        record,
        marks,
        old,
        lambda pk, value: DailyMark(record=record, student_id=pk, value=value),
    )


def _changes(old: dict[int, int], new: dict[int, int], absent) -> tuple[dict, dict]:
    """Per student whose value changed: the old and the new (``absent`` for none)."""
    changed = sorted(pk for pk in old.keys() | new.keys() if old.get(pk) != new.get(pk))
    return {pk: old.get(pk, absent) for pk in changed}, {pk: new.get(pk, absent) for pk in changed}


@transaction.atomic
def record_lesson(
    *,
    lesson: Lesson,
    topic: Topic | None = None,
    note: str = "",
    absences: dict[int, int],
    marks: dict[int, int],
    version: int | None,
    actor,
    today: dt.date | None = None,
) -> LessonRecord:
    """Record ``lesson`` as held: its topic and note, the students absent (``absences``: student pk →
    academic hours; everyone else was present) and the daily marks (student pk → mark). ``version`` is
    the record's version the editor opened (None: there was no record). Absences in a period the
    student has an excuse for are recorded excused."""
    today = today or timezone.localdate()
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    reason = not_held_reason(lesson, today)
    if reason:
        raise ValidationError({"lesson": [reason]})
    reason = locked_reason(lesson, today)
    if reason:
        raise ValidationError({"lesson": [reason]})
    _check_topic(lesson, topic)
    record = LessonRecord.objects.filter(lesson=lesson).first()
    absences = {int(pk): int(hours) for pk, hours in absences.items()}
    marks = {int(pk): int(value) for pk, value in marks.items()}
    students = {s.pk: s for s in attending_students(lesson).filter(pk__in=list(absences | marks))}
    _check_students(students, absences, marks)
    old_absences = (
        dict(Absence.objects.filter(record=record).values_list("student_id", "hours")) if record else {}
    )
    old_marks = (
        dict(DailyMark.objects.filter(record=record).values_list("student_id", "value")) if record else {}
    )
    old_topic = record.topic_id if record else None
    record = _save_version(lesson, record, version, {"topic": topic, "note": note}, actor)
    _write_absences(record, lesson.date, absences, old_absences)
    _write_marks(record, marks, old_marks)
    hours_before, hours_after = _changes(old_absences, absences, 0)
    marks_before, marks_after = _changes(old_marks, marks, None)
    audit.record(
        actor=actor,
        action=RECORDED,
        target=record,
        data={"lesson": lesson.pk, "date": lesson.date, "version": record.version},
        before={"topic": old_topic, "absent_hours": hours_before, "marks": marks_before},
        after={"topic": record.topic_id, "absent_hours": hours_after, "marks": marks_after},
    )
    return record


@transaction.atomic
def reopen_journal(
    *, lesson: Lesson, until: dt.date, actor, today: dt.date | None = None
) -> JournalReopening:
    """The dean's office lets the teacher edit the lesson's record until ``until`` (a lesson not
    recorded yet stays unrecorded: the reopening is kept apart from the record)."""
    today = today or timezone.localdate()
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    reason = not_held_reason(lesson, today)
    if reason:
        raise ValidationError({"lesson": [reason]})
    if until < today:
        raise ValidationError({"until": [_("Reopen the journal until today or a later day.")]})
    reopening = JournalReopening.objects.filter(lesson=lesson).first()
    before = reopening.until if reopening else None
    if reopening is None:
        reopening = JournalReopening(lesson=lesson, created_by=actor)
    reopening.until = until
    reopening.save()
    audit.record(
        actor=actor,
        action="teaching.journal.reopened",
        target=reopening,
        data={"lesson": lesson.pk},
        before={"reopened_until": before},
        after={"reopened_until": until},
    )
    return reopening


# --- excuses ----------------------------------------------------------------------------------------


def _absences_between(student: Student, from_date: dt.date, to_date: dt.date) -> QuerySet[Absence]:
    return Absence.objects.filter(
        student=student, record__lesson__date__gte=from_date, record__lesson__date__lte=to_date
    )


def _hours(absences: QuerySet[Absence]) -> int:
    return absences.aggregate(total=Sum("hours"))["total"] or 0


@transaction.atomic
def excuse_absences(
    *,
    student: Student,
    from_date: dt.date,
    to_date: dt.date,
    reason: str,
    document_number: str,
    document=None,
    actor,
) -> Excuse:
    """Excuse ``student``'s absences from ``from_date`` to ``to_date`` with a document: their unexcused
    absences of the period become excused (and so do those recorded later in it)."""
    if to_date < from_date:
        raise ValidationError({"to_date": [_("The period ends before it starts.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason.")]})
    if not document_number.strip():
        raise ValidationError({"document_number": [_("Give the document's number.")]})
    try:
        validate_document(document)
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from None
    excuse = Excuse(
        student=student,
        from_date=from_date,
        to_date=to_date,
        reason=reason.strip(),
        document_number=document_number.strip(),
        created_by=actor,
    )
    if document:
        excuse.document = document
    excuse.save()
    unexcused = _absences_between(student, from_date, to_date).filter(excuse__isnull=True)
    hours = _hours(unexcused)
    moved = unexcused.update(excuse=excuse)
    audit.record(
        actor=actor,
        action="teaching.excuse.created",
        target=excuse,
        data={"absences": moved, "hours_excused": hours},
        after={
            "student": student.pk,
            "from_date": from_date,
            "to_date": to_date,
            "reason": excuse.reason,
            "document_number": excuse.document_number,
        },
    )
    return excuse


@transaction.atomic
def withdraw_excuse(*, excuse: Excuse, actor) -> None:
    """Take an excuse back: its absences go to another excuse of the student covering their day, or
    back to unexcused. The excuse stays, marked withdrawn."""
    excuse = Excuse.objects.select_for_update().get(pk=excuse.pk)
    if excuse.withdrawn_at is not None:
        raise ValidationError({"excuse": [_("This excuse was already withdrawn.")]})
    linked = Absence.objects.filter(excuse=excuse)
    hours = _hours(linked)
    others = Excuse.objects.filter(
        student_id=excuse.student_id,
        from_date__lte=excuse.to_date,
        to_date__gte=excuse.from_date,
        withdrawn_at__isnull=True,
    ).exclude(pk=excuse.pk)
    for other in others.order_by("pk"):
        linked.filter(
            record__lesson__date__gte=other.from_date, record__lesson__date__lte=other.to_date
        ).update(excuse=other)
    back = _hours(Absence.objects.filter(excuse=excuse))
    Absence.objects.filter(excuse=excuse).update(excuse=None)
    excuse.withdrawn_at, excuse.withdrawn_by = timezone.now(), actor
    excuse.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit.record(
        actor=actor,
        action="teaching.excuse.withdrawn",
        target=excuse,
        data={"hours_unexcused": back, "hours_moved_to_other_excuses": hours - back},
        before={
            "student": excuse.student_id,
            "from_date": excuse.from_date,
            "to_date": excuse.to_date,
            "reason": excuse.reason,
            "document_number": excuse.document_number,
        },
    )


# --- the attendance rules ---------------------------------------------------------------------------

RULE_FIELDS = (
    "daily_marks",
    "daily_mark_min",
    "daily_mark_max",
    "warning_hours",
    "reprimand_hours",
    "expulsion_hours",
)


@transaction.atomic
def set_attendance_rules(
    *,
    marking_system,
    daily_marks: bool,
    daily_mark_min: int,
    daily_mark_max: int,
    warning_hours: int,
    reprimand_hours: int,
    expulsion_hours: int,
    actor,
) -> AttendanceRules:
    """The marking system's daily marks and the unexcused hours of a semester behind the warning,
    reprimand and expulsion lists (strictly increasing)."""
    if warning_hours < 1:
        raise ValidationError({"warning_hours": [_("The warning needs at least 1 unexcused hour.")]})
    if not warning_hours < reprimand_hours:
        raise ValidationError({"reprimand_hours": [_("The reprimand needs more hours than the warning.")]})
    if not reprimand_hours < expulsion_hours:
        raise ValidationError({"expulsion_hours": [_("Expulsion needs more hours than the reprimand.")]})
    if not daily_mark_min < daily_mark_max:
        raise ValidationError({"daily_mark_max": [_("The highest daily mark must be above the lowest.")]})
    values = {
        "daily_marks": daily_marks,
        "daily_mark_min": daily_mark_min,
        "daily_mark_max": daily_mark_max,
        "warning_hours": warning_hours,
        "reprimand_hours": reprimand_hours,
        "expulsion_hours": expulsion_hours,
    }
    row = AttendanceRules.objects.select_for_update().filter(marking_system=marking_system).first()
    before = {name: getattr(row, name) for name in RULE_FIELDS} if row else None
    if row is None:
        row = AttendanceRules.objects.create(marking_system=marking_system, created_by=actor, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=[*RULE_FIELDS, "updated_at"])
    audit.record(actor=actor, action="teaching.attendance_rules.set", target=row, before=before, after=values)
    return row
