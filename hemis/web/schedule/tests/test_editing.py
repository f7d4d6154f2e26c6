"""The dean's office editing a group's timetable through the pages: add an entry (a stream, a
subgroup, listed weeks), a clash refused with its message and nothing changed, move and cancel a
lesson, move an entry from a date on, one room for several entries, delete, copy; and nobody else
may do any of it."""

import datetime as dt

from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import LessonStatus, Weeks
from hemis.schedule.models import Lesson, TeachingLoad, TimetableEntry
from hemis.schedule.services.placement import Attendee
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, bind, lesson_dates, text

D = dt.date
WEEK = "2027-02-01"
LECTURE, PRACTICAL, LAB = TrainingType.LECTURE, TrainingType.PRACTICAL, TrainingType.LABORATORY


def load(world, group, code: str, training_type: str) -> TeachingLoad:
    return TeachingLoad.objects.get(
        group_subject=world.bindings[(group.name, code)], training_type=training_type
    )


def url(name: str, *args, week: str | None = WEEK) -> str:
    path = reverse(f"web:{name}", args=args)
    return f"{path}?week={week}" if week else path


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def state() -> tuple:
    """What a refused request must leave as it was."""
    return (
        list(
            TimetableEntry.objects.order_by("pk").values_list(
                "pk", "room_id", "weekday", "pair", "valid_until"
            )
        ),
        list(Lesson.objects.order_by("pk").values_list("pk", "date", "pair", "room_id", "status")),
        AuditEvent.objects.count(),
    )


def entry_data(world, **changes) -> dict:
    data = {
        "load": load(world, world.kt21, "MAT204", LECTURE).pk,
        "room": world.room301.pk,
        "weekday": "1",
        "pair": "1",
        "weeks": Weeks.ALL,
        "week_numbers": "",
        "subgroup": "",
    }
    data.update(changes)
    return data


# --- adding entries -------------------------------------------------------------------------------


def test_add_a_stream_lecture_through_the_form(dean_client, world):
    response = dean_client.post(
        url("schedule_entry_add", world.kt21.pk), entry_data(world, streams=[world.kt22.pk])
    )
    entry = TimetableEntry.objects.get()
    assert response.status_code == 302
    assert response.url == url("schedule_group", world.kt21.pk)
    assert (entry.subject, entry.training_type, entry.teacher, entry.room, entry.weekday, entry.pair) == (
        world.math,
        LECTURE,
        world.karimov,
        world.room301,
        1,
        1,
    )
    assert sorted(entry.groups.values_list("group__name", flat=True)) == ["KT-21", "KT-22"]
    assert lesson_dates(entry)[:5] == [
        D(2027, 2, 1),
        D(2027, 2, 8),
        D(2027, 2, 15),
        D(2027, 2, 22),
        D(2027, 3, 1),
    ]
    assert len(lesson_dates(entry)) == 15
    page = dean_client.get(response.url)
    assert messages_of(page) == ["Entry added: Oliy matematika (lecture), 15 lessons."]
    assert [lesson.subject.code for lesson in page.context["week"].lessons] == ["MAT204"]


def test_add_a_subgroup_laboratory_in_listed_weeks(dean_client, world):
    data = entry_data(
        world,
        load=load(world, world.kt21, "FIZ204", LAB).pk,
        room=world.lab105.pk,
        weekday="3",
        pair="2",
        weeks=Weeks.LIST,
        week_numbers="2-3, 5",
        subgroup=world.sub_a.pk,
    )
    dean_client.post(url("schedule_entry_add", world.kt21.pk), data)
    entry = TimetableEntry.objects.get()
    assert (entry.weeks, entry.week_numbers) == (Weeks.LIST, [2, 3, 5])
    assert list(entry.groups.values_list("group__name", "subgroup__name")) == [("KT-21", "1")]
    assert lesson_dates(entry) == [D(2027, 2, 10), D(2027, 2, 17), D(2027, 3, 3)]


def test_a_clash_is_shown_on_the_form_with_what_was_entered_and_nothing_changes(
    dean_client, world, dean_chemistry
):
    add_entry(world, dean_chemistry)
    before = state()
    data = entry_data(world, load=load(world, world.kt21, "FIZ204", LECTURE).pk)
    response = dean_client.post(url("schedule_entry_add", world.kt21.pk), data)
    assert response.status_code == 200
    form = response.context["entry_form"]
    assert form.errors == {"room": ["Room 301 already has group KT-21, KT-22 at pair 1 on 01.02.2027."]}
    page = text(response)
    assert "Room 301 already has group KT-21, KT-22 at pair 1 on 01.02.2027." in page
    assert f'<option value="{data["load"]}" selected>' in page
    assert f'<option value="{world.room301.pk}" selected>' in page
    # The week links lead back to the group's page, not to the address the form was posted to.
    assert f'href="{url("schedule_group", world.kt21.pk, week="2027-02-08")}"' in page
    assert state() == before


def test_a_teacher_without_the_load_and_bad_weeks_are_refused(dean_client, world, uni):
    data = entry_data(world, streams=[uni["chem_group"].pk])
    response = dean_client.post(url("schedule_entry_add", world.kt21.pk), data)
    assert response.context["entry_form"].errors == {
        "load": ["Karimov A. does not teach Oliy matematika (lecture) to group KT-11-24."]
    }
    response = dean_client.post(url("schedule_entry_add", world.kt21.pk), entry_data(world, weeks=Weeks.LIST))
    assert response.context["entry_form"].errors == {"week_numbers": ["List the weeks the lesson runs in."]}
    response = dean_client.post(
        url("schedule_entry_add", world.kt21.pk), entry_data(world, weeks=Weeks.LIST, week_numbers="two")
    )
    assert response.context["entry_form"].errors == {"week_numbers": ["Enter week numbers like 2, 3, 5-8."]}
    response = dean_client.post(
        url("schedule_entry_add", world.kt21.pk),
        entry_data(world, load=load(world, world.kt22, "MAT204", LECTURE).pk),
    )
    # A load of another group is no choice.
    assert response.context["entry_form"].errors == {
        "load": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert not TimetableEntry.objects.exists()


# --- single lessons -------------------------------------------------------------------------------


def test_move_a_lesson(dean_client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    lesson = entry.lessons.get(date=D(2027, 2, 8))
    response = dean_client.get(url("schedule_lesson_move", lesson.pk, week=None) + f"?group={world.kt22.pk}")
    assert response.context["form"].initial == {"date": D(2027, 2, 8), "pair": 1}
    assert response.context["group"] == world.kt22
    assert "<dd>Oliy matematika (lecture)</dd>" in text(response)
    data = {"date": "09.02.2027", "pair": "3", "room": "", "group": world.kt22.pk}
    response = dean_client.post(url("schedule_lesson_move", lesson.pk, week=None), data)
    assert response.url == url("schedule_group", world.kt22.pk, week="2027-02-08")
    lesson.refresh_from_db()
    assert (lesson.date, lesson.pair, lesson.room, lesson.moved_from_date, lesson.moved_from_pair) == (
        D(2027, 2, 9),
        3,
        world.room301,
        D(2027, 2, 8),
        1,
    )
    assert messages_of(dean_client.get(response.url)) == ["Lesson moved to 09.02.2027, pair 3, room 301."]


def test_move_onto_a_taken_pair_is_refused(dean_client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        room=world.room204,
        weekday=2,
        pair=3,
        attendees=[Attendee(world.kt21)],
    )
    lesson = entry.lessons.get(date=D(2027, 2, 8))
    before = state()
    response = dean_client.post(
        url("schedule_lesson_move", lesson.pk, week=None), {"date": "09.02.2027", "pair": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Group KT-21 already has Fizika (lecture) at pair 3 on 09.02.2027."
    ]
    assert "Group KT-21 already has Fizika (lecture) at pair 3 on 09.02.2027." in text(response)
    assert state() == before


def test_cancel_a_lesson_needs_a_reason(dean_client, world, dean_chemistry):
    lesson = add_entry(world, dean_chemistry).lessons.get(date=D(2027, 2, 8))
    before = state()
    response = dean_client.post(url("schedule_lesson_cancel", lesson.pk, week=None), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give the reason for cancelling."]}
    assert state() == before
    response = dean_client.post(
        url("schedule_lesson_cancel", lesson.pk, week=None), {"reason": "Bayram tadbiri"}
    )
    lesson.refresh_from_db()
    assert (lesson.status, lesson.cancel_reason) == (LessonStatus.CANCELLED, "Bayram tadbiri")
    page = dean_client.get(response.url)
    assert messages_of(page) == ["Lesson of 08.02.2027, pair 1 cancelled."]
    assert "Cancelled: Bayram tadbiri" in text(page)


# --- entries --------------------------------------------------------------------------------------


def test_move_an_entry_from_a_date_on(dean_client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    response = dean_client.get(url("schedule_entry_move", entry.pk, week=None))
    assert response.context["form"].initial["weekday"] == 1
    data = {"from_date": "15.02.2027", "weekday": "2", "pair": "3", "room": world.room204.pk}
    response = dean_client.post(url("schedule_entry_move", entry.pk, week=None), data)
    assert response.url == url("schedule_group", world.kt21.pk, week="2027-02-15")
    entry.refresh_from_db()
    moved = TimetableEntry.objects.exclude(pk=entry.pk).get()
    assert lesson_dates(entry) == [D(2027, 2, 1), D(2027, 2, 8)]
    assert entry.valid_until == D(2027, 2, 14)
    assert (moved.weekday, moved.pair, moved.room, moved.valid_from) == (2, 3, world.room204, D(2027, 2, 15))
    assert lesson_dates(moved)[:2] == [D(2027, 2, 16), D(2027, 2, 23)]
    assert messages_of(dean_client.get(response.url)) == [
        "From 15.02.2027 the lessons are on Tuesday, pair 3, room 204."
    ]


def test_move_an_entry_outside_the_semester_is_refused(dean_client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    before = state()
    data = {"from_date": "15.08.2027", "weekday": "2", "pair": "3", "room": world.room204.pk}
    response = dean_client.post(url("schedule_entry_move", entry.pk, week=None), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"from_date": ["The date is outside the semester."]}
    assert state() == before


def test_one_room_for_several_entries(dean_client, world, dean_chemistry):
    first = add_entry(world, dean_chemistry)
    second = add_entry(
        world, dean_chemistry, training_type=PRACTICAL, pair=2, attendees=[Attendee(world.kt21)]
    )
    data = {"entries": [first.pk, second.pk], "room": world.room204.pk}
    response = dean_client.post(url("schedule_entries_room", world.kt21.pk), data)
    assert response.url == url("schedule_group", world.kt21.pk)
    assert set(Lesson.objects.values_list("room__number", flat=True)) == {"204"}
    assert set(TimetableEntry.objects.values_list("room__number", flat=True)) == {"204"}
    assert messages_of(dean_client.get(response.url)) == ["Room 204 given to 2 entries."]


def test_one_room_refusals_keep_the_choice(dean_client, world, dean_chemistry):
    first = add_entry(world, dean_chemistry)
    add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        room=world.room204,
        pair=2,
        attendees=[Attendee(world.kt22)],
    )
    second = add_entry(
        world, dean_chemistry, training_type=PRACTICAL, pair=2, attendees=[Attendee(world.kt21)]
    )
    before = state()
    response = dean_client.post(url("schedule_entries_room", world.kt21.pk), {"room": world.room204.pk})
    assert response.context["bulk_form"].errors == {"entries": ["Choose at least one entry."]}
    response = dean_client.post(
        url("schedule_entries_room", world.kt21.pk),
        {"entries": [first.pk, second.pk], "room": world.room204.pk},
    )
    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "room": [
            "Oliy matematika (practical), KT-21: Room 204 already has group KT-22 at pair 2 on 01.02.2027."
        ]
    }
    assert response.context["bulk_checked"] == {str(first.pk), str(second.pk)}
    assert f'value="{second.pk}" form="bulk-room" aria-label="Choose" checked' in text(response)
    assert state() == before


def test_delete_an_entry(dean_client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    response = dean_client.post(url("schedule_entry_delete", entry.pk) + f"&group={world.kt22.pk}")
    assert response.url == url("schedule_group", world.kt22.pk)
    assert not TimetableEntry.objects.exists() and not Lesson.objects.exists()
    assert messages_of(dean_client.get(response.url)) == ["Entry deleted with its lessons."]


# --- copying --------------------------------------------------------------------------------------


def test_copy_the_autumn_timetable_from_the_page(dean_client, world, dean_chemistry):
    bind(world, world.kt21, world.math, world.autumn, {LECTURE: world.karimov, LAB: world.karimov})
    autumn = {"semester": world.autumn, "attendees": [Attendee(world.kt21)]}
    add_entry(world, dean_chemistry, **autumn)
    add_entry(world, dean_chemistry, **autumn, training_type=LAB, pair=2, room=world.room204)
    response = dean_client.post(url("schedule_copy", world.kt21.pk), {"source": world.autumn.pk})
    assert response.url == url("schedule_group", world.kt21.pk)
    copied = TimetableEntry.objects.get(semester=world.semester)
    assert (copied.subject, copied.training_type, copied.weekday, copied.pair) == (world.math, LECTURE, 1, 1)
    assert messages_of(dean_client.get(response.url)) == [
        "1 entry copied.",
        "Not copied: Oliy matematika (laboratory), Monday, pair 2. "
        "Group KT-21 has no teacher for Oliy matematika (laboratory) in the target semester.",
    ]
    assert AuditEvent.objects.filter(action="schedule.timetable.copied").count() == 1


def test_copy_a_week_from_the_page(dean_client, world, dean_chemistry):
    add_entry(world, dean_chemistry, weeks=Weeks.LIST, week_numbers=[1])
    response = dean_client.post(
        url("schedule_copy_week", world.kt21.pk), {"from_week": "1", "to_weeks": "2, 3"}
    )
    copy = TimetableEntry.objects.get(week_numbers=[2, 3])
    assert lesson_dates(copy) == [D(2027, 2, 8), D(2027, 2, 15)]
    assert messages_of(dean_client.get(response.url)) == ["1 entry copied."]
    before = state()
    response = dean_client.post(url("schedule_copy_week", world.kt21.pk), {"from_week": "1", "to_weeks": ""})
    assert response.status_code == 200
    assert response.context["copy_week_form"].errors == {"to_weeks": ["List the weeks to copy into."]}
    assert state() == before


# --- who may edit ---------------------------------------------------------------------------------


def _every_write(world, entry) -> list[tuple[str, dict]]:
    lesson = entry.lessons.first()
    return [
        (url("schedule_entry_add", world.kt21.pk), entry_data(world, pair="2")),
        (url("schedule_entries_room", world.kt21.pk), {"entries": [entry.pk], "room": world.room204.pk}),
        (url("schedule_entry_delete", entry.pk), {}),
        (
            url("schedule_entry_move", entry.pk, week=None),
            {"from_date": "15.02.2027", "weekday": "2", "pair": "3"},
        ),
        (url("schedule_lesson_move", lesson.pk, week=None), {"date": "09.02.2027", "pair": "3"}),
        (url("schedule_lesson_cancel", lesson.pk, week=None), {"reason": "Sabab"}),
        (url("schedule_copy", world.kt21.pk), {"source": world.autumn.pk}),
        (url("schedule_copy_week", world.kt21.pk), {"from_week": "1", "to_weeks": "2"}),
    ]


def test_dean_of_economics_can_edit_nothing_of_chemistry(client, world, dean_chemistry, dean_economics):
    entry = add_entry(world, dean_chemistry)
    before = state()
    client.force_login(dean_economics)
    for path, data in _every_write(world, entry):
        assert client.post(path, data).status_code == 404, path
    assert client.get(url("schedule_lesson_move", entry.lessons.first().pk, week=None)).status_code == 404
    assert state() == before


def test_academic_department_reads_but_may_not_edit(client, world, dean_chemistry, academic):
    entry = add_entry(world, dean_chemistry)
    before = state()
    client.force_login(academic)
    for path, data in _every_write(world, entry):
        assert client.post(path, data).status_code == 403, path
    assert state() == before


def test_a_student_may_not_edit_their_groups_timetable(client, world, dean_chemistry):
    entry = add_entry(world, dean_chemistry)
    student = f.StudentFactory(user=f.UserFactory(username="kt21"), group=world.kt21)
    before = state()
    client.force_login(student.user)
    assert {client.post(path, data).status_code for path, data in _every_write(world, entry)} == {403}
    assert state() == before
