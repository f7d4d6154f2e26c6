"""Reads of a person's calendar feed. The feed asks by user rather than by principal (a calendar
application has no active role), so it takes both ``selectors.taught_lessons`` and
``selectors.attended_lessons`` — the rule the policy applies to a teacher's and a student's role."""

import datetime as dt

from django.db.models import QuerySet

from hemis.academics.models import Semester
from hemis.schedule.models import CalendarFeed, Lesson
from hemis.schedule.selectors import attended_lessons, semester_on, taught_lessons, with_details


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
    return ", ".join(row.label for row in lesson.attendees.all())


def place_label(lesson: Lesson) -> str:
    """ "204, Bosh bino": the room and its building."""
    return f"{lesson.room.number}, {lesson.room.building.name}"
