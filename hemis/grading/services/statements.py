"""Statements (qaydnoma) and the grades on them (annex 7 item 5, annex 5 item 13).

- ``generate_statements``: the dean's office makes the statement of one group subject × control ×
  attempt, its examiner and control date taken from the control on the timetable unless given; a
  line per studying student (attempt 1) or per student who did not pass the attempt before (2, 3);
  students whose unexcused absences pass ``bar_absence_percent`` of the subject's hours are barred.
- ``enter_grades``: the examiner's points, until ``grade_lock_days`` working days after the control
  (or the day the dean's office reopened the statement until); a line saved by someone else since the
  form was opened is never overwritten (its ``version``, checked by a conditional UPDATE); every
  change audited with the old and new points; the academic records refreshed.
- ``reopen_statement`` / ``sign_statement``: the dean's office.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import UniversitySettings
from hemis.curricula.models import SubjectControl, SubjectLoad
from hemis.grading.models import Statement, StatementLine, StatementReopening
from hemis.grading.services import plans
from hemis.grading.services.records import refresh_records
from hemis.schedule.enums import Attempt, ControlKind, LessonKind, LessonStatus
from hemis.schedule.models import Lesson
from hemis.students.models import GroupSubject, Student, StudentStatus
from hemis.teaching.models import Absence
from hemis.teaching.rules import over_bar

ATTEMPTS: list[str] = list(Attempt.values)  # the 1st, 2nd and 3rd statement, in order
REOPEN_MAX_DAYS = 30
GRADES_CHANGED = "grading.grade.changed"


def _day(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


# --- the lock -------------------------------------------------------------------------------------


# The calendar the lock counts on and the working days it allows.
LockRule = tuple[WorkingCalendar, int]


def lock_rule() -> LockRule:
    """The calendar the lock counts on and ``grade_lock_days``, the settings row read once: build it
    once per page and pass it on, each helper otherwise builds its own."""
    settings = UniversitySettings.current()
    return WorkingCalendar(study_week=settings.study_week), settings.grade_lock_days


def lock_date(statement: Statement, *, rule: LockRule | None = None) -> dt.date:
    """The last day the examiner may enter grades: ``grade_lock_days`` working days after the control,
    or the day the dean's office reopened the statement until, whichever is later."""
    calendar, lock_days = rule or lock_rule()
    last = calendar.add_working_days(statement.control_date, lock_days)
    reopening = getattr(statement, "reopening", None)  # the reverse one-to-one: None when absent
    return max(last, reopening.until) if reopening is not None else last


def locked_reason(statement: Statement, today: dt.date, last: dt.date | None = None) -> str | None:
    """Why the examiner cannot enter grades on ``today`` (signed off, or past the lock), or None."""
    if statement.signed_at is not None:
        return _(
            "The statement was signed off on %(date)s; ask the dean's office to reopen it to change grades."
        ) % {"date": _day(timezone.localtime(statement.signed_at))}
    last = last or lock_date(statement)
    if today <= last:
        return None
    return _(
        "Grades of this statement could be entered until %(date)s; ask the dean's office to reopen it."
    ) % {"date": _day(last)}


def locked_cutoff(today: dt.date, *, rule: LockRule | None = None) -> dt.date:
    """The latest control date whose statements are past the lock on ``today`` (not counting the
    reopenings): the lock is monotonic in the control date, so "locked" is one date comparison in SQL."""
    calendar, lock_days = rule or lock_rule()
    day = today - dt.timedelta(days=1)
    while calendar.add_working_days(day, lock_days) >= today:
        day -= dt.timedelta(days=1)
    return day


# --- generating ------------------------------------------------------------------------------------


def scheduled_control(group_subject: GroupSubject, control_kind: str, attempt: str) -> Lesson | None:
    """The control of the group subject on the timetable (its examiner and date), or None."""
    return (
        Lesson.objects.filter(
            kind=LessonKind.CONTROL,
            semester_id=group_subject.semester_id,
            subject_id=group_subject.curriculum_subject.subject_id,
            control_kind=control_kind,
            attempt=attempt,
            status=LessonStatus.SCHEDULED,
            attendees__group_id=group_subject.group_id,
        )
        .select_related("teacher")
        .order_by("-date", "-pk")
        .first()
    )


def absent_hours(group_subject: GroupSubject, student_ids) -> dict[int, int]:
    """Student pk → their unexcused absent hours in the group subject's lessons of the semester (one
    aggregate query for all)."""
    rows = (
        Absence.objects.filter(
            student_id__in=list(student_ids),
            excuse__isnull=True,
            record__lesson__semester_id=group_subject.semester_id,
            record__lesson__subject_id=group_subject.curriculum_subject.subject_id,
            record__lesson__attendees__group_id=group_subject.group_id,
        )
        .values("student_id")
        .annotate(total=Sum("hours"))
        .values_list("student_id", "total")
    )
    return dict(rows)


def _max_points(group_subject: GroupSubject, control_kind: str) -> int:
    control = SubjectControl.objects.filter(
        curriculum_subject_id=group_subject.curriculum_subject_id, control_type__code=control_kind
    ).first()
    if control is None:
        raise ValidationError(
            {
                "control_kind": [
                    _("The curriculum has no %(control)s for %(subject)s.")
                    % {
                        "control": ControlKind(control_kind).label,
                        "subject": group_subject.curriculum_subject.subject.name,
                    }
                ]
            }
        )
    return control.max_points


def _students_of(group_subject: GroupSubject, control_kind: str, attempt: str) -> list[int]:
    index = ATTEMPTS.index(attempt)
    if index == 0:
        return list(
            Student.objects.filter(group_id=group_subject.group_id, status=StudentStatus.STUDYING)
            .order_by("last_name", "first_name", "pk")
            .values_list("pk", flat=True)
        )
    previous = Attempt(ATTEMPTS[index - 1])
    before = Statement.objects.filter(
        group_subject=group_subject, control_kind=control_kind, attempt=previous
    ).first()
    if before is None:
        raise ValidationError(
            {
                "attempt": [
                    _("Generate the %(previous)s of this control first.") % {"previous": previous.label}
                ]
            }
        )
    system = group_subject.curriculum_subject.semester.curriculum.marking_system
    # Not passed: no points, or points × max_value < pass_border × max_points.
    lines = StatementLine.objects.filter(statement=before).annotate(scaled=F("points") * system.max_value)
    failing = Q(points__isnull=True) | Q(scaled__lt=system.pass_border * before.max_points)
    return list(
        lines.filter(failing)
        .order_by("student__last_name", "student__first_name", "student_id")
        .values_list("student_id", flat=True)
    )


@transaction.atomic
def generate_statements(
    *,
    group_subject: GroupSubject,
    control_kind: str,
    attempt: str,
    actor,
    examiner=None,
    control_lesson: Lesson | None = None,
    control_date: dt.date | None = None,
) -> Statement:
    """The statement of one group subject's control and attempt, with its lines (barred students
    marked). Refused, with nothing written, when it exists, the curriculum has no such control, the
    examiner or the date is neither given nor on the timetable, or (for a re-sit) the statement before
    it is missing or everyone passed it."""
    if control_kind not in ControlKind.values:
        raise ValidationError({"control_kind": [_("Choose the control.")]})
    if attempt not in Attempt.values:
        raise ValidationError({"attempt": [_("Choose the statement.")]})
    group_subject = GroupSubject.objects.select_related(
        "group__faculty", "curriculum_subject__subject", "curriculum_subject__semester__curriculum"
    ).get(pk=group_subject.pk)
    cs = group_subject.curriculum_subject
    what = {
        "control": ControlKind(control_kind).label,
        "attempt": Attempt(attempt).label,
        "subject": cs.subject.name,
        "group": group_subject.group.name,
    }
    exists = ValidationError(
        {"attempt": [_("The %(attempt)s of the %(control)s of %(subject)s for %(group)s exists.") % what]}
    )
    if Statement.objects.filter(
        group_subject=group_subject, control_kind=control_kind, attempt=attempt
    ).exists():
        raise exists
    max_points = _max_points(group_subject, control_kind)
    if control_lesson is None:
        control_lesson = scheduled_control(group_subject, control_kind, attempt)
    elif (control_lesson.kind, control_lesson.subject_id, control_lesson.control_kind) != (
        LessonKind.CONTROL,
        cs.subject_id,
        control_kind,
    ):
        raise ValidationError({"control_lesson": [_("This lesson is not the control of the statement.")]})
    examiner = examiner or (control_lesson.teacher if control_lesson else None)
    control_date = control_date or (control_lesson.date if control_lesson else None)
    if examiner is None:
        raise ValidationError({"examiner": [_("The control is not on the timetable: choose the examiner.")]})
    if control_date is None:
        raise ValidationError(
            {"control_date": [_("The control is not on the timetable: give the control date.")]}
        )
    student_ids = _students_of(group_subject, control_kind, attempt)
    if not student_ids:
        message = (
            _("Group %(group)s has no studying students.")
            if attempt == Attempt.FIRST
            else _("Every student passed the statement before; there is no one to re-sit.")
        )
        raise ValidationError({"attempt": [message % what]})
    settings = UniversitySettings.current()
    planned = SubjectLoad.objects.filter(curriculum_subject=cs).aggregate(total=Sum("hours"))["total"] or 0
    hours = absent_hours(group_subject, student_ids)
    try:
        with transaction.atomic():
            statement = Statement.objects.create(
                faculty=group_subject.group.faculty,
                semester_id=group_subject.semester_id,
                subject=cs.subject,
                group_subject=group_subject,
                control_kind=control_kind,
                attempt=attempt,
                control_lesson=control_lesson,
                control_date=control_date,
                examiner=examiner,
                max_points=max_points,
            )
    except IntegrityError:  # generated by someone else at the same moment
        raise exists from None
    lines = [
        StatementLine(
            statement=statement,
            student_id=pk,
            curriculum_subject=cs,
            absent_hours=min(hours.get(pk, 0), 32767),
            barred=over_bar(hours.get(pk, 0), planned, settings.bar_absence_percent),
        )
        for pk in student_ids
    ]
    StatementLine.objects.bulk_create(lines)
    audit.record(
        actor=actor,
        action="grading.statement.generated",
        target=statement,
        after={
            "group_subject": group_subject.pk,
            "control_kind": control_kind,
            "attempt": attempt,
            "control_date": control_date,
            "examiner": examiner.pk,
            "max_points": max_points,
            "students": len(lines),
            "barred": sorted(line.student_id for line in lines if line.barred),
        },
    )
    return statement


@transaction.atomic
def generate_group_statements(
    *, group, semester, control_kind: str, actor
) -> tuple[list[Statement], list[tuple[GroupSubject, str]]]:
    """The 1st statements of ``control_kind`` of every subject ``group`` studies in ``semester`` whose
    control is on the timetable: (made, [(group subject, why it was not made)])."""
    made, skipped = [], []
    subjects = GroupSubject.objects.filter(group=group, semester=semester).select_related(
        "curriculum_subject__subject"
    )
    for group_subject in subjects.order_by("curriculum_subject__subject__code"):
        try:
            made.append(
                generate_statements(
                    group_subject=group_subject,
                    control_kind=control_kind,
                    attempt=Attempt.FIRST,
                    actor=actor,
                )
            )
        except ValidationError as error:
            skipped.append((group_subject, " ".join(error.messages)))
    return made, skipped


# --- grades -----------------------------------------------------------------------------------------


def _stale(line: StatementLine) -> ValidationError:
    who = (line.graded_by.get_full_name() or line.graded_by.username) if line.graded_by else _("Someone")
    when = timezone.localtime(line.graded_at).strftime("%d.%m.%Y %H:%M") if line.graded_at else ""
    return ValidationError(
        {
            "version": [
                _(
                    "%(who)s graded %(student)s at %(when)s after you opened the statement; nothing of "
                    "yours was saved. Open it again to see their grades."
                )
                % {"who": who, "student": line.student.full_name, "when": when}
            ]
        }
    )


def _check_grades(
    statement: Statement, lines: dict[int, StatementLine], grades: dict
) -> dict[int, int | None]:
    clean: dict[int, int | None] = {}
    for key, value in grades.items():
        pk = int(key)
        line = lines.get(pk)
        if line is None:
            student = Student.objects.filter(pk=pk).first()
            name = student.full_name if student else _("A student")
            raise ValidationError({"grades": [_("%(name)s is not on this statement.") % {"name": name}]})
        name = line.student.full_name
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(
                    {"grades": [_("%(name)s: points are a whole number.") % {"name": name}]}
                )
            if not 0 <= value <= statement.max_points:
                raise ValidationError(
                    {
                        "grades": [
                            _("%(name)s: points must be from 0 to %(max)s.")
                            % {"name": name, "max": statement.max_points}
                        ]
                    }
                )
            if line.barred:
                raise ValidationError(
                    {
                        "grades": [
                            _("%(name)s is barred from the control by absences and cannot be graded.")
                            % {"name": name}
                        ]
                    }
                )
        clean[pk] = value
    return clean


@transaction.atomic
def enter_grades(
    *,
    statement: Statement,
    grades: dict,
    versions: dict,
    actor,
    today: dt.date | None = None,
) -> int:
    """The examiner's points (student pk → points, None to clear) of the lines at ``versions`` (student
    pk → the line's version the form was opened at). Only changed lines are written; refused, with
    nothing written, for points outside 0 … max, a student not on the statement, a barred student, a
    locked or signed-off statement, or a line someone saved since. The number of lines changed."""
    today = today or timezone.localdate()
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    reason = locked_reason(statement, today)
    if reason:
        raise ValidationError({"statement": [reason]})
    lines = {
        line.student_id: line
        for line in StatementLine.objects.filter(statement=statement).select_related("student", "graded_by")
    }
    clean = _check_grades(statement, lines, grades)
    changed = {pk: value for pk, value in clean.items() if lines[pk].points != value}
    now = timezone.now()
    for pk in sorted(changed):
        line = lines[pk]
        version = versions.get(pk, versions.get(str(pk)))
        if version is None:
            raise ValidationError({"versions": [_("The form is incomplete; open the statement again.")]})
        # The conditional UPDATE: of two saves of one version, the database lets exactly one through.
        written = StatementLine.objects.filter(pk=line.pk, version=version).update(
            points=changed[pk],
            version=F("version") + 1,
            graded_at=now,
            graded_by=actor,
        )
        if not written:
            raise _stale(StatementLine.objects.select_related("student", "graded_by").get(pk=line.pk))
    if not changed:
        return 0
    audit.record(
        actor=actor,
        action=GRADES_CHANGED,
        target=statement,
        data={"statement": statement.pk, "lines": len(changed)},
        before={"points": {pk: lines[pk].points for pk in sorted(changed)}},
        after={"points": {pk: changed[pk] for pk in sorted(changed)}},
    )
    refresh_records(
        curriculum_subject_ids=sorted({lines[pk].curriculum_subject_id for pk in changed}),
        student_ids=sorted(changed),
        today=today,
    )
    # A debt the new grades cleared closes its individual plan item.
    plans.clear_items(student_ids=sorted(changed), today=today, actor=actor)
    return len(changed)


# --- the dean's office ------------------------------------------------------------------------------


@transaction.atomic
def reopen_statement(
    *, statement: Statement, until: dt.date, reason: str, actor, today: dt.date | None = None
) -> StatementReopening:
    """The dean's office lets the examiner enter grades again until ``until`` (today … 30 days on); a
    signed-off statement is un-signed."""
    today = today or timezone.localdate()
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if until < today:
        raise ValidationError({"until": [_("Reopen the statement until today or a later day.")]})
    if until > today + dt.timedelta(days=REOPEN_MAX_DAYS):
        raise ValidationError(
            {"until": [_("Reopen the statement for at most %(n)s days.") % {"n": REOPEN_MAX_DAYS}]}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for reopening.")]})
    last = lock_date(statement)
    if statement.signed_at is None and today <= last:
        raise ValidationError(
            {
                "until": [
                    _("The statement is open for grades until %(date)s; there is nothing to reopen.")
                    % {"date": _day(last)}
                ]
            }
        )
    reopening = getattr(statement, "reopening", None)  # read by lock_date: no second query
    before = {
        "reopened_until": reopening.until if reopening else None,
        "signed_at": statement.signed_at,
    }
    if reopening is None:
        reopening = StatementReopening(statement=statement, created_by=actor)
    reopening.until, reopening.reason = until, reason[:255]
    reopening.save()
    statement.signed_at = statement.signed_by = None
    statement.save(update_fields=["signed_at", "signed_by", "updated_at"])
    audit.record(
        actor=actor,
        action="grading.statement.reopened",
        target=statement,
        data={"reason": reopening.reason},
        before=before,
        after={"reopened_until": until, "signed_at": None},
    )
    return reopening


@transaction.atomic
def sign_statement(*, statement: Statement, actor, today: dt.date | None = None) -> int:
    """The dean's office signs the statement off (read-only from then on). Refused while a student who
    is not barred has no points, until the lock has passed: then their grade stays missing. The number
    of students signed off without points."""
    today = today or timezone.localdate()
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.signed_at is not None:
        raise ValidationError(
            {
                "statement": [
                    _("The statement was already signed off on %(date)s.")
                    % {"date": _day(timezone.localtime(statement.signed_at))}
                ]
            }
        )
    missing = StatementLine.objects.filter(statement=statement, barred=False, points__isnull=True).count()
    last = lock_date(statement)
    if missing and today <= last:
        raise ValidationError(
            {
                "statement": [
                    _(
                        "%(n)s students have no points yet. Sign the statement off when every student is "
                        "graded, or after %(date)s, when the missing grades stay missing."
                    )
                    % {"n": missing, "date": _day(last)}
                ]
            }
        )
    statement.signed_at, statement.signed_by = timezone.now(), actor
    statement.save(update_fields=["signed_at", "signed_by", "updated_at"])
    audit.record(
        actor=actor,
        action="grading.statement.signed",
        target=statement,
        data={"missing": missing},
        after={"signed_at": statement.signed_at},
    )
    return missing
