"""The printable week (PDF), its Excel export, the calendar feed address and the .ics download:
scope, exact content and query counts."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.schedule.models import CalendarFeed
from hemis.schedule.services import feeds as feed_services
from hemis.schedule.services import lessons
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, add_lab, text, with_login

D = dt.date
WEEK = {"week": "2027-02-03"}  # any day of the week 01.02.2027 – 06.02.2027
SUBJECT = "Gʻoʻza seleksiyasi va oʻsimlikshunoslik"


@pytest.fixture
def world(world):
    """Mathematics under a long name with Uzbek letters, to be wrapped in the PDF's cells."""
    world.math.name_uz = world.math.name_en = SUBJECT
    world.math.save(update_fields=["name_uz", "name_en"])
    return world


@pytest.fixture
def karimov_user(world, uni):
    user = with_login(world.karimov, "karimov", first_name="Anvar", last_name="Karimov")
    f.grant(user, "teacher", uni["inorganic"])
    return user


@pytest.fixture
def student_a(world):
    student = world.sub_a.students.order_by("pk").first()
    with_login(student, "talaba_a")
    return student


def the_week(world, actor):
    """A Monday lecture to both groups and a Wednesday laboratory of KT-21's subgroup 1."""
    add_entry(world, actor)
    add_lab(world, actor, world.sub_a)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    # Cell text wraps: compare with the line breaks made spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sheet_rows(response) -> list[tuple]:
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_group_week_pdf(dean_client, world, dean_chemistry):
    the_week(world, dean_chemistry)
    response = dean_client.get(reverse("web:schedule_group_pdf", args=[world.kt21.pk]), WEEK)
    assert response["Content-Disposition"] == 'inline; filename="timetable-kt-21-20270201.pdf"'
    text = pdf_text(response)
    assert text.startswith(
        "Timetable of group KT-21 Kimyo texnologiyasi fakulteti 2026-2027, Spring semester"
    )
    assert "01.02.2027 – 06.02.2027" in text
    assert "Monday 01.02.2027" in text and "Saturday 06.02.2027" in text
    assert "1 08:30–09:50" in text and "6 16:30–17:50" in text
    assert f"{SUBJECT} (lecture) 301, Bosh bino Karimov A. KT-21, KT-22" in text
    assert "Fizika (laboratory) 105, Bosh bino Rahimova D. KT-21 (1)" in text
    width, height = PdfReader(BytesIO(response.content)).pages[0].mediabox[2:]
    assert width > height


def test_cancelled_lesson_is_marked_in_the_pdf(dean_client, world, dean_chemistry):
    lecture = add_entry(world, dean_chemistry)
    lessons.cancel_lesson(
        lesson=lecture.lessons.get(date=D(2027, 2, 1)), reason="Bayram", actor=dean_chemistry
    )
    text = pdf_text(dean_client.get(reverse("web:schedule_group_pdf", args=[world.kt22.pk]), WEEK))
    assert "Cancelled: Bayram" in text


def test_teacher_week_pdf(dean_client, world, dean_chemistry):
    the_week(world, dean_chemistry)
    response = dean_client.get(reverse("web:schedule_teacher_pdf", args=[world.rahimova.pk]), WEEK)
    text = pdf_text(response)
    assert text.startswith("Timetable of Rahimova Dilnoza 2026-2027, Spring semester 01.02.2027 – 06.02.2027")
    assert "Fizika (laboratory)" in text
    assert SUBJECT not in text


def test_group_week_xlsx_has_exact_cells_and_is_journaled(dean_client, world, dean_chemistry):
    the_week(world, dean_chemistry)
    response = dean_client.get(reverse("web:schedule_group_xlsx", args=[world.kt21.pk]), WEEK)
    assert response["Content-Disposition"] == 'attachment; filename="timetable-kt-21-20270201.xlsx"'
    rows = sheet_rows(response)
    assert rows[0] == (
        "Date",
        "Day",
        "Pair",
        "Time",
        "Subject",
        "Lesson type",
        "Room",
        "Teacher",
        "Groups",
        "Status",
        "Reason for cancelling",
    )
    assert rows[1:] == [
        (
            dt.datetime(2027, 2, 1),  # noqa: DTZ001 - Excel keeps naive dates
            "Monday",
            1,
            "08:30–09:50",
            SUBJECT,
            "Lecture",
            "301, Bosh bino",
            "Karimov A.",
            "KT-21, KT-22",
            "Scheduled",
            None,
        ),
        (
            dt.datetime(2027, 2, 3),  # noqa: DTZ001
            "Wednesday",
            2,
            "10:00–11:20",
            "Fizika",
            "Laboratory",
            "105, Bosh bino",
            "Rahimova D.",
            "KT-21 (1)",
            "Scheduled",
            None,
        ),
    ]
    event = AuditEvent.objects.get(action="schedule.lesson.exported")
    assert event.data == {"filters": {"group": world.kt21.pk, "week": "2027-02-01"}, "rows": 2}


def test_teacher_week_xlsx(dean_client, world, dean_chemistry):
    the_week(world, dean_chemistry)
    response = dean_client.get(reverse("web:schedule_teacher_xlsx", args=[world.karimov.pk]), WEEK)
    rows = sheet_rows(response)
    monday = dt.datetime(2027, 2, 1)  # noqa: DTZ001 - Excel keeps naive dates
    assert [row[:5] for row in rows[1:]] == [(monday, "Monday", 1, "08:30–09:50", SUBJECT)]
    event = AuditEvent.objects.get(action="schedule.lesson.exported")
    assert event.data["filters"] == {"teacher": world.karimov.pk, "week": "2027-02-01"}


def test_dean_of_another_faculty_gets_404_and_nothing_is_journaled(
    client, world, dean_chemistry, dean_economics
):
    the_week(world, dean_chemistry)
    client.force_login(dean_economics)
    for name, pk in (
        ("web:schedule_group_pdf", world.kt21.pk),
        ("web:schedule_group_xlsx", world.kt21.pk),
        ("web:schedule_teacher_pdf", world.karimov.pk),
        ("web:schedule_teacher_xlsx", world.karimov.pk),
    ):
        assert client.get(reverse(name, args=[pk]), WEEK).status_code == 404, name
    assert not AuditEvent.objects.filter(action="schedule.lesson.exported").exists()


def test_student_cannot_print_another_groups_week(client, world, dean_chemistry, student_a):
    the_week(world, dean_chemistry)
    client.force_login(student_a.user)
    response = client.get(reverse("web:schedule_group_pdf", args=[world.kt22.pk]), WEEK)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Page not found" in text(response)
    response = client.get(reverse("web:schedule_group_pdf", args=[world.kt21.pk]), WEEK)
    assert response.status_code == 200
    assert pdf_text(response).startswith("Timetable of group KT-21 Kimyo texnologiyasi fakulteti")


def test_my_week_pdf_of_a_teacher(client, world, dean_chemistry, karimov_user):
    the_week(world, dean_chemistry)
    client.force_login(karimov_user)
    text = pdf_text(client.get(reverse("web:schedule_my_pdf"), WEEK))
    assert text.startswith("Timetable of Karimov Anvar 2026-2027, Spring semester 01.02.2027 – 06.02.2027")
    assert f"{SUBJECT} (lecture)" in text
    assert "Fizika" not in text


def test_my_week_pdf_of_a_student(client, world, dean_chemistry, student_a):
    the_week(world, dean_chemistry)
    client.force_login(student_a.user)
    text = pdf_text(client.get(reverse("web:schedule_my_pdf"), WEEK))
    assert text.startswith(f"Timetable of {student_a.full_name} Group KT-21 2026-2027, Spring semester")
    assert f"{SUBJECT} (lecture)" in text and "Fizika (laboratory)" in text


def test_my_week_pdf_is_refused_to_a_dean(dean_client, world):
    response = dean_client.get(reverse("web:schedule_my_pdf"))
    assert response.status_code == 403
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "You do not have permission to open this page." in text(response)


def test_feed_settings_show_the_absolute_address_and_reset_it(client, world, karimov_user):
    client.force_login(karimov_user)
    response = client.get(reverse("web:schedule_feed_settings"))
    token = CalendarFeed.objects.get(user=karimov_user).token
    url = f"http://testserver/schedule/feed/{token}.ics"
    assert response.context["url"] == url
    assert response.context["webcal"] == f"webcal://testserver/schedule/feed/{token}.ics"
    assert f'value="{url}"' in text(response)
    response = client.post(reverse("web:schedule_feed_settings"), {"reset": "1"})
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=karimov_user).token
    assert new != token
    client.logout()
    assert client.get(f"/schedule/feed/{token}.ics").status_code == 404
    response = client.get(f"/schedule/feed/{new}.ics")
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert Calendar.from_ical(response.content)["PRODID"] == feed_services.PRODID


def test_feed_settings_are_refused_to_a_dean_and_make_no_feed(dean_client, world, dean_chemistry):
    assert dean_client.get(reverse("web:schedule_feed_settings")).status_code == 403
    assert dean_client.post(reverse("web:schedule_feed_settings")).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_feed_needs_no_login_and_is_text_calendar(client, world, dean_chemistry, karimov_user, settings):
    settings.ALLOWED_HOSTS = ["hemis.tdtu.uz", "testserver"]
    the_week(world, dean_chemistry)
    token = feed_services.feed_for(karimov_user).token
    response = client.get(reverse("web:schedule_feed", args=[token]), HTTP_HOST="hemis.tdtu.uz")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    # 15 Monday lectures of the spring semester (the autumn one is current today, spring is next).
    assert len(calendar.events) == 15
    assert {str(e["SUMMARY"]) for e in calendar.events} == {f"{SUBJECT} (lecture)"}
    assert all(str(e["UID"]).endswith("@hemis.tdtu.uz") for e in calendar.events)
    assert client.get(reverse("web:schedule_feed", args=["x" * 43])).status_code == 404


def _more_entries(world, actor, extra: int) -> None:
    """``extra`` more Monday lectures of KT-21 and KT-22 at pairs 2, 3 …"""
    for n in range(extra):
        add_entry(world, actor, pair=2 + n)


@pytest.mark.parametrize("extra", [0, 2])
def test_feed_query_count_is_constant(
    client, world, dean_chemistry, karimov_user, extra, django_assert_num_queries
):
    add_entry(world, dean_chemistry)
    _more_entries(world, dean_chemistry, extra)
    token = feed_services.feed_for(karimov_user).token
    with django_assert_num_queries(5):
        response = client.get(reverse("web:schedule_feed", args=[token]))
    assert len(Calendar.from_ical(response.content).events) == 15 * (1 + extra)


@pytest.mark.parametrize("extra", [0, 2])
def test_week_pdf_query_count_is_constant(
    dean_client, world, dean_chemistry, extra, django_assert_num_queries
):
    add_entry(world, dean_chemistry)
    _more_entries(world, dean_chemistry, extra)
    with django_assert_num_queries(9):
        response = dean_client.get(reverse("web:schedule_group_pdf", args=[world.kt21.pk]), WEEK)
    assert pdf_text(response).count(f"{SUBJECT} (lecture)") == 1 + extra
