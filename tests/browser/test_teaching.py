"""Teaching in a real browser (issue 12): the head of department puts a teacher on a group's subject,
the teacher records a lesson held with two students absent, the dean's office excuses one of them, and
the absence lists follow — two students on the warning list before the excuse, one after it."""

import datetime as dt

import pytest
from django.utils import timezone

from hemis.academics.models import Subject
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import Lesson, LessonGroup, TeachingLoad
from hemis.teaching.models import Absence, AttendanceRules, Excuse, LessonRecord
from hemis.testing import factories as f
from hemis.testing.schedule import bind, build_world, with_login
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LECTURE = TrainingType.LECTURE


def messages(page) -> list[str]:
    return page.locator(".messages .message").all_inner_texts()


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def list_names(page, code: str) -> list[str]:
    return page.locator(f"[data-testid=list-{code}] [data-testid=list-row] td:first-child").all_inner_texts()


def test_head_assigns_teacher_records_two_absences_dean_excuses_one_lists_follow(
    page, live_server, uni, dean_chemistry
):
    world = build_world(uni)
    # General chemistry, bound to KT-21 for the autumn semester (today's), with 30 lecture hours and no
    # teacher yet: what the head of department distributes.
    chemistry = Subject.objects.create(
        code="KIM101", name_uz="Umumiy kimyo", name_en="General chemistry", department=world.department
    )
    bind(world, world.kt21, chemistry, world.autumn, {LECTURE: world.karimov})
    TeachingLoad.objects.filter(group_subject__curriculum_subject__subject=chemistry).delete()
    # Low thresholds, so that one lesson's absences put a student on the warning list.
    AttendanceRules.objects.create(
        marking_system=world.curriculum.marking_system,
        warning_hours=2,
        reprimand_hours=10,
        expulsion_hours=20,
    )
    head = f.UserFactory(username="head_inorganic", first_name="Bahodir", last_name="Nazarov")
    f.grant(head, "head", world.department)
    teacher = with_login(world.karimov, "karimov", first_name="Anvar", last_name="Karimov")
    f.grant(teacher, "teacher")
    first, second = world.kt21.students.order_by("last_name", "first_name", "pk")[:2]
    first.student_id_number = "325101100001"
    first.save(update_fields=["student_id_number"])
    errors: list[str] = []  # a CSP violation (an inline style or script) shows as a console error
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # 1. The head of department puts Karimov on KT-21's chemistry lectures.
    login(page, live_server, "head_inorganic")
    page.goto(f"{live_server.url}/teaching/distribution/?semester={world.autumn.pk}&unassigned=on")
    rows = page.locator("[data-testid=distribution-row]")
    assert rows.count() == 1
    assert "Umumiy kimyo" in rows.first.inner_text() and "KT-21" in rows.first.inner_text()
    page.check(f"[data-testid=row-KT-21-{LECTURE.value}]")
    page.select_option("#id_teacher", str(world.karimov.pk))
    submit(page, "[data-testid=stream-form] button[type=submit]")
    assert len(messages(page)) == 1
    load = TeachingLoad.objects.get(group_subject__curriculum_subject__subject=chemistry)
    assert (load.teacher, load.training_type, load.assigned_on) == (
        world.karimov,
        LECTURE,
        timezone.localdate(),
    )
    page.goto(f"{live_server.url}/teaching/distribution/?semester={world.autumn.pk}")
    chemistry_row = page.locator("[data-testid=distribution-row]", has_text="Umumiy kimyo")
    assert chemistry_row.locator("[data-testid=load]").inner_text().startswith("Karimov A.")

    # The lesson the timetable held yesterday (written straight: the timetable is not under test here).
    lesson = Lesson.objects.create(
        semester=world.autumn,
        faculty=world.faculty,
        subject=chemistry,
        training_type=LECTURE,
        teacher=world.karimov,
        room=world.room301,
        date=timezone.localdate() - dt.timedelta(days=1),
        pair=1,
        start_time=dt.time(8, 30),
        end_time=dt.time(9, 50),
    )
    LessonGroup.objects.create(lesson=lesson, group=world.kt21)

    # 2. The teacher records the lesson: two students absent for the whole pair.
    page.context.clear_cookies()
    login(page, live_server, "karimov")
    page.goto(f"{live_server.url}/teaching/lessons/{lesson.pk}/record/")
    assert page.locator("[data-testid=attendance-row]").count() == 12
    page.select_option(f"#id_absent_{first.pk}", "2")
    page.select_option(f"#id_absent_{second.pk}", "2")
    submit(page, "[data-testid=record-form] button[type=submit]")
    assert len(messages(page)) == 1
    record = LessonRecord.objects.get(lesson=lesson)
    absences = dict(Absence.objects.filter(record=record).values_list("student_id", "hours"))
    assert absences == {first.pk: 2, second.pk: 2}
    page.goto(f"{live_server.url}/teaching/loads/{load.pk}/journal/")
    row = page.locator("[data-testid=journal-row]", has_text=first.full_name)
    assert row.locator("[data-testid=unexcused]").inner_text() == "2"
    assert page.locator("[data-testid=journal-lesson]").inner_text().endswith("✓")

    # 3. The dean's office sees both on the warning list, excuses the first with a document, and the
    # lists follow: only the second is left.
    page.context.clear_cookies()
    login(page, live_server, "dean_chem")
    lists = f"{live_server.url}/teaching/absence-lists/?faculty={world.faculty.pk}&semester={world.autumn.pk}"
    page.goto(lists)
    assert sorted(list_names(page, "warning")) == sorted([first.full_name, second.full_name])
    assert list_names(page, "reprimand") == []
    page.goto(f"{live_server.url}/teaching/excuses/")
    page.fill("#id_student", "325101100001")
    day = f"{lesson.date:%d.%m.%Y}"
    page.fill("#id_from_date", day)
    page.fill("#id_to_date", day)
    page.fill("#id_reason", "Kasallik")
    page.fill("#id_document_number", "086-1234")
    submit(page, "[data-testid=excuse-form] button[type=submit]")
    assert len(messages(page)) == 1
    excuse = Excuse.objects.get(student=first)
    assert list(Absence.objects.filter(excuse=excuse).values_list("student_id", "hours")) == [(first.pk, 2)]
    excused = page.locator("[data-testid=excuse]")
    assert excused.count() == 1 and first.full_name in excused.inner_text()
    page.goto(lists)
    assert list_names(page, "warning") == [second.full_name]
    assert errors == []
