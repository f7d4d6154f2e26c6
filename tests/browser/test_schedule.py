"""The dean's office builds a group's week in a real browser, a clashing entry is refused with the
clash named and nothing added, and a student of the group then reads the week on a phone-sized
screen, the days stacked as cards with no sideways scrolling (issue 11, annex 5 item 9)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad, TimetableEntry
from hemis.testing import factories as f
from hemis.testing.schedule import build_world
from tests.browser.conftest import TIMEOUT_MS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def messages(page) -> list[str]:
    return page.locator(".messages .message").all_inner_texts()


def add_entry(page, load: TeachingLoad, room, weekday: int, pair: int, streams=()) -> None:
    page.select_option("#id_load", str(load.pk))
    page.select_option("#id_room", str(room.pk))
    page.select_option("#id_weekday", str(weekday))
    page.select_option("#id_pair", str(pair))
    if streams:
        page.select_option("#id_streams", [str(g.pk) for g in streams])
    with page.expect_navigation():
        page.click("[data-testid=add-entry]")


def test_dean_builds_a_week_a_clash_is_refused_the_student_reads_it_on_a_phone(
    page, browser, live_server, uni, dean_chemistry
):
    world = build_world(uni)
    student = f.StudentFactory(
        user=f.UserFactory(username="kt21talaba", first_name="Malika", last_name="Tosheva"), group=world.kt21
    )
    lecture = TeachingLoad.objects.get(
        group_subject=world.bindings[("KT-21", "MAT204")], training_type=TrainingType.LECTURE
    )
    physics = TeachingLoad.objects.get(
        group_subject=world.bindings[("KT-21", "FIZ204")], training_type=TrainingType.LECTURE
    )

    errors: list[str] = []  # a CSP violation (an inline style or script) shows as a console error
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # 1. The dean opens KT-21's first week of the spring semester and adds the stream lecture.
    login(page, live_server, "dean_chem")
    page.goto(f"{live_server.url}/schedule/groups/{world.kt21.pk}/?week=01.02.2027")
    assert page.locator("h1").inner_text() == uz("Timetable of group %(name)s") % {"name": "KT-21"}
    assert page.locator("[data-testid=week-empty]").is_visible()
    add_entry(page, lecture, world.room301, weekday=1, pair=1, streams=[world.kt22])
    with translation.override("uz"):
        what = f"Oliy matematika ({gettext('Lecture').lower()})"
        added = ngettext(
            "Entry added: %(what)s, %(count)s lesson.", "Entry added: %(what)s, %(count)s lessons.", 15
        ) % {"what": what, "count": 15}
    assert messages(page) == [added]
    monday = page.locator("[data-testid=week-day][data-date='2027-02-01']")
    lesson = monday.locator("[data-testid=lesson]")
    assert lesson.count() == 1
    assert lesson.locator(".wk-subject").inner_text() == "Oliy matematika"
    assert lesson.locator(".wk-groups").inner_text() == "KT-21, KT-22"
    assert "Karimov A." in lesson.inner_text() and "301" in lesson.inner_text()
    assert lesson.is_visible()

    # 2. Physics in the same room at the same pair: refused with the clash named, nothing added.
    add_entry(page, physics, world.room301, weekday=1, pair=1)
    clash = uz("Room %(room)s already has %(what)s at pair %(pair)s on %(date)s.") % {
        "room": "301",
        "what": uz("group %(groups)s") % {"groups": "KT-21, KT-22"},
        "pair": 1,
        "date": "01.02.2027",
    }
    assert page.locator("[data-testid=entry-form] .field-error").all_inner_texts() == [clash]
    assert page.locator("#id_load").input_value() == str(physics.pk)  # what was entered stays
    assert TimetableEntry.objects.count() == 1
    assert page.locator("[data-testid=lesson]").count() == 1

    # 3. A student of the group on a phone: their week, the days stacked, no sideways scrolling.
    context = browser.new_context(locale="uz-UZ", timezone_id="Asia/Tashkent", viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    phone = context.new_page()
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        login(phone, live_server, student.user.username)
        phone.goto(f"{live_server.url}/schedule/")
        assert phone.url == f"{live_server.url}/schedule/my/"
        phone.fill("#wk-jump-date", "01.02.2027")
        with phone.expect_navigation():
            phone.click("[data-testid=week-jump] button")
        assert phone.locator("h1").inner_text() == uz("My timetable")
        monday = phone.locator("[data-testid=week-day][data-date='2027-02-01']")
        assert monday.is_visible()
        card = monday.inner_text()
        assert "Oliy matematika" in card and "Karimov A." in card and "301" in card
        assert (
            monday.locator(".wk-cell-pair").inner_text()
            == f"{uz('Pair %(pair)s') % {'pair': 1}} · 08:30–09:50"
        )
        tuesday = phone.locator("[data-testid=week-day][data-date='2027-02-02']")
        assert tuesday.locator(".wk-empty").inner_text() == uz("No lessons.")
        monday_box, tuesday_box = monday.bounding_box(), tuesday.bounding_box()
        assert tuesday_box["y"] > monday_box["y"] + monday_box["height"] - 1  # stacked, not side by side
        assert monday_box["width"] <= PHONE["width"]
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert not phone.locator(".wk-band").first.is_visible()
        assert errors == []
    finally:
        context.close()
