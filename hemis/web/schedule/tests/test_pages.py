"""Reading timetables: the home page, a week by group, teacher and room, a day, one's own week —
who sees what (leak tests create the lessons that could leak first), exact content, and query
counts that do not grow with the lessons."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TimetableEntry
from hemis.schedule.services import lessons
from hemis.schedule.services.placement import Attendee
from hemis.students.models import Subgroup
from hemis.testing import factories as f
from hemis.testing.schedule import add_control, add_entry, add_lab, text, with_login

D = dt.date
WEEK = {"week": "2027-02-03"}  # any day of the week 01.02.2027 – 06.02.2027


@pytest.fixture
def kt21_student(world):
    """A student of KT-21 in its subgroup 1, with a login."""
    student = f.StudentFactory(
        user=f.UserFactory(username="kt21", first_name="Malika", last_name="Tosheva"), group=world.kt21
    )
    world.sub_a.students.add(student)
    return student


@pytest.fixture
def karimov_user(world):
    user = with_login(world.karimov, "karimov", first_name="Anvar", last_name="Karimov")
    f.grant(user, "teacher")
    return user


def add(world, actor, n: int):
    """The ``n``-th of three Monday entries of Karimov in room 301 for KT-21: the stream lecture with
    KT-22 at pair 1, the practical at pair 2, subgroup 1's practical at pair 3."""
    specs = [
        (TrainingType.LECTURE, 1, [Attendee(world.kt21), Attendee(world.kt22)]),
        (TrainingType.PRACTICAL, 2, [Attendee(world.kt21)]),
        (TrainingType.PRACTICAL, 3, [Attendee(world.kt21, world.sub_a)]),
    ]
    training_type, pair, attendees = specs[n]
    return add_entry(world, actor, training_type=training_type, pair=pair, attendees=attendees)


def shown(response) -> list[tuple]:
    """The lessons a week page lays out: (date, pair, subject code, lesson type, status)."""
    return [
        (lesson.date, lesson.pair, lesson.subject.code, lesson.training_type, lesson.status)
        for lesson in response.context["week"].lessons
    ]


def url(name: str, *args) -> str:
    return reverse(f"web:{name}", args=args)


# --- the group's week ---------------------------------------------------------------------------


def test_group_week_lays_out_the_lessons_with_cancelled_and_moved_ones(client, world, dean_chemistry):
    add(world, dean_chemistry, 0)
    add(world, dean_chemistry, 1)
    add_lab(world, dean_chemistry, world.sub_a)
    practical = lessons.cancel_lesson(
        lesson=TimetableEntry.objects.get(pair=2, training_type=TrainingType.PRACTICAL).lessons.get(
            date=D(2027, 2, 1)
        ),
        reason="Oʻqituvchi kasal",
        actor=dean_chemistry,
    )
    lab = TimetableEntry.objects.get(training_type=TrainingType.LABORATORY).lessons.get(date=D(2027, 2, 3))
    lessons.move_lesson(lesson=lab, date=D(2027, 2, 4), pair=4, actor=dean_chemistry)
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_group", world.kt21.pk), WEEK)
    assert response.status_code == 200
    assert shown(response) == [
        (D(2027, 2, 1), 1, "MAT204", TrainingType.LECTURE, "scheduled"),
        (D(2027, 2, 1), 2, "MAT204", TrainingType.PRACTICAL, "cancelled"),
        (D(2027, 2, 4), 4, "FIZ204", TrainingType.LABORATORY, "scheduled"),
    ]
    page = text(response)
    assert "Week 1 · 01.02.2027 – 06.02.2027" in page
    assert "Cancelled: Oʻqituvchi kasal" in page
    assert "Moved from 03.02.2027, pair 2" in page
    assert "KT-21, KT-22" in page  # the stream lecture names both groups
    assert "KT-21 (subgroup 1)" in page
    assert "Karimov A." in page and "room 301" in page
    base = url("schedule_group", world.kt21.pk)
    assert f'href="{base}?week=2027-01-25"' in page and f'href="{base}?week=2027-02-08"' in page
    assert practical.status == "cancelled"


def test_group_week_defaults_to_this_week(client, world, dean_chemistry, monkeypatch):
    add(world, dean_chemistry, 0)
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2027, 2, 10))
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_group", world.kt21.pk))
    assert response.context["week"].monday == D(2027, 2, 8)
    assert response.context["week_number"] == 2
    assert shown(response) == [(D(2027, 2, 8), 1, "MAT204", TrainingType.LECTURE, "scheduled")]


def test_dean_of_economics_sees_nothing_of_chemistrys_timetable(
    client, world, dean_chemistry, dean_economics
):
    add(world, dean_chemistry, 0)
    client.force_login(dean_economics)
    assert client.get(url("schedule_group", world.kt21.pk), WEEK).status_code == 404
    assert client.get(url("schedule_teacher", world.karimov.pk), WEEK).status_code == 404
    response = client.get(url("schedule_room", world.room301.pk), WEEK)
    assert response.status_code == 200
    assert shown(response) == []
    assert "Oliy matematika" not in text(response)
    response = client.get(url("schedule_day"), {"date": "01.02.2027"})
    assert list(response.context["page"]) == []
    assert "Oliy matematika" not in text(response)
    response = client.get(url("schedule_index"))
    assert [g.name for g in response.context["form"].fields["group"].queryset] == ["IQ-21-24"]
    assert list(response.context["form"].fields["teacher"].queryset) == []


def test_academic_department_reads_every_week_without_editing(client, world, dean_chemistry, academic):
    add(world, dean_chemistry, 0)
    client.force_login(academic)
    response = client.get(url("schedule_group", world.kt21.pk), WEEK)
    assert len(shown(response)) == 1
    assert response.context["can_edit"] is False
    assert 'data-testid="entry-form"' not in text(response)
    assert len(shown(client.get(url("schedule_teacher", world.karimov.pk), WEEK))) == 1
    assert len(shown(client.get(url("schedule_room", world.room301.pk), WEEK))) == 1


def test_dean_sees_the_editing_forms_of_its_faculty(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_group", world.kt21.pk), WEEK)
    assert response.context["can_edit"] is True
    assert f'href="{url("schedule_loads", world.kt21.pk)}?semester={world.semester.pk}"' in text(response)
    form = response.context["entry_form"]
    assert [str(c[1]) for c in form.fields["load"].choices][1:] == [
        "Fizika · Lecture · Rahimova D.",
        "Fizika · Laboratory · Rahimova D.",
        "Oliy matematika · Lecture · Karimov A.",
        "Oliy matematika · Practical · Karimov A.",
    ]
    assert [g.name for g in form.fields["streams"].queryset] == ["KT-11-24", "KT-22"]
    assert [str(c[1]) for c in form.fields["pair"].choices][:2] == ["1 · 08:30–09:50", "2 · 10:00–11:20"]
    assert response.context["copy_form"].initial["source"] == world.autumn.pk
    assert response.context["copy_week_form"].initial == {"from_week": 1}


def test_week_and_day_name_a_control_by_its_kind_and_a_lesson_by_its_type(client, world, dean_chemistry):
    add(world, dean_chemistry, 0)
    add_control(world, dean_chemistry)  # the final control of Oliy matematika on 12.02.2027
    client.force_login(dean_chemistry)
    page = text(client.get(url("schedule_group", world.kt21.pk), {"week": "2027-02-10"}))
    assert [line.strip() for line in page.splitlines() if 'class="wk-type"' in line] == [
        '<div class="wk-type">Lecture</div>',
        '<div class="wk-type">Final control</div>',
    ]
    page = text(client.get(url("schedule_day"), {"date": "12.02.2027"}))
    assert '<td>Oliy matematika <span class="muted">(final control)</span></td>' in page


# --- teachers, rooms, days ----------------------------------------------------------------------


def test_teacher_and_room_weeks(client, world, dean_chemistry):
    add(world, dean_chemistry, 0)
    add_lab(world, dean_chemistry, world.sub_a)
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_teacher", world.rahimova.pk), WEEK)
    assert shown(response) == [(D(2027, 2, 3), 2, "FIZ204", TrainingType.LABORATORY, "scheduled")]
    assert "Timetable of Rahimova Dilnoza" in text(response)
    response = client.get(url("schedule_room", world.room301.pk), WEEK)
    assert shown(response) == [(D(2027, 2, 1), 1, "MAT204", TrainingType.LECTURE, "scheduled")]
    assert "Timetable of room 301" in text(response)
    assert client.get(url("schedule_teacher", 999999)).status_code == 404
    assert client.get(url("schedule_room", 999999)).status_code == 404


def test_day_lists_every_lesson_of_the_day_by_pair(client, world, dean_chemistry, superadmin):
    add(world, dean_chemistry, 0)
    add(world, dean_chemistry, 1)
    add_lab(world, dean_chemistry, world.sub_a)
    client.force_login(superadmin)
    response = client.get(url("schedule_day"), {"date": "01.02.2027"})
    assert [(x.pair, x.training_type) for x in response.context["page"]] == [
        (1, TrainingType.LECTURE),
        (2, TrainingType.PRACTICAL),
    ]
    assert "Lessons of Monday, 01.02.2027" in text(response)
    response = client.get(url("schedule_day"), {"date": "03.02.2027", "faculty": world.faculty.pk})
    assert [(x.pair, x.subject.code) for x in response.context["page"]] == [(2, "FIZ204")]
    response = client.get(url("schedule_day"), {"date": "03.02.2027", "faculty": world.kt21.pk + 10**6})
    assert (response.context["date"], response.context["faculty"]) == (D(2027, 2, 3), None)


def test_index_opens_what_was_picked(client, world, uni, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_index"))
    assert [g.name for g in response.context["form"].fields["group"].queryset] == [
        "KT-11-24",
        "KT-21",
        "KT-22",
    ]
    assert [t.last_name for t in response.context["form"].fields["teacher"].queryset] == [
        "Karimov",
        "Rahimova",
    ]
    response = client.get(url("schedule_index"), {"group": world.kt22.pk})
    assert response.url == url("schedule_group", world.kt22.pk)
    response = client.get(url("schedule_index"), {"teacher": world.karimov.pk})
    assert response.url == url("schedule_teacher", world.karimov.pk)
    response = client.get(url("schedule_index"), {"room": world.lab105.pk})
    assert response.url == url("schedule_room", world.lab105.pk)
    response = client.get(url("schedule_index"), {"group": uni["econ_group"].pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "group": ["Select a valid choice. That choice is not one of the available choices."]
    }


# --- one's own week -------------------------------------------------------------------------------


def test_student_sees_only_their_own_week(client, world, dean_chemistry, kt21_student):
    add(world, dean_chemistry, 0)
    add_lab(world, dean_chemistry, world.sub_b)  # the other subgroup's laboratory
    kt22_lab = add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        room=world.room204,
        weekday=2,
        attendees=[Attendee(world.kt22)],
    )
    client.force_login(kt21_student.user)
    assert client.get(url("schedule_index")).url == url("schedule_my_week")
    response = client.get(url("schedule_my_week"), WEEK)
    assert shown(response) == [(D(2027, 2, 1), 1, "MAT204", TrainingType.LECTURE, "scheduled")]
    assert "Oliy matematika" in text(response) and "Fizika" not in text(response)
    response = client.get(url("schedule_group", world.kt21.pk), WEEK)
    assert len(shown(response)) == 1
    assert 'data-testid="loads-link"' not in text(response)
    assert client.get(url("schedule_group", world.kt22.pk), WEEK).status_code == 404
    assert client.get(url("schedule_teacher", kt22_lab.teacher_id), WEEK).status_code == 404
    assert client.get(url("schedule_room", world.room301.pk), WEEK).status_code == 404
    assert client.get(url("schedule_day")).status_code == 403
    assert client.get(url("schedule_loads", world.kt21.pk)).status_code == 404


def test_teacher_sees_their_own_week(client, world, dean_chemistry, karimov_user):
    add(world, dean_chemistry, 0)
    add_lab(world, dean_chemistry, world.sub_a)
    client.force_login(karimov_user)
    assert client.get(url("schedule_index")).url == url("schedule_my_week")
    response = client.get(url("schedule_my_week"), WEEK)
    assert shown(response) == [(D(2027, 2, 1), 1, "MAT204", TrainingType.LECTURE, "scheduled")]
    assert len(shown(client.get(url("schedule_teacher", world.karimov.pk), WEEK))) == 1
    assert client.get(url("schedule_teacher", world.rahimova.pk), WEEK).status_code == 404


def test_outsider_reaches_no_timetable(client, world, dean_chemistry, outsider):
    add(world, dean_chemistry, 0)
    client.force_login(outsider)
    for path, params, status, says in (
        (url("schedule_index"), {}, 403, "You do not have permission to open this page."),
        (url("schedule_my_week"), {}, 403, "You do not have permission to open this page."),
        (url("schedule_group", world.kt21.pk), WEEK, 404, "Page not found"),
        (url("schedule_teacher", world.karimov.pk), WEEK, 404, "Page not found"),
    ):
        response = client.get(path, params)
        assert response.status_code == status, path
        page = text(response)
        assert says in page, path
        assert "Oliy matematika" not in page and "Karimov A." not in page, path


def test_dean_has_no_own_week(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(url("schedule_my_week"))
    assert response.status_code == 403
    assert "You do not have permission to open this page." in text(response)
    response = client.get(url("schedule_index"))
    assert response.status_code == 200
    assert 'data-testid="pick-group"' in text(response)


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url("schedule_group", world.kt21.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


# --- query counts ---------------------------------------------------------------------------------


def _queries(client, path, params) -> int:
    client.get(path, params)  # warm up what a first request caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["group", "teacher", "room", "day", "my_week"])
def test_week_pages_take_the_same_queries_for_one_and_three_entries(
    client, world, dean_chemistry, kt21_student, page
):
    paths = {
        "group": (dean_chemistry, url("schedule_group", world.kt21.pk), WEEK),
        "teacher": (dean_chemistry, url("schedule_teacher", world.karimov.pk), WEEK),
        "room": (dean_chemistry, url("schedule_room", world.room301.pk), WEEK),
        "day": (dean_chemistry, url("schedule_day"), {"date": "01.02.2027"}),
        "my_week": (kt21_student.user, url("schedule_my_week"), WEEK),
    }
    user, path, params = paths[page]
    client.force_login(user)
    add(world, dean_chemistry, 0)
    one = _queries(client, path, params)
    add(world, dean_chemistry, 1)
    add(world, dean_chemistry, 2)
    three = _queries(client, path, params)
    response = client.get(path, params)
    rows = response.context["page"] if page == "day" else response.context["week"].lessons
    assert len(list(rows)) == 3
    assert three == one


def test_group_page_reads_its_rooms_once_and_does_not_grow_with_subgroups(client, world, dean_chemistry):
    add(world, dean_chemistry, 0)  # with an entry, the page shows the one-room form as well
    client.force_login(dean_chemistry)
    path = url("schedule_group", world.kt21.pk)
    rooms = [
        "105 · Bosh bino · 12 seats",
        "204 · Bosh bino · 30 seats",
        "301 · Bosh bino · 100 seats",
    ]

    def room_reads() -> tuple[int, int]:
        client.get(path, WEEK)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, WEEK)
        for name in ("entry_form", "bulk_form"):
            labels = [str(label) for _value, label in response.context[name].fields["room"].choices]
            assert labels[1:] == rooms, name
        return len(queries), sum('FROM "org_room"' in q["sql"] for q in queries.captured_queries)

    before = room_reads()
    assert before[1] == 1
    Subgroup.objects.create(group=world.kt21, name="3")
    Subgroup.objects.create(group=world.kt21, name="4")
    assert room_reads() == before
