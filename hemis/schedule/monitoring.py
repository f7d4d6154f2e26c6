"""Reads of timetable coverage (annex 4 item 10) and of the control-schedule deadlines (annex 5 item 10):
what the academic department's monitoring page and the compliance evaluators see.

A group's timetable of a semester is measured against its bound subjects (``students.GroupSubject``):
for every bound subject and lesson type the curriculum gives hours (``curricula.SubjectLoad``), the
hours its dated lessons give — scheduled lessons (not cancelled, not controls) of the group, a pair
being two academic hours; a subgroup's lesson gives the group 2 / (number of its subgroups) hours,
so two subgroups' labs of one pair each make one pair of the group. Independent study and course work
are never on a timetable and are not measured.

- none: no bound subject has a scheduled hour yet; incomplete: some lesson type of a subject has
  fewer hours than the curriculum; complete: every one has at least its curriculum hours.

Everything is computed in a fixed number of aggregate queries, whatever the number of groups.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Min, Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemis.academics import selectors as academics_selectors
from hemis.academics.models import Semester, Subject
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import PAIR_HOURS, ControlPublication, EntryGroup, LessonGroup
from hemis.students.models import Group, GroupSubject, Subgroup

# The lesson types a timetable holds (independent study and course work are the students' own work).
TIMETABLED = frozenset(
    {
        TrainingType.LECTURE,
        TrainingType.LABORATORY,
        TrainingType.PRACTICAL,
        TrainingType.SEMINAR,
        TrainingType.TRAINING,
    }
)


class Coverage(TextChoices):
    NONE = "none", _("No timetable")
    INCOMPLETE = "incomplete", _("Incomplete")
    COMPLETE = "complete", _("Complete")


WORST_FIRST = {Coverage.NONE: 0, Coverage.INCOMPLETE: 1, Coverage.COMPLETE: 2}


def hours_text(hours: Fraction) -> str:
    """12, or 12.7 when subgroups make a fraction of an hour."""
    if hours.denominator == 1:
        return str(hours.numerator)
    return f"{float(hours):.1f}"


@dataclass
class Line:
    """One bound subject and lesson type of a group: curriculum hours against scheduled hours."""

    subject: Subject
    training_type: str
    planned: int
    scheduled: Fraction = Fraction(0)
    first_entry_at: dt.datetime | None = None  # when its first timetable entry was made

    @property
    def complete(self) -> bool:
        return self.scheduled >= self.planned

    @property
    def missing(self) -> Fraction:
        return max(Fraction(self.planned) - self.scheduled, Fraction(0))

    @property
    def training_type_label(self) -> str:
        return TrainingType(self.training_type).label

    @property
    def scheduled_text(self) -> str:
        return hours_text(self.scheduled)


@dataclass
class GroupCoverage:
    group: Group
    semester_id: int
    lines: list[Line] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return sum(line.planned for line in self.lines)

    @property
    def scheduled(self) -> Fraction:
        return sum((line.scheduled for line in self.lines), Fraction(0))

    @property
    def covered(self) -> Fraction:
        """Scheduled hours that count towards the curriculum (no more than each line's hours)."""
        return sum((min(line.scheduled, Fraction(line.planned)) for line in self.lines), Fraction(0))

    @property
    def percent(self) -> int:
        return 100 if not self.planned else int(self.covered * 100 / self.planned)

    @property
    def state(self) -> str:
        if all(line.complete for line in self.lines):
            return Coverage.COMPLETE
        if not any(line.scheduled for line in self.lines):
            return Coverage.NONE
        return Coverage.INCOMPLETE

    @property
    def state_label(self) -> str:
        return Coverage(self.state).label

    @property
    def built_at(self) -> dt.datetime | None:
        """When every line had its first timetable entry (None while one has none)."""
        firsts = [line.first_entry_at for line in self.lines]
        if not firsts or None in firsts:
            return None
        return max(firsts)

    @property
    def scheduled_text(self) -> str:
        return hours_text(self.scheduled)

    @property
    def incomplete_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.complete]


def worst_first(rows: list[GroupCoverage]) -> list[GroupCoverage]:
    return sorted(
        rows, key=lambda row: (WORST_FIRST[row.state], row.covered / (row.planned or 1), row.group.name)
    )


def _planned(bindings: QuerySet[GroupSubject]) -> dict[tuple[int, int], dict[tuple[int, str], int]]:
    """(group, semester) → (subject, lesson type) → curriculum hours, of the timetabled lesson types."""
    rows = bindings.order_by().values_list(
        "group_id",
        "semester_id",
        "curriculum_subject__subject_id",
        "curriculum_subject__loads__training_type",
        "curriculum_subject__loads__hours",
    )
    out: dict[tuple[int, int], dict[tuple[int, str], int]] = defaultdict(dict)
    for group_id, semester_id, subject_id, training_type, hours in rows:
        lines = out[(group_id, semester_id)]  # a group with bound subjects, even without timetabled hours
        if training_type in TIMETABLED and hours:
            key = (subject_id, training_type)
            lines[key] = lines.get(key, 0) + hours
    return out


def _scheduled(bindings: QuerySet[GroupSubject]) -> dict[tuple[int, int, int, str], Fraction]:
    """(group, semester, subject, lesson type) → hours of the group's scheduled lessons."""
    subgroups = dict(
        Subgroup.objects.filter(group_id__in=bindings.values("group_id"))
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    rows = (
        LessonGroup.objects.filter(
            group_id__in=bindings.values("group_id"),
            lesson__semester_id__in=bindings.values("semester_id"),
            lesson__kind=LessonKind.LESSON,
            lesson__status=LessonStatus.SCHEDULED,
        )
        .values("group_id", "lesson__semester_id", "lesson__subject_id", "lesson__training_type")
        .annotate(
            whole=Count("pk", filter=Q(subgroup__isnull=True)),
            parts=Count("pk", filter=Q(subgroup__isnull=False)),
        )
    )
    out = {}
    for row in rows:
        hours = Fraction(PAIR_HOURS * row["whole"])
        if row["parts"]:
            hours += Fraction(PAIR_HOURS * row["parts"], subgroups.get(row["group_id"]) or 1)
        key = (
            row["group_id"],
            row["lesson__semester_id"],
            row["lesson__subject_id"],
            row["lesson__training_type"],
        )
        out[key] = hours
    return out


def _first_entries(bindings: QuerySet[GroupSubject]) -> dict[tuple[int, int, int, str], dt.datetime]:
    """(group, semester, subject, lesson type) → when its first timetable entry was made."""
    rows = (
        EntryGroup.objects.filter(
            group_id__in=bindings.values("group_id"), entry__semester_id__in=bindings.values("semester_id")
        )
        .values("group_id", "entry__semester_id", "entry__subject_id", "entry__training_type")
        .annotate(first=Min("entry__created_at"))
    )
    return {
        (r["group_id"], r["entry__semester_id"], r["entry__subject_id"], r["entry__training_type"]): r[
            "first"
        ]
        for r in rows
    }


def _coverage(bindings: QuerySet[GroupSubject], *, with_entries: bool = False) -> list[GroupCoverage]:
    planned = _planned(bindings)
    if not planned:
        return []
    groups = Group.objects.select_related("faculty").in_bulk({g for g, _s in planned})
    subjects = Subject.objects.in_bulk({s for lines in planned.values() for s, _t in lines})
    scheduled = _scheduled(bindings)
    firsts = _first_entries(bindings) if with_entries else {}
    out = []
    for (group_id, semester_id), lines in planned.items():
        row = GroupCoverage(group=groups[group_id], semester_id=semester_id)
        for (subject_id, training_type), hours in sorted(
            lines.items(), key=lambda item: (subjects[item[0][0]].code, item[0][1])
        ):
            key = (group_id, semester_id, subject_id, training_type)
            row.lines.append(
                Line(
                    subject=subjects[subject_id],
                    training_type=training_type,
                    planned=hours,
                    scheduled=scheduled.get(key, Fraction(0)),
                    first_entry_at=firsts.get(key),
                )
            )
        out.append(row)
    return out


# --- the monitoring page --------------------------------------------------------------------------


def monitored_semester(today: dt.date | None = None) -> Semester | None:
    """The current semester, else the one holding today."""
    current = academics_selectors.current_semester()
    if current is not None:
        return current
    today = today or timezone.localdate()
    semesters = Semester.objects.select_related("academic_year")
    return semesters.filter(start_date__lte=today, end_date__gte=today).first()


def group_coverage(*, faculties: QuerySet, semester: Semester) -> list[GroupCoverage]:
    """Every active group of ``faculties`` with subjects bound for ``semester``, worst first."""
    bindings = GroupSubject.objects.filter(
        semester=semester, group__is_active=True, group__faculty__in=faculties.values("pk")
    )
    return worst_first(_coverage(bindings))


@dataclass
class FacultyLine:
    faculty: object  # org.OrgUnit
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def faculty_summary(faculties, rows: list[GroupCoverage]) -> list[FacultyLine]:
    """Per faculty (of ``faculties``, in their order), its groups by state."""
    out = {f.pk: FacultyLine(faculty=f, counts=dict.fromkeys(Coverage.values, 0)) for f in faculties}
    for row in rows:
        line = out.get(row.group.faculty_id)
        if line is not None:
            line.counts[row.state] += 1
    return list(out.values())


# --- the compliance evaluators (annex 4 item 10, annex 5 items 9 and 10) --------------------------


def coverage_for_compliance() -> list[GroupCoverage]:
    """Every group (active or closed) and semester it had subjects bound for, with the hours and the
    time each line got its first timetable entry."""
    return _coverage(GroupSubject.objects.all(), with_entries=True)


@dataclass(frozen=True)
class ControlDeadline:
    group: Group
    semester_id: int
    control_week_start: dt.date
    published_at: dt.datetime | None


def control_deadlines() -> list[ControlDeadline]:
    """Every group and semester it had subjects bound for whose curriculum semester has an examination
    week: the first such week's start, and when the group's control schedule was published."""
    # A group's subjects of a semester mostly share one curriculum semester: the database dedupes.
    pairs = (
        GroupSubject.objects.order_by()
        .values_list("group_id", "semester_id", "curriculum_subject__semester_id")
        .distinct()
    )
    exams = dict(
        CurriculumWeek.objects.filter(kind=WeekKind.EXAMS)
        .values("semester_id")
        .annotate(first=Min("start_date"))
        .values_list("semester_id", "first")
    )
    starts: dict[tuple[int, int], dt.date] = {}
    for group_id, semester_id, curriculum_semester_id in pairs:
        first = exams.get(curriculum_semester_id)
        if first is not None:
            key = (group_id, semester_id)
            starts[key] = min(first, starts.get(key, first))
    if not starts:
        return []
    published = {
        (g, s): at
        for g, s, at in ControlPublication.objects.values_list("group_id", "semester_id", "published_at")
    }
    groups = Group.objects.select_related("faculty").in_bulk({g for g, _s in starts})
    return [
        ControlDeadline(groups[g], s, start, published.get((g, s)))
        for (g, s), start in sorted(starts.items(), key=lambda item: (groups[item[0][0]].name, item[0][1]))
    ]
