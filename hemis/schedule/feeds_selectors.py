"""Reads of a person's own timetable. The rule of what a teacher and a student read of the lessons is
here, once: ``hemis.access.policy.schedule`` answers a teacher's or a student's role with
``taught_lessons`` or ``attended_lessons``, and the ``.ics`` feed, which asks by user rather than by
principal (a calendar application has no active role), with ``person_lessons``, both of them."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from hemis.academics.models import Semester
from hemis.schedule.enums import LessonKind
from hemis.schedule.models import CalendarFeed, Lesson, LessonGroup
from hemis.schedule.selectors import semester_on


def taught_lessons(user) -> QuerySet[Lesson]:
    """Lessons and controls ``user`` teaches or examines (published or not)."""
    return Lesson.objects.filter(teacher__user=user)


def attended_lessons(user) -> QuerySet[Lesson]:
    """A student's: their group's lessons (a subgroup's only for its members) and its published
    controls."""
    mine = Q(attendees__group__students__user=user) & (
        Q(attendees__subgroup__isnull=True) | Q(attendees__subgroup__students__user=user)
    )
    shown = Q(kind=LessonKind.LESSON) | Q(published_at__isnull=False)
    return Lesson.objects.filter(pk__in=Lesson.objects.filter(mine & shown).values("pk"))


def person_lessons(user) -> QuerySet[Lesson]:
    """Lessons and controls of ``user`` whatever their role: taught and attended."""
    return taught_lessons(user) | attended_lessons(user)


def feed_semesters(today: dt.date) -> list[Semester]:
    """The semester holding ``today`` (or the next to start) and the one after it."""
    current = semester_on(today)
    if current is None:
        return []
    following = Semester.objects.filter(start_date__gt=current.start_date).order_by("start_date").first()
    return [current, following] if following else [current]


def with_details(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    """``lessons`` with what a printout or a calendar event shows, in date and pair order."""
    attendees = LessonGroup.objects.select_related("group", "subgroup").order_by("group__name")
    return (
        lessons.select_related("subject", "teacher", "room", "room__building")
        .prefetch_related(Prefetch("attendees", queryset=attendees))
        .order_by("date", "pair", "pk")
    )


def feed_lessons(user, today: dt.date) -> list[Lesson]:
    """``user``'s lessons and controls of the current and the next semester (three queries)."""
    semesters = feed_semesters(today)
    if not semesters:
        return []
    return list(with_details(person_lessons(user).filter(semester__in=semesters)))


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed of an active user with this secret token."""
    return CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()


def groups_label(lesson: Lesson) -> str:
    """ "KT-21 (1), KT-22": who attends (needs the prefetched attendees)."""
    return ", ".join(
        row.group.name if row.subgroup is None else f"{row.group.name} ({row.subgroup.name})"
        for row in lesson.attendees.all()
    )


def place_label(lesson: Lesson) -> str:
    """ "204, Bosh bino": the room and its building."""
    return f"{lesson.room.number}, {lesson.room.building.name}"
