"""Paid re-study (annex 5 item 11), kept by the dean's office.

- ``create_period``: a re-study period of a semester with its fee per credit.
- ``create_group``: a subject's re-study group of a faculty in a period, with its teacher.
- ``enrol_student``: a student with a debt in a curriculum subject of the group's subject (anyone else is
  refused); the fee is the period's fee per credit × the subject's credits. ``confirm_payment`` records
  when it was paid; ``remove_enrolment`` takes back one not yet on a statement.
- ``add_session`` / ``delete_session``: the group's lessons and controls, dated within the period, never
  in a room or with a teacher that another re-study session, or a scheduled lesson or control of the
  timetable, holds at an overlapping time.
- ``generate_restudy_statement``: the statement of one control of the group, with a line per paid
  student; its grades are entered through the statement services and count in the record.

Every write is validated (nothing changed on refusal) and audited.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.curricula.models import SubjectControl
from hemis.grading.enums import DEBTS, SessionKind
from hemis.grading.models import (
    AcademicRecord,
    RestudyEnrolment,
    RestudyGroup,
    RestudyPeriod,
    RestudySession,
    Statement,
    StatementLine,
)
from hemis.schedule.enums import Attempt, ControlKind, LessonStatus
from hemis.schedule.models import Lesson
from hemis.schedule.services.placement import lesson_label

CENTS = Decimal("0.01")


def _date(d: dt.date) -> str:
    return f"{d:%d.%m.%Y}"


# --- periods and groups -------------------------------------------------------------------------


@transaction.atomic
def create_period(
    *, name: str, semester, start_date: dt.date, end_date: dt.date, fee_per_credit, actor
) -> RestudyPeriod:
    """A re-study period; refused when it ends before it starts or its fee is negative."""
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": [_("The period cannot end before it starts.")]})
    period = RestudyPeriod(
        name=name, semester=semester, start_date=start_date, end_date=end_date, fee_per_credit=fee_per_credit
    )
    period.full_clean()
    period.save()
    audit.record(
        actor=actor,
        action="grading.restudy_period.created",
        target=period,
        after={
            "name": name,
            "semester": semester.pk,
            "start_date": start_date,
            "end_date": end_date,
            "fee_per_credit": str(fee_per_credit),
        },
    )
    return period


@transaction.atomic
def create_group(*, period: RestudyPeriod, faculty, subject, name: str, teacher, actor) -> RestudyGroup:
    """A re-study group of ``subject`` in ``period`` kept by ``faculty``; its name is unique in the period."""
    group = RestudyGroup(period=period, faculty=faculty, subject=subject, name=name.strip(), teacher=teacher)
    group.full_clean()
    group.save()
    audit.record(
        actor=actor,
        action="grading.restudy_group.created",
        target=group,
        after={
            "period": period.pk,
            "faculty": faculty.pk,
            "subject": subject.pk,
            "name": group.name,
            "teacher": teacher.pk,
        },
    )
    return group


# --- enrolments ---------------------------------------------------------------------------------


def _debt_of(student, subject) -> AcademicRecord | None:
    return (
        AcademicRecord.objects.filter(student=student, status__in=DEBTS, curriculum_subject__subject=subject)
        .select_related("curriculum_subject")
        .order_by("semester__start_date")
        .first()
    )


@transaction.atomic
def enrol_student(*, group: RestudyGroup, student, actor) -> RestudyEnrolment:
    """Enrol ``student`` in ``group`` for their debt in the group's subject, at the period's fee per
    credit × the subject's credits. Refused: no debt in the subject, already in the group, or already
    re-studying that subject in another group of the period."""
    record = _debt_of(student, group.subject)
    if record is None:
        raise ValidationError(
            {
                "student": [
                    _(
                        "%(name)s has no academic debt in %(subject)s; only a student with one may re-study it."
                    )
                    % {"name": student.full_name, "subject": group.subject.name}
                ]
            }
        )
    elsewhere = RestudyEnrolment.objects.filter(
        student=student, curriculum_subject=record.curriculum_subject, group__period=group.period
    ).select_related("group")
    taken = elsewhere.first()
    if taken is not None:
        raise ValidationError(
            {
                "student": [
                    _("%(name)s is already enrolled in re-study group %(group)s.")
                    % {"name": student.full_name, "group": taken.group.name}
                ]
            }
        )
    cs = record.curriculum_subject
    enrolment = RestudyEnrolment(
        group=group,
        student=student,
        curriculum_subject=cs,
        fee=(group.period.fee_per_credit * cs.credits).quantize(CENTS),
    )
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # enrolled in this group since the check
        raise ValidationError(
            {"student": [_("%(name)s is already enrolled in this group.") % {"name": student.full_name}]}
        ) from None
    audit.record(
        actor=actor,
        action="grading.restudy_enrolment.created",
        target=enrolment,
        after={
            "group": group.pk,
            "student": student.pk,
            "curriculum_subject": cs.pk,
            "fee": str(enrolment.fee),
        },
    )
    return enrolment


@transaction.atomic
def confirm_payment(
    *, enrolment: RestudyEnrolment, paid_on: dt.date, actor, today: dt.date | None = None
) -> RestudyEnrolment:
    """Record that the enrolment's fee was paid on ``paid_on`` (not in the future); once only."""
    today = today or timezone.localdate()
    if paid_on > today:
        raise ValidationError(
            {"paid_on": [_("The payment date %(date)s is in the future.") % {"date": _date(paid_on)}]}
        )
    changed = RestudyEnrolment.objects.filter(pk=enrolment.pk, paid_on__isnull=True).update(
        paid_on=paid_on, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError({"paid_on": [_("The payment of this enrolment is already confirmed.")]})
    enrolment.refresh_from_db()
    audit.record(
        actor=actor,
        action="grading.restudy_enrolment.paid",
        target=enrolment,
        before={"paid_on": None},
        after={"paid_on": paid_on, "fee": str(enrolment.fee)},
    )
    return enrolment


@transaction.atomic
def remove_enrolment(*, enrolment: RestudyEnrolment, actor) -> None:
    """Take back an enrolment whose student is on none of the group's statements."""
    on_statement = StatementLine.objects.filter(
        statement__restudy_group_id=enrolment.group_id, student_id=enrolment.student_id
    ).exists()
    if on_statement:
        raise ValidationError(
            {"student": [_("The student is on a statement of the group; the enrolment stays.")]}
        )
    audit.record(
        actor=actor,
        action="grading.restudy_enrolment.removed",
        target=enrolment,
        before={"student": enrolment.student_id, "fee": str(enrolment.fee), "paid_on": enrolment.paid_on},
    )
    enrolment.delete()


# --- sessions -----------------------------------------------------------------------------------


def _check_session(group: RestudyGroup, session: RestudySession) -> None:
    period = group.period
    if session.kind == SessionKind.CONTROL and not session.control_kind:
        raise ValidationError({"control_kind": [_("Choose which control this session is.")]})
    if session.kind == SessionKind.LESSON and session.control_kind:
        raise ValidationError({"control_kind": [_("A lesson is not a control.")]})
    if session.end_time <= session.start_time:
        raise ValidationError({"end_time": [_("The session must end after it starts.")]})
    if not period.start_date <= session.date <= period.end_date:
        raise ValidationError(
            {
                "date": [
                    _("The date must be within the period, %(start)s – %(end)s.")
                    % {"start": _date(period.start_date), "end": _date(period.end_date)}
                ]
            }
        )
    _check_free(group, session)


def _times(held) -> dict:
    return {"start": f"{held.start_time:%H:%M}", "end": f"{held.end_time:%H:%M}"}


def _check_free(group: RestudyGroup, session: RestudySession) -> None:
    """Refuse ``session`` when its room or the group's teacher is held at an overlapping time by another
    re-study session or by a scheduled lesson or control of the timetable."""
    at = {"date": session.date, "start_time__lt": session.end_time, "end_time__gt": session.start_time}
    sessions = RestudySession.objects.filter(**at).select_related("group")
    lessons = Lesson.objects.filter(status=LessonStatus.SCHEDULED, **at).select_related("subject")
    room = session.room
    if room is not None:
        clash = sessions.filter(room=room).first()
        if clash is not None:
            message = _("Room %(room)s is taken by re-study group %(group)s from %(start)s to %(end)s.")
            raise ValidationError(
                {"room": [message % {"room": room.number, "group": clash.group.name, **_times(clash)}]}
            )
        lesson = lessons.filter(room=room).first()
        if lesson is not None:
            message = _("Room %(room)s has %(lesson)s of the timetable from %(start)s to %(end)s.")
            raise ValidationError(
                {"room": [message % {"room": room.number, "lesson": lesson_label(lesson), **_times(lesson)}]}
            )
    clash = sessions.filter(group__teacher_id=group.teacher_id).first()
    if clash is not None:
        message = _("The teacher has re-study group %(group)s from %(start)s to %(end)s that day.")
        raise ValidationError({"start_time": [message % {"group": clash.group.name, **_times(clash)}]})
    lesson = lessons.filter(teacher_id=group.teacher_id).first()
    if lesson is not None:
        message = _("The teacher has %(lesson)s of the timetable from %(start)s to %(end)s that day.")
        raise ValidationError({"start_time": [message % {"lesson": lesson_label(lesson), **_times(lesson)}]})


@transaction.atomic
def add_session(
    *,
    group: RestudyGroup,
    kind: str,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    actor,
    control_kind: str = "",
    room=None,
) -> RestudySession:
    """A lesson or control of ``group``; refused outside the period or when its room or teacher is taken
    by another re-study session or a scheduled timetable lesson at an overlapping time."""
    session = RestudySession(
        group=group,
        kind=kind,
        control_kind=control_kind or "",
        date=date,
        start_time=start_time,
        end_time=end_time,
        room=room,
    )
    _check_session(group, session)
    session.full_clean()
    session.save()
    audit.record(
        actor=actor,
        action="grading.restudy_session.created",
        target=session,
        after={
            "group": group.pk,
            "kind": kind,
            "control_kind": session.control_kind,
            "date": date,
            "start_time": f"{start_time:%H:%M}",
            "end_time": f"{end_time:%H:%M}",
            "room": room.pk if room else None,
        },
    )
    return session


@transaction.atomic
def delete_session(*, session: RestudySession, actor) -> None:
    """Remove a session; a control whose statement exists stays."""
    if (
        session.kind == SessionKind.CONTROL
        and Statement.objects.filter(
            restudy_group_id=session.group_id, control_kind=session.control_kind, control_date=session.date
        ).exists()
    ):
        raise ValidationError({"date": [_("A statement was generated for this control; the session stays.")]})
    audit.record(
        actor=actor,
        action="grading.restudy_session.deleted",
        target=session,
        before={"kind": session.kind, "control_kind": session.control_kind, "date": session.date},
    )
    session.delete()


# --- statements ---------------------------------------------------------------------------------


def _max_points(enrolments: list[RestudyEnrolment], control_kind: str) -> int:
    """The one maximum the curricula of the enrolled students give the control; refused when a
    curriculum gives none or they disagree."""
    cs_ids = {e.curriculum_subject_id for e in enrolments}
    maxima = dict(
        SubjectControl.objects.filter(
            curriculum_subject_id__in=cs_ids, control_type__code=control_kind
        ).values_list("curriculum_subject_id", "max_points")
    )
    kind = ControlKind(control_kind).label
    if set(maxima) != cs_ids:
        raise ValidationError(
            {
                "control_kind": [
                    _("A student's curriculum has no %(control)s in this subject.") % {"control": kind}
                ]
            }
        )
    if len(set(maxima.values())) > 1:
        raise ValidationError(
            {
                "control_kind": [
                    _(
                        "The curricula of the enrolled students give the %(control)s different maximum points "
                        "(%(points)s); put them in separate re-study groups."
                    )
                    % {"control": kind, "points": ", ".join(str(p) for p in sorted(set(maxima.values())))}
                ]
            }
        )
    return next(iter(maxima.values()))


@transaction.atomic
def generate_restudy_statement(*, group: RestudyGroup, control_kind: str, actor) -> Statement:
    """The statement of ``group``'s ``control_kind``: dated by the group's (latest) control session of that
    kind, examined by its teacher, with a line per paid enrolment. Refused: no such session, no paid
    student, the curricula disagreeing on the maximum, a statement of that control already generated."""
    if control_kind not in ControlKind.values:
        raise ValidationError({"control_kind": [_("Unknown control.")]})
    kind = ControlKind(control_kind).label
    session = (
        RestudySession.objects.filter(group=group, kind=SessionKind.CONTROL, control_kind=control_kind)
        .order_by("-date", "-start_time")
        .first()
    )
    if session is None:
        raise ValidationError(
            {"control_kind": [_("Schedule the %(control)s of the group first.") % {"control": kind}]}
        )
    if Statement.objects.filter(restudy_group=group, control_kind=control_kind).exists():
        raise ValidationError(
            {
                "control_kind": [
                    _("The %(control)s statement of this group exists already.") % {"control": kind}
                ]
            }
        )
    enrolments = list(group.enrolments.filter(paid_on__isnull=False).order_by("pk"))
    if not enrolments:
        raise ValidationError({"control_kind": [_("No student of the group has paid yet.")]})
    statement = Statement.objects.create(
        faculty_id=group.faculty_id,
        semester_id=group.period.semester_id,
        subject_id=group.subject_id,
        restudy_group=group,
        control_kind=control_kind,
        attempt=Attempt.FIRST,
        control_date=session.date,
        examiner_id=group.teacher_id,
        max_points=_max_points(enrolments, control_kind),
    )
    StatementLine.objects.bulk_create(
        StatementLine(
            statement=statement, student_id=e.student_id, curriculum_subject_id=e.curriculum_subject_id
        )
        for e in enrolments
    )
    audit.record(
        actor=actor,
        action="grading.statement.generated",
        target=statement,
        after={
            "restudy_group": group.pk,
            "control_kind": control_kind,
            "control_date": session.date,
            "max_points": statement.max_points,
            "students": [e.student_id for e in enrolments],
        },
    )
    return statement
