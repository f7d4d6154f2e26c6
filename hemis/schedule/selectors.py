"""Reads of the timetable: a week of dated lessons laid out by day and pair, in a bounded number of
queries whatever the size of the university (one for the lessons, one for their groups, one for the
pairs)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from hemis.academics.models import LessonPair, Semester
from hemis.schedule.enums import LessonKind
from hemis.schedule.models import Lesson, LessonGroup

ONE_DAY = dt.timedelta(days=1)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def taught_lessons(user) -> QuerySet[Lesson]:
    """Lessons and controls ``user`` teaches or examines (published or not): a teacher's own."""
    return Lesson.objects.filter(teacher__user=user)


def attended_lessons(user) -> QuerySet[Lesson]:
    """A student's own: their group's lessons (a subgroup's only for its members) and its published
    controls."""
    mine = Q(attendees__group__students__user=user) & (
        Q(attendees__subgroup__isnull=True) | Q(attendees__subgroup__students__user=user)
    )
    shown = Q(kind=LessonKind.LESSON) | Q(published_at__isnull=False)
    return Lesson.objects.filter(pk__in=Lesson.objects.filter(mine & shown).values("pk"))


def with_details(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    """``lessons`` with what a page, a printout or a calendar event shows, in date and pair order."""
    attendees = LessonGroup.objects.select_related("group", "subgroup").order_by("group__name")
    return (
        lessons.select_related("subject", "teacher", "room", "room__building")
        .prefetch_related(Prefetch("attendees", queryset=attendees))
        .order_by("date", "pair", "pk")
    )


def lessons_between(lessons: QuerySet[Lesson], first: dt.date, last: dt.date) -> QuerySet[Lesson]:
    """``lessons`` (already scoped by the policy) dated in [first, last], with what a page shows."""
    return with_details(lessons.filter(date__gte=first, date__lte=last))


@dataclass
class Day:
    date: dt.date
    cells: dict[int, list[Lesson]] = field(default_factory=dict)  # pair number -> lessons


@dataclass
class Week:
    monday: dt.date
    days: list[Day]
    pairs: list[LessonPair]
    semester: Semester | None

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for day in self.days for pair in sorted(day.cells) for lesson in day.cells[pair]]

    @property
    def is_empty(self) -> bool:
        return not any(day.cells for day in self.days)


def semester_on(day: dt.date) -> Semester | None:
    """The semester holding ``day`` (the nearest one starting after it, between semesters)."""
    semester = (
        Semester.objects.filter(start_date__lte=day, end_date__gte=day)
        .select_related("academic_year")
        .first()
    )
    if semester is None:
        semester = (
            Semester.objects.filter(start_date__gt=day)
            .select_related("academic_year")
            .order_by("start_date")
            .first()
        )
    return semester


def semester_of_week(monday: dt.date) -> Semester | None:
    """The semester a week belongs to: the one holding its Wednesday (a week that straddles a
    semester's first or last day goes with the part of it that has the midweek)."""
    return semester_on(monday + dt.timedelta(days=2))


def week(lessons: QuerySet[Lesson], monday: dt.date, *, days: int = 6) -> Week:
    """The week from ``monday`` of ``lessons`` (a policy-scoped queryset), Monday to Saturday by
    default (Sunday too when ``days`` is 7 or a lesson falls on it)."""
    monday = monday_of(monday)
    semester = semester_of_week(monday)
    rows = list(lessons_between(lessons, monday, monday + dt.timedelta(days=6)))
    by_day: dict[dt.date, dict[int, list[Lesson]]] = defaultdict(lambda: defaultdict(list))
    for lesson in rows:
        by_day[lesson.date][lesson.pair].append(lesson)
    if any(lesson.date.isoweekday() == 7 for lesson in rows):
        days = 7
    pairs = list(LessonPair.objects.filter(academic_year_id=semester.academic_year_id)) if semester else []
    return Week(
        monday=monday,
        days=[Day(monday + ONE_DAY * i, dict(by_day.get(monday + ONE_DAY * i, {}))) for i in range(days)],
        pairs=pairs,
        semester=semester,
    )


def group_lessons(lessons: QuerySet[Lesson], group) -> QuerySet[Lesson]:
    """Of ``lessons``, those of ``group`` (whole-group and subgroup lessons)."""
    return lessons.filter(pk__in=LessonGroup.objects.filter(group=group).values("lesson_id"))


def teacher_lessons(lessons: QuerySet[Lesson], teacher) -> QuerySet[Lesson]:
    return lessons.filter(teacher=teacher)


def room_lessons(lessons: QuerySet[Lesson], room) -> QuerySet[Lesson]:
    return lessons.filter(room=room)
