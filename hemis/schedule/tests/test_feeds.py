"""Personal calendar feeds: the token, its reset, and the ``.ics`` read back with icalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from hemis.audit.models import AuditEvent
from hemis.schedule.feeds_selectors import person_lessons
from hemis.schedule.models import CalendarFeed
from hemis.schedule.services import controls, lessons
from hemis.schedule.services import feeds as svc
from hemis.testing.schedule import add_control, add_entry, add_lab, with_login

D = dt.date
TASHKENT = ZoneInfo("Asia/Tashkent")
SPRING = D(2027, 2, 1)


def events(user, today=SPRING):
    return Calendar.from_ical(svc.calendar_bytes(user, today=today)).events


@pytest.fixture
def karimov_user(world):
    return with_login(world.karimov, "karimov")


@pytest.fixture
def student_a(world):
    """A KT-21 student in laboratory subgroup 1."""
    return with_login(world.sub_a.students.order_by("pk").first(), "talaba_a")


def test_teacher_feed_has_one_event_per_lesson_in_tashkent_time(world, dean_chemistry, karimov_user):
    lecture = add_entry(world, dean_chemistry)
    first = lecture.lessons.get(date=D(2027, 2, 1))
    found = events(karimov_user)
    assert len(found) == lecture.lessons.count() == 15
    event = found[0]
    assert str(event["UID"]) == f"lesson-{first.pk}@openhemis"
    assert event.start == dt.datetime(2027, 2, 1, 8, 30, tzinfo=TASHKENT)
    assert event.start.tzinfo.key == "Asia/Tashkent"
    assert event.end == dt.datetime(2027, 2, 1, 9, 50, tzinfo=TASHKENT)
    assert str(event["SUMMARY"]) == "Oliy matematika (lecture)"
    assert str(event["LOCATION"]) == "301, Bosh bino"
    assert str(event["DESCRIPTION"]) == "Teacher: Karimov A.\nGroups: KT-21, KT-22"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in Calendar.from_ical(svc.calendar_bytes(karimov_user)).timezones] == [
        "Asia/Tashkent"
    ]


def test_uid_is_stable_and_the_host_is_used(world, dean_chemistry, karimov_user):
    add_entry(world, dean_chemistry)
    once = svc.calendar_bytes(karimov_user, host="hemis.tdtu.uz", today=SPRING)
    again = svc.calendar_bytes(karimov_user, host="hemis.tdtu.uz", today=SPRING)
    uids = [str(e["UID"]) for e in Calendar.from_ical(once).events]
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(again).events]
    assert all(uid.startswith("lesson-") and uid.endswith("@hemis.tdtu.uz") for uid in uids)


def test_cancelled_lesson_stays_with_status_cancelled(world, dean_chemistry, karimov_user):
    lecture = add_entry(world, dean_chemistry)
    lesson = lecture.lessons.get(date=D(2027, 2, 8))
    lessons.cancel_lesson(lesson=lesson, reason="Konferensiya", actor=dean_chemistry)
    by_uid = {str(e["UID"]): e for e in events(karimov_user)}
    cancelled = by_uid[f"lesson-{lesson.pk}@openhemis"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["DESCRIPTION"]).endswith("\nCancelled: Konferensiya")
    assert [str(e["STATUS"]) for e in by_uid.values()].count("CANCELLED") == 1


def test_student_sees_their_subgroup_lab_but_not_the_other(world, dean_chemistry, student_a):
    add_entry(world, dean_chemistry)
    mine = add_lab(world, dean_chemistry, world.sub_a, pair=1)
    other = add_lab(world, dean_chemistry, world.sub_b, pair=2)
    wednesday = [e for e in events(student_a) if e.start.date() == D(2027, 2, 3)]
    assert [(str(e["UID"]), str(e["SUMMARY"])) for e in wednesday] == [
        (f"lesson-{mine.lessons.get(date=D(2027, 2, 3)).pk}@openhemis", "Fizika (laboratory)")
    ]
    assert str(wednesday[0]["DESCRIPTION"]) == "Teacher: Rahimova D.\nGroups: KT-21 (1)"
    found = {str(e["UID"]) for e in events(student_a)}
    assert not {f"lesson-{pk}@openhemis" for pk in other.lessons.values_list("pk", flat=True)} & found
    assert len(found) == 15 + mine.lessons.count()


def test_student_sees_a_control_only_once_published(world, dean_chemistry, student_a, karimov_user):
    control = add_control(world, dean_chemistry, date=D(2027, 6, 10))
    uid = f"lesson-{control.pk}@openhemis"
    assert uid not in {str(e["UID"]) for e in events(student_a)}
    # The examiner has it on their calendar from the start.
    assert uid in {str(e["UID"]) for e in events(karimov_user)}
    controls.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    [event] = [e for e in events(student_a) if str(e["UID"]) == uid]
    assert str(event["SUMMARY"]) == "Oliy matematika (final control)"
    assert event.start == dt.datetime(2027, 6, 10, 11, 30, tzinfo=TASHKENT)


def test_feed_spans_the_current_and_the_next_semester(world, dean_chemistry, karimov_user):
    add_entry(world, dean_chemistry)
    # In the autumn semester the spring one is next: its lessons are in the feed already.
    assert len(events(karimov_user, today=D(2026, 12, 5))) == 15
    # After the spring semester, with none after it, there is nothing to show.
    assert events(karimov_user, today=D(2027, 7, 1)) == []


def test_person_lessons_of_someone_without_lessons_is_empty(world, dean_chemistry, outsider):
    add_entry(world, dean_chemistry)
    assert not person_lessons(outsider).exists()
    assert events(outsider) == []


def test_feed_is_made_once_with_a_secret_token_and_audited(world, karimov_user):
    feed = svc.feed_for(karimov_user)
    assert len(feed.token) == 43
    assert svc.feed_for(karimov_user).token == feed.token
    assert CalendarFeed.objects.count() == 1
    event = AuditEvent.objects.get(action="schedule.feed.created")
    assert (event.actor_id, event.data) == (karimov_user.pk, {"user": karimov_user.pk})
    assert feed.token not in str(event.data)


def test_reset_changes_the_token_and_the_old_address_stops_working(world, client, karimov_user):
    old = svc.feed_for(karimov_user).token
    assert client.get(reverse("web:schedule_feed", args=[old])).status_code == 200
    feed = svc.reset_feed(user=karimov_user, actor=karimov_user)
    assert feed.token != old
    assert CalendarFeed.objects.get(user=karimov_user).token == feed.token
    assert client.get(reverse("web:schedule_feed", args=[old])).status_code == 404
    assert client.get(reverse("web:schedule_feed", args=[feed.token])).status_code == 200
    event = AuditEvent.objects.get(action="schedule.feed.reset")
    assert event.data == {"user": karimov_user.pk}
    assert old not in str(event.data) and feed.token not in str(event.data)


def test_feed_of_a_deactivated_user_is_gone(world, client, karimov_user):
    token = svc.feed_for(karimov_user).token
    karimov_user.is_active = False
    karimov_user.save(update_fields=["is_active"])
    response = client.get(reverse("web:schedule_feed", args=[token]))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content
    # The feed is kept as it was: reactivated, the user's old address works again.
    assert CalendarFeed.objects.get(user=karimov_user).token == token
