"""Copying timetables (annex 5 item 9, what a dean's office does every semester): a group's whole
timetable from one semester into another, or the lessons of one week into other weeks.

Every copied entry goes through ``entries.place_entries`` on its own, so each is checked like an
entry made by hand and each refusal is reported with the clash named; what can be copied is
copied, and the report lists what was skipped and why. One summary event
``schedule.timetable.copied`` joins the per-entry events ``place_entries`` records.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from hemis.academics.models import Semester
from hemis.audit import services as audit
from hemis.core.calendar import WorkingCalendar
from hemis.core.models import WEEKDAYS
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import LessonKind, LessonStatus, Weeks
from hemis.schedule.models import EntryGroup, Lesson, LessonGroup, TimetableEntry
from hemis.schedule.services.entries import EntrySpec, loads_held, place_entries, week_number, week_start
from hemis.schedule.services.placement import Attendee, subject_label
from hemis.staff.models import Employee

WEEKDAY_NAMES = dict(WEEKDAYS)


@dataclass(frozen=True)
class Skipped:
    what: str  # "Oliy matematika (lecture), Monday, pair 1"
    reason: str


@dataclass
class CopyReport:
    copied: list[TimetableEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _what(subject, training_type: str, weekday: int, pair: int) -> str:
    kind = TrainingType(training_type).label.lower()
    return _("%(subject)s (%(kind)s), %(weekday)s, pair %(pair)s") % {
        "subject": subject.name,
        "kind": kind,
        "weekday": WEEKDAY_NAMES[weekday],
        "pair": pair,
    }


def _place(spec: EntrySpec, what: str, report: CopyReport, actor) -> bool:
    """Place one entry in its own savepoint; a refusal goes into the report, the copy goes on."""
    try:
        [entry] = place_entries(specs=[spec], actor=actor)
    except ValidationError as error:
        report.skipped.append(Skipped(what, " ".join(error.messages)))
        return False
    report.copied.append(entry)
    return True


def _teachers_by_load(semester: Semester, group_ids: set[int]) -> dict[tuple, set[int]]:
    """(group id, subject id, lesson type) -> ids of the teachers holding that load in ``semester``."""
    out: dict[tuple, set[int]] = {}
    for teacher_id, training_type, subject_id, group_id in loads_held(semester, group_ids):
        out.setdefault((group_id, subject_id, training_type), set()).add(teacher_id)
    return out


def _teacher_for(entry: TimetableEntry, group, held: dict[tuple, set[int]]):
    """The teacher the copy of ``entry`` gets for ``group``, or the reason there is none."""
    teachers = held.get((group.pk, entry.subject_id, entry.training_type), set())
    if entry.teacher_id in teachers:
        return entry.teacher_id, None
    if len(teachers) == 1:
        return next(iter(teachers)), None
    what = subject_label(entry.subject, entry.get_training_type_display())
    if not teachers:
        return None, _("Group %(group)s has no teacher for %(what)s in the target semester.") % {
            "group": group.name,
            "what": what,
        }
    return None, _(
        "Several teachers hold %(what)s for group %(group)s in the target semester; add the entry by hand."
    ) % {"group": group.name, "what": what}


def _entries_of(semester: Semester, group) -> set[tuple]:
    """(subject, lesson type, weekday, pair) of ``group``'s entries in ``semester``."""
    return set(
        TimetableEntry.objects.filter(semester=semester, groups__group=group).values_list(
            "subject_id", "training_type", "weekday", "pair"
        )
    )


@transaction.atomic
def copy_timetable(*, group, source: Semester, target: Semester, actor) -> CopyReport:
    """Copy ``group``'s entries of ``source`` into ``target`` where the group holds the same subject
    and lesson type there. The teacher stays when they hold the load in ``target``, else the one
    teacher who does; a stream keeps its other groups that the teacher teaches in ``target``.
    Entries that ended early (moved from a date on) are not copied: their successors are."""
    if source.pk == target.pk:
        raise ValidationError({"source": [_("Choose another semester to copy from.")]})
    groups = EntryGroup.objects.select_related("group", "subgroup").prefetch_related("group__subgroups")
    entries = list(
        TimetableEntry.objects.filter(semester=source, groups__group=group)
        .select_related("subject", "teacher", "room")
        .prefetch_related(Prefetch("groups", queryset=groups))
        .order_by("weekday", "pair", "pk")
    )
    group_ids = {g.group_id for e in entries for g in e.groups.all()}
    held = _teachers_by_load(target, group_ids | {group.pk})
    teachers = Employee.objects.in_bulk({t for ts in held.values() for t in ts})
    there = _entries_of(target, group)
    report = CopyReport()
    for entry in entries:
        what = _what(entry.subject, entry.training_type, entry.weekday, entry.pair)
        if entry.valid_until and entry.valid_until < source.end_date:
            reason = _("It ended on %(date)s; the entry that replaced it is copied.") % {
                "date": f"{entry.valid_until:%d.%m.%Y}"
            }
            report.skipped.append(Skipped(what, reason))
            continue
        if (entry.subject_id, entry.training_type, entry.weekday, entry.pair) in there:
            report.skipped.append(Skipped(what, _("It is already in the timetable of the target semester.")))
            continue
        teacher_id, reason = _teacher_for(entry, group, held)
        if reason:
            report.skipped.append(Skipped(what, reason))
            continue
        attendees = [
            Attendee(g.group, g.subgroup)
            for g in entry.groups.all()
            if g.group_id == group.pk
            or teacher_id in held.get((g.group_id, entry.subject_id, entry.training_type), set())
        ]
        attendees.sort(key=lambda a: a.group.pk != group.pk)
        spec = EntrySpec(
            semester=target,
            subject=entry.subject,
            training_type=entry.training_type,
            teacher=teachers[teacher_id],
            room=entry.room,
            weekday=entry.weekday,
            pair=entry.pair,
            attendees=attendees,
            weeks=entry.weeks,
            week_numbers=list(entry.week_numbers),
        )
        if _place(spec, what, report, actor):
            there.add((entry.subject_id, entry.training_type, entry.weekday, entry.pair))
    _record(actor, group, report, {"kind": "semester", "source": source.pk, "target": target.pk})
    return report


def _record(actor, group, report: CopyReport, data: dict) -> None:
    audit.record(
        actor=actor,
        action="schedule.timetable.copied",
        target=group,
        data={
            **data,
            "copied": [e.pk for e in report.copied],
            "skipped": [{"what": s.what, "reason": s.reason} for s in report.skipped],
        },
    )


def _week_errors(semester: Semester, from_week: int, to_weeks: list[int]) -> dict[str, list[str]]:
    last = week_number(semester, semester.end_date)
    errors: dict[str, list[str]] = {}
    if not 1 <= from_week <= last:
        errors["from_week"] = [_("The semester has weeks 1 to %(last)s.") % {"last": last}]
    if not to_weeks:
        errors["to_weeks"] = [_("List the weeks to copy into.")]
    elif any(not 1 <= n <= last for n in to_weeks):
        errors["to_weeks"] = [_("The semester has weeks 1 to %(last)s.") % {"last": last}]
    elif from_week in to_weeks:
        errors["to_weeks"] = [_("A week cannot be copied into itself.")]
    return errors


@transaction.atomic
def copy_week(*, group, semester: Semester, from_week: int, to_weeks: list[int], actor) -> CopyReport:
    """Copy the lessons ``group`` has in week ``from_week`` of ``semester`` (as held: moved lessons
    at their new date and pair, cancelled ones left out) into ``to_weeks``, each as an entry that runs
    in the listed weeks."""
    to_weeks = sorted(set(to_weeks))
    errors = _week_errors(semester, from_week, to_weeks)
    if errors:
        raise ValidationError(errors)
    first = week_start(semester, from_week)
    attendees = LessonGroup.objects.select_related("group", "subgroup").prefetch_related("group__subgroups")
    lessons = list(
        Lesson.objects.filter(
            semester=semester,
            kind=LessonKind.LESSON,
            status=LessonStatus.SCHEDULED,
            date__gte=first,
            date__lte=first + dt.timedelta(days=6),
            attendees__group=group,
        )
        .select_related("subject", "teacher", "room")
        .prefetch_related(Prefetch("attendees", queryset=attendees))
        .order_by("date", "pair", "pk")
    )
    calendar = WorkingCalendar()
    report = CopyReport()
    for lesson in lessons:
        weekday = calendar.timetable_weekday(lesson.date) or lesson.date.isoweekday()
        spec = EntrySpec(
            semester=semester,
            subject=lesson.subject,
            training_type=lesson.training_type,
            teacher=lesson.teacher,
            room=lesson.room,
            weekday=weekday,
            pair=lesson.pair,
            attendees=sorted(
                (Attendee(a.group, a.subgroup) for a in lesson.attendees.all()),
                key=lambda a: a.group.pk != group.pk,
            ),
            weeks=Weeks.LIST,
            week_numbers=to_weeks,
        )
        _place(spec, _what(lesson.subject, lesson.training_type, weekday, lesson.pair), report, actor)
    _record(
        actor,
        group,
        report,
        {"kind": "week", "semester": semester.pk, "from_week": from_week, "to_weeks": to_weeks},
    )
    return report
