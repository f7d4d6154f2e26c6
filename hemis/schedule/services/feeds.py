"""Personal calendar feeds: a teacher's or a student's lessons as an ``.ics`` file at a secret address
that calendar applications subscribe to without logging in, and that its owner can reset."""

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from hemis.audit import services as audit
from hemis.schedule.enums import LessonStatus
from hemis.schedule.feeds_selectors import feed_lessons, groups_label, place_label
from hemis.schedule.models import CalendarFeed, Lesson
from hemis.schedule.services.placement import lesson_label

PRODID = "-//OpenHEMIS//Timetable//UZ"


def new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_for(user) -> CalendarFeed:
    """``user``'s calendar feed, made with a fresh secret token the first time it is asked for."""
    feed, created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": new_token(), "created_by": user}
    )
    if created:
        audit.record(actor=user, action="schedule.feed.created", target=feed, data={"user": user.pk})
    return feed


@transaction.atomic
def reset_feed(*, user, actor) -> CalendarFeed:
    """Give ``user``'s feed a new secret token: the old address stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user, created_by=actor)
    feed.token = new_token()
    feed.save()
    # The token itself is a secret: the journal keeps only that it changed.
    audit.record(actor=actor, action="schedule.feed.reset", target=feed, data={"user": user.pk})
    return feed


def _event(lesson: Lesson, *, tz: ZoneInfo, host: str) -> Event:
    lines = [
        _("Teacher: %(name)s") % {"name": lesson.teacher.short_name},
        _("Groups: %(groups)s") % {"groups": groups_label(lesson)},
    ]
    if lesson.status == LessonStatus.CANCELLED:
        lines.append(_("Cancelled: %(reason)s") % {"reason": lesson.cancel_reason})
    return Event.new(
        uid=f"lesson-{lesson.pk}@{host}",
        start=dt.datetime.combine(lesson.date, lesson.start_time, tzinfo=tz),
        end=dt.datetime.combine(lesson.date, lesson.end_time, tzinfo=tz),
        stamp=lesson.updated_at,
        last_modified=lesson.updated_at,
        summary=lesson_label(lesson),
        location=place_label(lesson),
        description="\n".join(lines),
        status="CANCELLED" if lesson.status == LessonStatus.CANCELLED else "CONFIRMED",
    )


def calendar_bytes(user, *, host: str = "openhemis", today: dt.date | None = None) -> bytes:
    """The ``.ics`` of ``user``'s lessons and controls of the current and the next semester: one
    event per dated lesson, its UID stable (``lesson-<id>@<host>``), times in the university's zone
    with its VTIMEZONE, a cancelled lesson kept with STATUS:CANCELLED so that calendars drop it."""
    tz = ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"timetable-{user.pk}@{host}",
        name=_("Timetable"),
        refresh_interval=dt.timedelta(hours=6),
    )
    lessons = feed_lessons(user, today)
    for lesson in lessons:
        calendar.add_component(_event(lesson, tz=tz, host=host))
    if lessons:
        # The zone's rules over the feed's span only, not its history since 1970.
        calendar.add_missing_timezones(
            first_date=lessons[0].date, last_date=lessons[-1].date + dt.timedelta(days=1)
        )
    return calendar.to_ical()
