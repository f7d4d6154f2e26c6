"""The journal pages: a load's journal, recording a lesson (the lock, the reopening, the version check),
the dean's office excusing absences, the absence lists and the attendance rules; a teacher never
reaches another teacher's lessons. Lessons are dated relative to the real today (the pages use it)."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hemis.academics.enums import MarkingSystemCode
from hemis.academics.models import MarkingSystem, Subject
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import Lesson, LessonGroup, TeachingLoad
from hemis.teaching.models import (
    Absence,
    AttendanceRules,
    DailyMark,
    Excuse,
    JournalReopening,
    LessonRecord,
    Topic,
)
from hemis.teaching.services import journal
from hemis.testing import factories as f
from hemis.testing.schedule import bind, text, with_login

LECTURE = TrainingType.LECTURE


@pytest.fixture
def chemistry(world):
    """General chemistry bound to KT-21 in the autumn semester, Karimov its lecturer."""
    subject = Subject.objects.create(
        code="KIM101", name_uz="Umumiy kimyo", name_en="General chemistry", department=world.department
    )
    bind(world, world.kt21, subject, world.autumn, {LECTURE: world.karimov})
    return subject


@pytest.fixture
def load(world, chemistry):
    return TeachingLoad.objects.get(
        group_subject__group=world.kt21, group_subject__curriculum_subject__subject=chemistry
    )


@pytest.fixture
def karimov_user(world):
    user = with_login(world.karimov, "karimov", first_name="Anvar", last_name="Karimov")
    f.grant(user, "teacher")
    return user


@pytest.fixture
def rahimova_user(world):
    user = with_login(world.rahimova, "rahimova", first_name="Dilnoza", last_name="Rahimova")
    f.grant(user, "teacher")
    return user


@pytest.fixture
def students(world):
    return list(world.kt21.students.order_by("last_name", "first_name", "pk"))


def held(world, subject, days_ago: int, pair: int = 1) -> Lesson:
    """Karimov's lecture of ``subject`` to KT-21 ``days_ago`` days before today (a dated lesson written
    straight to the table: the timetable's own dates are not relative to today)."""
    lesson = Lesson.objects.create(
        semester=world.autumn,
        faculty=world.faculty,
        subject=subject,
        training_type=LECTURE,
        teacher=world.karimov,
        room=world.room301,
        date=timezone.localdate() - dt.timedelta(days=days_ago),
        pair=pair,
        start_time=dt.time(7 + pair, 0),
        end_time=dt.time(7 + pair, 50),
    )
    LessonGroup.objects.create(lesson=lesson, group=world.kt21)
    return lesson


def recorded(lesson, actor, absences: dict[int, int]):
    """``lesson`` recorded by ``actor`` on its own day: ``absences``, no marks, no record before."""
    return journal.record_lesson(
        lesson=lesson, absences=absences, marks={}, version=None, actor=actor, today=lesson.date
    )


def state():
    return (
        list(LessonRecord.objects.order_by("pk").values()),
        list(Absence.objects.order_by("pk").values()),
        list(DailyMark.objects.order_by("pk").values()),
        list(Excuse.objects.order_by("pk").values("pk", "student", "from_date", "to_date")),
        AuditEvent.objects.count(),
    )


def record_url(lesson) -> str:
    return reverse("web:teaching_lesson_record", args=[lesson.pk])


def journal_url(load) -> str:
    return reverse("web:teaching_journal", args=[load.pk])


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


# --- the journal of a load ------------------------------------------------------------------------------


def test_journal_shows_lessons_students_absences_and_totals(
    client, world, chemistry, load, karimov_user, students
):
    first, second = held(world, chemistry, 7), held(world, chemistry, 0)
    held(world, chemistry, -7)  # next week's: a column without a link
    recorded(first, karimov_user, {students[0].pk: 2, students[1].pk: 1})
    client.force_login(karimov_user)
    response = client.get(journal_url(load))
    page = text(response)
    assert "Journal: General chemistry, KT-21" in page
    assert cells(page, "recorded") == ["1 of 3"]
    assert f'href="{record_url(first)}"' in page and f'href="{record_url(second)}"' in page
    assert len(re.findall(r'data-testid="journal-row"', page)) == 12
    assert cells(page, "absent")[:3] == ["2", "1", "0"]
    assert cells(page, "unexcused")[:3] == ["2", "1", "0"]


def test_dean_of_the_faculty_reads_the_journal_the_other_dean_does_not(
    client, world, load, dean_chemistry, dean_economics
):
    client.force_login(dean_chemistry)
    assert "Journal: General chemistry, KT-21" in text(client.get(journal_url(load)))
    client.force_login(dean_economics)
    assert client.get(journal_url(load)).status_code == 404


def test_a_teacher_reaches_neither_the_journal_nor_the_lessons_of_another(
    client, world, chemistry, load, rahimova_user, students
):
    lesson = held(world, chemistry, 0)
    client.force_login(rahimova_user)
    before = state()
    assert client.get(journal_url(load)).status_code == 404
    assert client.get(record_url(lesson)).status_code == 404
    response = client.post(record_url(lesson), {f"absent_{students[0].pk}": "2", "version": ""})
    assert response.status_code == 404
    assert state() == before


# --- recording a lesson ---------------------------------------------------------------------------------


def test_teacher_records_a_lesson_with_two_absences(client, world, chemistry, karimov_user, students):
    lesson = held(world, chemistry, 0)
    client.force_login(karimov_user)
    page = text(client.get(record_url(lesson)))
    assert f"General chemistry: lesson of {lesson.date:%d.%m.%Y}" in page
    assert all(s.full_name in page for s in students)
    assert 'data-testid="record-form"' in page
    data = {f"absent_{s.pk}": "0" for s in students} | {
        f"absent_{students[0].pk}": "2",
        f"absent_{students[3].pk}": "1",
        "version": "",
        "note": "",
    }
    response = client.post(record_url(lesson), data, follow=True)
    assert f"The lesson of {lesson.date:%d.%m.%Y} is recorded." in text(response)
    record = LessonRecord.objects.get(lesson=lesson)
    assert (record.version, record.created_by) == (1, karimov_user)
    assert set(Absence.objects.values_list("student_id", "hours")) == {
        (students[0].pk, 2),
        (students[3].pk, 1),
    }
    assert response.context["form"].initial["version"] == 1


def test_a_stale_form_is_refused_with_who_saved(client, world, chemistry, karimov_user, students):
    lesson = held(world, chemistry, 0)
    recorded(lesson, karimov_user, {students[0].pk: 2})
    client.force_login(karimov_user)
    before = state()
    data = {f"absent_{s.pk}": "0" for s in students} | {f"absent_{students[1].pk}": "2", "version": ""}
    response = client.post(record_url(lesson), data)
    assert response.status_code == 400
    assert "Anvar Karimov saved this journal at " in text(response)
    assert state() == before


def test_hours_outside_a_pair_are_refused_on_the_form(client, world, chemistry, karimov_user, students):
    lesson = held(world, chemistry, 0)
    client.force_login(karimov_user)
    data = {f"absent_{s.pk}": "0" for s in students} | {f"absent_{students[0].pk}": "3", "version": ""}
    response = client.post(record_url(lesson), data)
    assert response.status_code == 400
    assert "Select a valid choice. 3 is not one of the available choices." in text(response)
    assert not LessonRecord.objects.exists()


def test_a_future_lesson_cannot_be_recorded(client, world, chemistry, karimov_user, students):
    lesson = held(world, chemistry, -2)
    client.force_login(karimov_user)
    page = text(client.get(record_url(lesson)))
    assert f"The lesson of {lesson.date:%d.%m.%Y} has not been held yet." in page
    assert 'data-testid="record-form"' not in page
    assert client.post(record_url(lesson), {"version": ""}).status_code == 403
    assert not LessonRecord.objects.exists()


def test_a_locked_journal_is_read_only_and_the_dean_reopens_it(
    client, world, chemistry, karimov_user, dean_chemistry, students
):
    lesson = held(world, chemistry, 30)
    client.force_login(karimov_user)
    page = text(client.get(record_url(lesson)))
    assert "The journal of this lesson was locked on " in page
    assert "ask the dean's office to reopen it." in page
    assert 'data-testid="record-form"' not in page and 'data-testid="reopen-form"' not in page
    before = state()
    data = {f"absent_{s.pk}": "0" for s in students} | {f"absent_{students[0].pk}": "2", "version": ""}
    assert client.post(record_url(lesson), data).status_code == 403
    assert (
        client.post(
            reverse("web:teaching_lesson_reopen", args=[lesson.pk]), {"until": "01.01.2100"}
        ).status_code
        == 404
    )
    assert state() == before

    client.force_login(dean_chemistry)
    page = text(client.get(record_url(lesson)))
    assert 'data-testid="reopen-form"' in page and 'data-testid="record-form"' not in page
    reopen = reverse("web:teaching_lesson_reopen", args=[lesson.pk])
    response = client.post(reopen, {"until": "31.02.2100"}, follow=True)
    assert "Enter a valid date." in text(response)  # the form's refusal, told as a message
    assert not JournalReopening.objects.exists()
    until = timezone.localdate() + dt.timedelta(days=2)
    response = client.post(
        reverse("web:teaching_lesson_reopen", args=[lesson.pk]), {"until": f"{until:%d.%m.%Y}"}, follow=True
    )
    assert f"The journal is reopened for the teacher until {until:%d.%m.%Y}." in text(response)

    client.force_login(karimov_user)
    page = text(client.get(record_url(lesson)))
    assert 'data-testid="record-form"' in page
    assert cells(page, "editable-until") == [f"{until:%d.%m.%Y}"]
    assert not LessonRecord.objects.exists()  # reopened, still not recorded
    assert client.post(record_url(lesson), data).status_code == 302
    assert list(Absence.objects.values_list("student_id", flat=True)) == [students[0].pk]


# --- excuses --------------------------------------------------------------------------------------------


def test_dean_excuses_one_of_two_absences_and_the_lists_update(
    client, world, chemistry, karimov_user, dean_chemistry, students
):
    AttendanceRules.objects.create(
        marking_system=world.curriculum.marking_system, warning_hours=2, reprimand_hours=4, expulsion_hours=6
    )
    lesson = held(world, chemistry, 0)
    recorded(lesson, karimov_user, {students[0].pk: 2, students[1].pk: 2})
    client.force_login(dean_chemistry)
    lists = reverse("web:teaching_absence_lists")
    query = f"?faculty={world.faculty.pk}&semester={world.autumn.pk}"
    page = text(client.get(lists + query))
    warned = re.search(r'data-testid="list-warning">(.*?)</section>', page, re.S).group(1)
    assert students[0].full_name in warned and students[1].full_name in warned

    day = f"{lesson.date:%d.%m.%Y}"
    data = {
        "student": students[0].student_id_number,
        "from_date": day,
        "to_date": day,
        "reason": "Illness",
        "document_number": "095-12",
        "document": SimpleUploadedFile("note.pdf", b"%PDF-1.4", content_type="application/pdf"),
    }
    response = client.post(reverse("web:teaching_excuses"), data, follow=True)
    page = text(response)
    assert f"{students[0].full_name} is excused from {day} to {day}: 2 hours of absence." in page
    assert f"{day}–{day}" in page and "095-12" in page
    assert dict(Absence.objects.values_list("student_id", "excuse__document_number")) == {
        students[0].pk: "095-12",
        students[1].pk: None,
    }
    page = text(client.get(lists + query))
    warned = re.search(r'data-testid="list-warning">(.*?)</section>', page, re.S).group(1)
    assert students[0].full_name not in warned and students[1].full_name in warned

    excuse = Excuse.objects.get()
    response = client.post(reverse("web:teaching_excuse_withdraw", args=[excuse.pk]), follow=True)
    assert f"The excuse of {students[0].full_name} is withdrawn." in text(response)
    assert list(Absence.objects.values_list("excuse", flat=True)) == [None, None]
    page = text(response)
    assert f"withdrawn {timezone.localdate():%d.%m.%Y}" in page and 'data-testid="withdraw"' not in page
    assert client.post(reverse("web:teaching_excuse_withdraw", args=[excuse.pk])).status_code == 404


def test_excuse_of_a_student_of_another_faculty_is_refused(client, uni, world, dean_chemistry):
    outsider = f.StudentFactory(group=uni["econ_group"])
    client.force_login(dean_chemistry)
    before = state()
    data = {
        "student": outsider.student_id_number,
        "from_date": "01.12.2026",
        "to_date": "02.12.2026",
        "reason": "Illness",
        "document_number": "1",
    }
    response = client.post(reverse("web:teaching_excuses"), data)
    assert response.status_code == 400
    assert "No student of your faculty has this student ID." in text(response)
    assert state() == before


def test_excuse_with_a_word_document_is_refused(client, world, dean_chemistry, students):
    client.force_login(dean_chemistry)
    before = state()
    data = {
        "student": students[0].student_id_number,
        "from_date": "01.12.2026",
        "to_date": "02.12.2026",
        "reason": "Illness",
        "document_number": "1",
        "document": SimpleUploadedFile("note.docx", b"x"),
    }
    response = client.post(reverse("web:teaching_excuses"), data)
    assert response.status_code == 400
    assert "Upload a PDF, JPG or PNG file." in text(response)
    assert state() == before


def test_a_teacher_has_no_excuses_lists_or_rules(client, world, karimov_user, students):
    client.force_login(karimov_user)
    for name in ("web:teaching_excuses", "web:teaching_absence_lists", "web:teaching_attendance_rules"):
        assert client.get(reverse(name)).status_code == 403
    before = (state(), list(AttendanceRules.objects.values()))
    excuse = {
        "student": students[0].student_id_number,
        "from_date": "01.12.2026",
        "to_date": "02.12.2026",
        "reason": "Illness",
        "document_number": "1",
    }
    assert client.post(reverse("web:teaching_excuses"), excuse).status_code == 403
    rules = {
        "marking_system": world.curriculum.marking_system.pk,
        "daily_mark_min": "2",
        "daily_mark_max": "5",
        "warning_hours": "2",
        "reprimand_hours": "4",
        "expulsion_hours": "6",
    }
    assert client.post(reverse("web:teaching_attendance_rules"), rules).status_code == 403
    assert (state(), list(AttendanceRules.objects.values())) == before


# --- the lists and the rules ----------------------------------------------------------------------------


def test_absence_lists_show_each_list_with_hours(client, world, chemistry, dean_chemistry, students):
    AttendanceRules.objects.create(
        marking_system=world.curriculum.marking_system, warning_hours=2, reprimand_hours=4, expulsion_hours=6
    )
    lessons = [held(world, chemistry, 10 + i, pair=1) for i in range(3)]
    records = [LessonRecord.objects.create(lesson=lesson) for lesson in lessons]
    for student, n in ((students[0], 1), (students[1], 2), (students[2], 3)):
        Absence.objects.bulk_create(Absence(record=records[i], student=student, hours=2) for i in range(n))
    client.force_login(dean_chemistry)
    page = text(
        client.get(
            reverse("web:teaching_absence_lists") + f"?faculty={world.faculty.pk}&semester={world.autumn.pk}"
        )
    )
    for code, student, hours in (
        ("warning", students[0], 2),
        ("reprimand", students[1], 4),
        ("expulsion", students[2], 6),
    ):
        section = re.search(rf'data-testid="list-{code}">(.*?)</section>', page, re.S).group(1)
        assert re.findall(
            r"<tr data-testid=\"list-row\"><td>([^<]*)</td><td>([^<]*)</td><td class=\"num\">(\d+)</td>",
            section,
        ) == [(student.full_name, "KT-21", str(hours))]


def test_academic_sets_the_attendance_rules(client, world, academic):
    client.force_login(academic)
    system = world.curriculum.marking_system
    data = {
        "marking_system": system.pk,
        "daily_marks": "on",
        "daily_mark_min": "2",
        "daily_mark_max": "5",
        "warning_hours": "10",
        "reprimand_hours": "20",
        "expulsion_hours": "30",
    }
    response = client.post(reverse("web:teaching_attendance_rules"), data, follow=True)
    assert f"The attendance rules of {system.name} are saved." in text(response)
    rules = AttendanceRules.objects.get()
    assert (rules.daily_marks, rules.warning_hours, rules.reprimand_hours, rules.expulsion_hours) == (
        True,
        10,
        20,
        30,
    )
    before = state(), list(AttendanceRules.objects.values())
    response = client.post(reverse("web:teaching_attendance_rules"), data | {"reprimand_hours": "10"})
    assert response.status_code == 400
    assert "The reprimand needs more hours than the warning." in text(response)
    assert (state(), list(AttendanceRules.objects.values())) == before


# --- query counts ---------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_journal_page_queries_do_not_grow_with_lessons_and_students(
    client, world, chemistry, load, karimov_user, students, django_assert_num_queries
):
    first = held(world, chemistry, 1)
    recorded(first, karimov_user, {students[0].pk: 2})
    client.force_login(karimov_user)
    one = count_queries(client, journal_url(load))
    for days in (2, 3):
        lesson = held(world, chemistry, days)
        recorded(lesson, karimov_user, {students[1].pk: 1})
    f.StudentFactory(group=world.kt21, last_name="Yangi")
    f.StudentFactory(group=world.kt21, last_name="Yangiroq")
    with django_assert_num_queries(one):
        response = client.get(journal_url(load))
    assert len(response.context["journal"].columns) == 3
    assert len(response.context["journal"].rows) == 14


def test_absence_lists_queries_do_not_grow_with_students(
    client, world, chemistry, dean_chemistry, students, django_assert_num_queries
):
    AttendanceRules.objects.create(
        marking_system=world.curriculum.marking_system, warning_hours=2, reprimand_hours=4, expulsion_hours=6
    )
    record = LessonRecord.objects.create(lesson=held(world, chemistry, 3))
    url = reverse("web:teaching_absence_lists") + f"?faculty={world.faculty.pk}&semester={world.autumn.pk}"
    Absence.objects.create(record=record, student=students[0], hours=2)
    client.force_login(dean_chemistry)
    one = count_queries(client, url)
    Absence.objects.bulk_create(Absence(record=record, student=s, hours=2) for s in students[1:3])
    with django_assert_num_queries(one):
        response = client.get(url)
    assert len(response.context["lists"].warning) == 3


def test_my_week_links_a_teachers_lessons_held_to_their_record(client, world, chemistry, karimov_user):
    past, future = held(world, chemistry, 0), held(world, chemistry, -7)
    client.force_login(karimov_user)
    week = reverse("web:schedule_my_week")
    page = text(client.get(f"{week}?week={past.date:%Y-%m-%d}"))
    assert re.findall(r'href="([^"]*)" data-testid="record-lesson"', page) == [record_url(past)]
    page = text(client.get(f"{week}?week={future.date:%Y-%m-%d}"))
    assert f'data-lesson="{future.pk}"' in page
    assert 'data-testid="record-lesson"' not in page


def test_daily_marks_on_the_five_point_system(client, world, chemistry, karimov_user, students):
    world.curriculum.marking_system = MarkingSystem.objects.get(code=MarkingSystemCode.FIVE_POINT)
    world.curriculum.save(update_fields=["marking_system"])
    lesson = held(world, chemistry, 0)
    client.force_login(karimov_user)
    page = text(client.get(record_url(lesson)))
    assert f'name="mark_{students[0].pk}"' in page
    data = {f"absent_{s.pk}": "0" for s in students} | {"version": "", f"mark_{students[0].pk}": "7"}
    before = state()
    response = client.post(record_url(lesson), data)
    assert response.status_code == 400
    assert f"{students[0].full_name}: a daily mark must be from 2 to 5." in text(response)
    assert state() == before
    assert client.post(record_url(lesson), data | {f"mark_{students[0].pk}": "5"}).status_code == 302
    assert list(DailyMark.objects.values_list("student_id", "value")) == [(students[0].pk, 5)]


def test_record_page_queries_do_not_grow_with_students(
    client, world, chemistry, karimov_user, students, django_assert_num_queries
):
    lesson = held(world, chemistry, 0)
    recorded(lesson, karimov_user, {students[0].pk: 2})
    client.force_login(karimov_user)
    one = count_queries(client, record_url(lesson))
    f.StudentFactory(group=world.kt21, last_name="Yangi")
    f.StudentFactory(group=world.kt21, last_name="Yangiroq")
    with django_assert_num_queries(one):
        response = client.get(record_url(lesson))
    assert len(response.context["form"].rows) == 14


def test_head_of_department_reads_a_record_without_editing_or_reopening(
    client, uni, world, chemistry, load, karimov_user, students
):
    lesson = held(world, chemistry, 30)
    recorded(lesson, karimov_user, {students[0].pk: 2})
    topic = Topic.objects.create(
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=LECTURE,
        position=1,
        title="Atoms",
        hours=2,
    )
    LessonRecord.objects.update(topic=topic)
    head = f.UserFactory(username="head_inorg", first_name="Bobur", last_name="Aliyev")
    f.grant(head, "head", uni["inorganic"])
    client.force_login(head)
    assert "Journal: General chemistry, KT-21" in text(client.get(journal_url(load)))
    page = text(client.get(record_url(lesson)))
    assert "Topic: 1. Atoms" in page
    assert 'data-testid="record-read-only"' in page
    assert 'data-testid="record-form"' not in page and 'data-testid="reopen-form"' not in page
    before = state()
    assert (
        client.post(record_url(lesson), {f"absent_{students[1].pk}": "2", "version": "1"}).status_code == 403
    )
    assert (
        client.post(
            reverse("web:teaching_lesson_reopen", args=[lesson.pk]), {"until": "01.01.2100"}
        ).status_code
        == 404
    )
    assert state() == before


def test_academic_department_reads_the_excuses_without_excusing(
    client, world, academic, dean_chemistry, students
):
    journal.excuse_absences(
        student=students[0],
        from_date=dt.date(2026, 11, 2),
        to_date=dt.date(2026, 11, 4),
        reason="Illness",
        document_number="095-12",
        actor=dean_chemistry,
    )
    client.force_login(academic)
    page = text(client.get(reverse("web:teaching_excuses")))
    assert "02.11.2026–04.11.2026" in page and students[0].full_name in page
    assert 'data-testid="excuse-form"' not in page and 'data-testid="withdraw"' not in page
    before = state()
    excuse = Excuse.objects.get()
    assert client.post(reverse("web:teaching_excuse_withdraw", args=[excuse.pk])).status_code == 404
    data = {"student": students[1].student_id_number, "from_date": "01.12.2026", "to_date": "02.12.2026"}
    assert (
        client.post(
            reverse("web:teaching_excuses"), data | {"reason": "x", "document_number": "1"}
        ).status_code
        == 403
    )
    assert state() == before
