"""The department head's pages: the distribution of the department's subjects to teachers (annex 6), the
teachers' progress, and their methodological and research works with the head's approval."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.schedule.selectors import semester_on
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject
from hemis.teaching.enums import WorkKind, WorkStatus
from hemis.teaching.models import Topic, Work
from hemis.teaching.services import works as work_services
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, more_groups, text, with_login

D = dt.date
LECTURE, PRACTICAL, LAB = TrainingType.LECTURE, TrainingType.PRACTICAL, TrainingType.LABORATORY
DISTRIBUTION = "web:teaching_distribution"


def head_of(unit, username: str = "head_inorg"):
    user = f.UserFactory(username=username, first_name="Hamid", last_name="Olimov")
    f.grant(user, "head", unit)
    return user


def distribution_url(world, **params) -> str:
    query = {"semester": world.semester.pk, **params}
    return reverse(DISTRIBUTION) + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def rows(response) -> list[tuple]:
    return [
        (
            row.binding.group.name,
            row.binding.curriculum_subject.subject.code,
            row.hours.training_type,
            row.hours.hours,
            [(load.teacher.last_name, load.assigned_on) for load in row.loads],
        )
        for row in response.context["rows"]
    ]


def loads() -> list[tuple]:
    return list(
        TeachingLoad.objects.order_by("pk").values_list(
            "group_subject__group__name",
            "group_subject__curriculum_subject__subject__code",
            "training_type",
            "teacher__last_name",
            "assigned_on",
        )
    )


def key(world, group: str, code: str, training_type: str) -> str:
    return f"{world.bindings[(group, code)].pk}-{training_type}"


def test_head_sees_the_distribution_of_its_departments_subjects(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    response = client.get(distribution_url(world))
    on = D(2027, 1, 10)
    assert rows(response) == [
        ("KT-21", "FIZ204", LECTURE, 30, [("Rahimova", on)]),
        ("KT-22", "FIZ204", LECTURE, 30, [("Rahimova", on)]),
        ("KT-21", "FIZ204", LAB, 30, [("Rahimova", on)]),
        ("KT-22", "FIZ204", LAB, 30, [("Rahimova", on)]),
        ("KT-21", "MAT204", LECTURE, 30, [("Karimov", on)]),
        ("KT-22", "MAT204", LECTURE, 30, [("Karimov", on)]),
        ("KT-21", "MAT204", PRACTICAL, 30, [("Karimov", on)]),
        ("KT-22", "MAT204", PRACTICAL, 30, [("Karimov", on)]),
    ]
    page = text(response)
    assert "Distribution of subjects: Noorganik kimyo kafedrasi" in page
    assert 'Rahimova D. <span class="muted">since 10.01.2027</span>' in page
    form = response.context["form"]
    assert [t.last_name for t in form.fields["teacher"].queryset] == ["Karimov", "Rahimova"]
    assert response.context["filter_form"]["department"].value() == uni["inorganic"].pk


def test_the_current_semester_is_the_default(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    response = client.get(reverse(DISTRIBUTION))
    assert response.context["semester"] == semester_on(timezone.localdate())
    response = client.get(reverse(DISTRIBUTION), {"semester": world.autumn.pk})
    assert (response.context["semester"], response.context["rows"]) == (world.autumn, [])
    assert "No groups study the department's subjects in this semester." in text(response)


def test_unassigned_only(client, world, uni):
    TeachingLoad.objects.filter(training_type=PRACTICAL, group_subject__group=world.kt22).delete()
    client.force_login(head_of(uni["inorganic"]))
    response = client.get(distribution_url(world, unassigned="on"))
    assert rows(response) == [("KT-22", "MAT204", PRACTICAL, 30, [])]
    assert "No teacher" in text(response)


def test_head_assigns_a_teacher_to_a_stream_of_two_groups(client, world, uni):
    head = head_of(uni["inorganic"])
    TeachingLoad.objects.filter(training_type=PRACTICAL).delete()
    client.force_login(head)
    data = {
        "rows": [key(world, "KT-21", "MAT204", PRACTICAL), key(world, "KT-22", "MAT204", PRACTICAL)],
        "teacher": world.rahimova.pk,
        "assigned_on": "20.01.2027",
    }
    response = client.post(distribution_url(world), data)
    assert (
        response.url
        == f"{reverse(DISTRIBUTION)}?department={uni['inorganic'].pk}&semester={world.semester.pk}"
    )
    added = TeachingLoad.objects.filter(teacher=world.rahimova, training_type=PRACTICAL).order_by(
        "group_subject__group__name"
    )
    assert [(a.group_subject.group.name, a.assigned_on, a.created_by) for a in added] == [
        ("KT-21", D(2027, 1, 20), head),
        ("KT-22", D(2027, 1, 20), head),
    ]
    followed = client.get(response.url)
    assert [str(m) for m in followed.context["messages"]] == [
        "Rahimova D. now teaches Oliy matematika (practical) to KT-21, KT-22."
    ]
    events = AuditEvent.objects.filter(action="schedule.load.assigned").order_by("pk")
    assert [(e.target_id, e.actor_id) for e in events] == [(str(a.pk), head.pk) for a in added]


def test_a_refusal_for_one_group_leaves_every_group_as_it_was(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    TeachingLoad.objects.filter(training_type=PRACTICAL, group_subject__group=world.kt21).delete()
    before = loads()
    data = {
        "rows": [key(world, "KT-21", "MAT204", PRACTICAL), key(world, "KT-22", "MAT204", PRACTICAL)],
        "teacher": world.karimov.pk,
        "assigned_on": "20.01.2027",
    }
    response = client.post(distribution_url(world), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {"teacher": ["KT-22: Karimov A. already has this load."]}
    assert "KT-22: Karimov A. already has this load." in text(response)
    assert loads() == before
    assert not AuditEvent.objects.filter(action="schedule.load.assigned").exists()


def test_rows_of_two_lesson_types_or_two_subjects_are_refused(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    before = loads()
    data = {
        "rows": [key(world, "KT-21", "MAT204", PRACTICAL), key(world, "KT-21", "MAT204", LECTURE)],
        "teacher": world.rahimova.pk,
        "assigned_on": "20.01.2027",
    }
    response = client.post(distribution_url(world), data)
    assert response.context["form"].errors == {"rows": ["Tick rows of one lesson type."]}
    data["rows"] = [key(world, "KT-21", "MAT204", LECTURE), key(world, "KT-21", "FIZ204", LECTURE)]
    response = client.post(distribution_url(world), data)
    assert response.context["form"].errors == {
        "rows": ["A stream is one subject in one semester; choose groups of one subject."]
    }
    assert "A stream is one subject in one semester; choose groups of one subject." in text(response)
    assert loads() == before


def test_only_the_departments_teachers_are_offered(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    outsider = f.EmployeeFactory(last_name="Begonayev")
    f.appoint(outsider, uni["accounting_dept"])
    before = loads()
    data = {
        "rows": [key(world, "KT-21", "MAT204", LECTURE)],
        "teacher": outsider.pk,
        "assigned_on": "20.01.2027",
    }
    response = client.post(distribution_url(world), data)
    assert response.context["form"].errors == {
        "teacher": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert loads() == before


def test_head_takes_a_teacher_off_a_load(client, world, uni):
    head = head_of(uni["inorganic"])
    client.force_login(head)
    load = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "FIZ204")], training_type=LAB)
    response = client.post(reverse("web:teaching_load_remove", args=[load.pk]), {"unassigned": "on"})
    assert response.url == (
        f"{reverse(DISTRIBUTION)}?department={uni['inorganic'].pk}&semester={world.semester.pk}&unassigned=on"
    )
    assert not TeachingLoad.objects.filter(pk=load.pk).exists()
    followed = client.get(response.url)
    assert [str(m) for m in followed.context["messages"]] == [
        "Rahimova D. no longer teaches Fizika (laboratory) to group KT-21."
    ]
    assert rows(followed) == [("KT-21", "FIZ204", LAB, 30, [])]
    event = AuditEvent.objects.get(action="schedule.load.removed")
    assert (event.actor_id, event.target_id) == (head.pk, str(load.pk))


def test_a_load_in_the_timetable_is_not_removed(client, world, uni, dean_chemistry):
    add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])
    client.force_login(head_of(uni["inorganic"]))
    before = loads()
    load = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "MAT204")], training_type=LECTURE)
    response = client.post(reverse("web:teaching_load_remove", args=[load.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The timetable still has lessons of this load; remove them first."
    ]
    assert loads() == before


def test_head_of_another_department_can_neither_see_nor_assign(client, world, uni):
    client.force_login(head_of(uni["accounting_dept"], "head_acc"))
    before = loads()
    response = client.get(distribution_url(world))
    assert response.context["department"] == uni["accounting_dept"]
    assert response.context["rows"] == []
    assert "KT-21" not in text(response)
    assert client.get(distribution_url(world, department=uni["inorganic"].pk)).status_code == 404
    data = {
        "rows": [key(world, "KT-21", "MAT204", LECTURE)],
        "teacher": world.rahimova.pk,
        "assigned_on": "20.01.2027",
    }
    assert client.post(distribution_url(world, department=uni["inorganic"].pk), data).status_code == 404
    assert client.post(distribution_url(world), data).status_code == 403
    load = TeachingLoad.objects.first()
    assert client.post(reverse("web:teaching_load_remove", args=[load.pk])).status_code == 404
    assert loads() == before


def test_academic_department_picks_a_department_and_only_reads(client, world, uni, academic):
    client.force_login(academic)
    before = loads()
    response = client.get(distribution_url(world, department=uni["inorganic"].pk))
    assert len(rows(response)) == 8
    assert response.context["form"] is None
    assert 'data-testid="remove-load"' not in response.content.decode()
    choices = [label for _value, label in response.context["filter_form"].fields["department"].choices]
    assert choices == ["D-ACC — Buxgalteriya hisobi kafedrasi", "D-INORG — Noorganik kimyo kafedrasi"]
    data = {
        "rows": [key(world, "KT-21", "MAT204", LECTURE)],
        "teacher": world.rahimova.pk,
        "assigned_on": "20.01.2027",
    }
    assert client.post(distribution_url(world, department=uni["inorganic"].pk), data).status_code == 403
    load = TeachingLoad.objects.first()
    assert client.post(reverse("web:teaching_load_remove", args=[load.pk])).status_code == 403
    assert loads() == before


def test_dean_puts_teachers_on_its_facultys_groups(client, world, uni, dean_chemistry, dean_economics):
    TeachingLoad.objects.filter(training_type=PRACTICAL, group_subject__group=world.kt22).delete()
    client.force_login(dean_chemistry)
    response = client.get(distribution_url(world, unassigned="on"))
    assert rows(response) == [("KT-22", "MAT204", PRACTICAL, 30, [])]
    data = {
        "rows": [key(world, "KT-22", "MAT204", PRACTICAL)],
        "teacher": world.rahimova.pk,
        "assigned_on": "01.02.2027",
    }
    response = client.post(distribution_url(world, unassigned="on"), data)
    assert response.url.endswith("&unassigned=on")
    added = TeachingLoad.objects.get(group_subject__group=world.kt22, training_type=PRACTICAL)
    assert (added.teacher, added.assigned_on, added.created_by) == (
        world.rahimova,
        D(2027, 2, 1),
        dean_chemistry,
    )
    assert "Every lesson type of the department's subjects has a teacher." in text(client.get(response.url))
    client.force_login(dean_economics)
    before = loads()
    assert client.get(distribution_url(world, department=uni["inorganic"].pk)).status_code == 404
    assert client.post(distribution_url(world, department=uni["inorganic"].pk), data).status_code == 404
    assert loads() == before


def test_a_teacher_has_no_distribution(client, world, uni):
    user = f.UserFactory(username="karimov")
    f.grant(user, "teacher", uni["inorganic"])
    client.force_login(user)
    before = loads()
    assert client.get(distribution_url(world)).status_code == 403
    data = {
        "rows": [key(world, "KT-21", "MAT204", LECTURE)],
        "teacher": world.karimov.pk,
        "assigned_on": "20.01.2027",
    }
    assert client.post(distribution_url(world), data).status_code == 403
    assert loads() == before


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_distribution_takes_the_same_queries_for_one_and_three_groups(client, world, uni):
    client.force_login(head_of(uni["inorganic"]))
    GroupSubject.objects.filter(group=world.kt22).delete()
    one = count_queries(client, distribution_url(world))
    more_groups(world, 2)
    for binding in GroupSubject.objects.exclude(group__in=[world.kt21, world.kt22]):
        TeachingLoad.objects.create(
            group_subject=binding, training_type=LECTURE, teacher=world.karimov, assigned_on=D(2027, 1, 12)
        )
    assert count_queries(client, distribution_url(world)) == one
    assert len(rows(client.get(distribution_url(world)))) == 12


# -- teachers' progress --

PROGRESS = "web:teaching_progress"


def progress_url(world, **params) -> str:
    query = {"semester": world.semester.pk, **params}
    return reverse(PROGRESS) + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def progress_rows(response) -> list[tuple]:
    return [
        (
            row.teacher.last_name,
            [
                (p.load.group_subject.group.name, p.load.training_type, p.topics.state, p.held, p.recorded)
                for p in row.loads
            ],
        )
        for row in response.context["teachers"]
    ]


def test_head_sees_each_teachers_progress(client, world, uni):
    # The page measures against today: the loads were assigned 30 days ago, Rahimova's laboratory today.
    today = timezone.localdate()
    assigned = today - dt.timedelta(days=30)
    TeachingLoad.objects.filter(training_type=PRACTICAL).delete()
    TeachingLoad.objects.update(assigned_on=assigned)
    TeachingLoad.objects.filter(training_type=LAB, group_subject__group=world.kt22).delete()
    TeachingLoad.objects.filter(training_type=LAB).update(assigned_on=today)
    math = world.bindings[("KT-21", "MAT204")].curriculum_subject
    topic = Topic.objects.create(
        curriculum_subject=math, training_type=LECTURE, position=1, title="T", hours=2
    )
    entered = dt.datetime.combine(assigned, dt.time(9), tzinfo=timezone.get_current_timezone())
    Topic.objects.filter(pk=topic.pk).update(created_at=entered)
    client.force_login(head_of(uni["inorganic"]))
    response = client.get(progress_url(world))
    assert progress_rows(response) == [
        ("Karimov", [("KT-21", LECTURE, "on_time", 0, 0), ("KT-22", LECTURE, "on_time", 0, 0)]),
        (
            "Rahimova",
            [
                ("KT-21", LECTURE, "overdue", 0, 0),
                ("KT-22", LECTURE, "overdue", 0, 0),
                ("KT-21", LAB, "due", 0, 0),
            ],
        ),
    ]
    page = " ".join(text(response).split())
    due = WorkingCalendar().add_working_days(assigned, 1)
    assert "Teachers' progress: Noorganik kimyo kafedrasi" in page
    assert (
        f'<span class="badge" data-testid="state">On time</span> {assigned:%d.%m.%Y} '
        f'<div class="muted">due {due:%d.%m.%Y}</div>'
    ) in page
    assert '<span class="badge badge-overdue" data-testid="state">Overdue</span>' in page
    assert '<span class="badge badge-pending" data-testid="state">Not yet due</span>' in page
    assert (
        "Deadlines in working days from the day the subject was given to the teacher: topics 1, resources 7, "
        "assignments 5." in page
    )


def test_dean_reads_its_facultys_departments_only(client, world, uni, dean_chemistry, dean_economics):
    client.force_login(dean_chemistry)
    response = client.get(progress_url(world))
    assert response.context["department"] == uni["inorganic"]
    assert [r[0] for r in progress_rows(response)] == ["Karimov", "Rahimova"]
    choices = [label for _value, label in response.context["filter_form"].fields["department"].choices]
    assert choices == ["D-INORG — Noorganik kimyo kafedrasi"]
    client.force_login(dean_economics)
    assert client.get(progress_url(world, department=uni["inorganic"].pk)).status_code == 404
    response = client.get(progress_url(world))
    assert response.context["department"] == uni["accounting_dept"]
    assert progress_rows(response) == []
    assert "Karimov" not in text(response)


def test_head_of_another_department_does_not_see_the_progress(client, world, uni):
    client.force_login(head_of(uni["accounting_dept"], "head_acc"))
    assert client.get(progress_url(world, department=uni["inorganic"].pk)).status_code == 404
    response = client.get(progress_url(world))
    assert progress_rows(response) == []
    assert "The department has no teachers." in text(response)


def test_progress_takes_the_same_queries_for_one_and_three_teachers(client, world, uni):
    TeachingLoad.objects.filter(teacher=world.rahimova).delete()
    world.rahimova.appointments.all().delete()
    client.force_login(head_of(uni["inorganic"]))
    one = count_queries(client, progress_url(world))
    for i in range(2):
        teacher = f.EmployeeFactory(last_name=f"Teacher{i}")
        f.appoint(teacher, world.department)
        TeachingLoad.objects.create(
            group_subject=world.bindings[("KT-21", "FIZ204")],
            training_type=LAB,
            teacher=teacher,
            assigned_on=D(2027, 1, 10),
        )
    assert count_queries(client, progress_url(world)) == one
    assert [r[0] for r in progress_rows(client.get(progress_url(world)))] == [
        "Karimov",
        "Teacher0",
        "Teacher1",
    ]


# -- methodological and research works --

WORKS = "web:teaching_works"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def teacher_login(world, uni, employee=None, username: str = "karimov"):
    employee = employee or world.karimov
    user = with_login(employee, username)
    f.grant(user, "teacher", uni["inorganic"])
    return user


def pdf(name: str = "manual.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 manual", content_type="application/pdf")


def enter(employee, title: str, actor=None) -> Work:
    return work_services.submit_work(
        teacher=employee,
        kind=WorkKind.METHODOLOGICAL,
        title=title,
        completed_on=D(2026, 11, 20),
        description="",
        file=pdf(),
        actor=actor or employee.user,
    )


def works_state() -> list[tuple]:
    return list(Work.objects.order_by("pk").values_list("title", "status", "reviewed_by", "review_comment"))


def listed(response) -> list[str]:
    return [w.title for w in response.context["page"]]


def test_a_teacher_adds_a_work_and_sees_only_their_own(client, world, uni):
    rahimova = teacher_login(world, uni, world.rahimova, "rahimova")
    enter(world.rahimova, "Fizika praktikumi")  # could leak
    user = teacher_login(world, uni)
    client.force_login(user)
    data = {
        "kind": WorkKind.RESEARCH,
        "title": "Kristall panjaralar",
        "completed_on": "20.11.2026",
        "description": "Maqola",
        "file": pdf("article.pdf"),
        "url": "",
    }
    response = client.post(reverse(WORKS), data)
    assert response.url == reverse(WORKS)
    work = Work.objects.get(title="Kristall panjaralar")
    assert (work.teacher, work.department, work.status, work.created_by) == (
        world.karimov,
        uni["inorganic"],
        WorkStatus.SUBMITTED,
        user,
    )
    followed = client.get(reverse(WORKS))
    assert [str(m) for m in followed.context["messages"]] == [
        "The work “Kristall panjaralar” awaits the approval of the head of department."
    ]
    assert listed(followed) == ["Kristall panjaralar"]
    page = text(followed)
    assert "My works" in page and "Awaiting approval" in page and "Fizika praktikumi" not in page
    assert followed.context["queue"] is None
    other = Work.objects.get(created_by=rahimova)
    assert client.get(reverse("web:teaching_work_file", args=[other.pk])).status_code == 404
    download = client.get(reverse("web:teaching_work_file", args=[work.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 manual"
    work.file.storage.delete(work.file.name)  # gone from the storage: 404, not a server error
    assert client.get(reverse("web:teaching_work_file", args=[work.pk])).status_code == 404


def test_a_refused_work_is_shown_on_the_form(client, world, uni):
    client.force_login(teacher_login(world, uni))
    data = {
        "kind": WorkKind.RESEARCH,
        "title": "Kristall panjaralar",
        "completed_on": "20.11.2026",
        "file": pdf("article.exe"),
    }
    response = client.post(reverse(WORKS), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["Upload a file of one of these types: pdf, doc, docx, zip."]
    }
    assert "Upload a file of one of these types: pdf, doc, docx, zip." in text(response)
    assert works_state() == []


def test_head_approves_and_returns_from_its_queue(client, world, uni):
    teacher_login(world, uni)
    first = enter(world.karimov, "Uslubiy qoʻllanma")
    second = enter(world.karimov, "Maʼruzalar matni")
    accountant = f.EmployeeFactory(last_name="Hisobchi")
    f.appoint(accountant, uni["accounting_dept"])
    with_login(accountant, "hisobchi")
    enter(accountant, "Buxgalteriya darsligi")  # another department's: could leak
    head = head_of(uni["inorganic"])
    client.force_login(head)
    response = client.get(reverse(WORKS))
    assert [w.title for w in response.context["queue"]] == ["Uslubiy qoʻllanma", "Maʼruzalar matni"]
    assert sorted(listed(response)) == ["Maʼruzalar matni", "Uslubiy qoʻllanma"]
    assert "Buxgalteriya darsligi" not in text(response)
    response = client.post(
        reverse("web:teaching_work_review", args=[first.pk]), {"decision": "approve"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "The work “Uslubiy qoʻllanma” of Karimov A. is approved."
    ]
    response = client.post(
        reverse("web:teaching_work_review", args=[second.pk]),
        {"decision": "return", "comment": "Add the references."},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "The work “Maʼruzalar matni” of Karimov A. is returned."
    ]
    assert works_state()[:2] == [
        ("Uslubiy qoʻllanma", WorkStatus.APPROVED, head.pk, ""),
        ("Maʼruzalar matni", WorkStatus.RETURNED, head.pk, "Add the references."),
    ]
    assert response.context["queue"] == []
    assert "No works await your approval." in text(response)
    assert AuditEvent.objects.filter(action="teaching.work.approved", actor=head).count() == 1
    assert AuditEvent.objects.filter(action="teaching.work.returned", actor=head).count() == 1


def test_a_refused_review_changes_nothing(client, world, uni):
    teacher_login(world, uni)
    head = head_of(uni["inorganic"])
    work = enter(world.karimov, "Uslubiy qoʻllanma")
    mine = enter(world.karimov, "Kiritilgan", actor=head)  # the head typed it in: someone else approves
    client.force_login(head)
    assert [w.title for w in client.get(reverse(WORKS)).context["queue"]] == ["Uslubiy qoʻllanma"]
    before = works_state()
    response = client.post(
        reverse("web:teaching_work_review", args=[work.pk]), {"decision": "return"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["Say why the work is returned."]
    response = client.post(
        reverse("web:teaching_work_review", args=[mine.pk]), {"decision": "approve"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "You entered this work or are its author: another person must review it."
    ]
    assert works_state() == before
    assert not AuditEvent.objects.filter(
        action__in=["teaching.work.approved", "teaching.work.returned"]
    ).exists()


def test_others_cannot_review(client, world, uni, academic):
    teacher_login(world, uni)
    work = enter(world.karimov, "Uslubiy qoʻllanma")
    before = works_state()
    client.force_login(head_of(uni["accounting_dept"], "head_acc"))
    response = client.get(reverse(WORKS))
    assert (listed(response), response.context["queue"]) == ([], [])
    assert (
        client.post(reverse("web:teaching_work_review", args=[work.pk]), {"decision": "approve"}).status_code
        == 404
    )
    assert client.get(reverse("web:teaching_work_file", args=[work.pk])).status_code == 404
    client.force_login(academic)
    response = client.get(reverse(WORKS))
    assert (listed(response), response.context["queue"], response.context["form"]) == (
        ["Uslubiy qoʻllanma"],
        None,
        None,
    )
    assert "Methodological and research works" in text(response)
    assert (
        client.post(reverse("web:teaching_work_review", args=[work.pk]), {"decision": "approve"}).status_code
        == 403
    )
    client.force_login(world.karimov.user)
    assert (
        client.post(reverse("web:teaching_work_review", args=[work.pk]), {"decision": "approve"}).status_code
        == 403
    )
    assert works_state() == before


def test_a_teacher_resubmits_a_returned_work(client, world, uni):
    user = teacher_login(world, uni)
    head = head_of(uni["inorganic"])
    work = enter(world.karimov, "Uslubiy qoʻllanma")
    work_services.return_work(work=work, comment="Add the references.", actor=head)
    client.force_login(user)
    listing = client.get(reverse(WORKS))
    assert 'data-testid="resubmit"' in listing.content.decode()
    url = reverse("web:teaching_work_resubmit", args=[work.pk])
    page = client.get(url)
    assert "Returned with the comment: Add the references." in text(page)
    assert page.context["form"]["title"].value() == "Uslubiy qoʻllanma"
    data = {"kind": WorkKind.METHODOLOGICAL, "title": "Uslubiy qoʻllanma, 2", "completed_on": "21.11.2026"}
    response = client.post(url, data)
    assert response.url == reverse(WORKS)
    work.refresh_from_db()
    assert (work.title, work.status, work.completed_on) == (
        "Uslubiy qoʻllanma, 2",
        WorkStatus.SUBMITTED,
        D(2026, 11, 21),
    )
    response = client.post(url, data)  # no longer returned
    assert response.context["form"].errors == {"title": ["Only a returned work can be resubmitted."]}


def test_works_page_takes_the_same_queries_for_one_and_three_works(client, world, uni):
    teacher_login(world, uni)
    enter(world.karimov, "Work 0")
    client.force_login(head_of(uni["inorganic"]))
    one = count_queries(client, reverse(WORKS))
    enter(world.karimov, "Work 1")
    with_login(world.rahimova, "rahimova")
    enter(world.rahimova, "Work 2")
    assert count_queries(client, reverse(WORKS)) == one
    response = client.get(reverse(WORKS))
    assert (len(listed(response)), len(response.context["queue"])) == (3, 3)


def test_a_faculty_without_departments_is_told_so_on_the_heads_pages(client, uni):
    faculty = f.faculty("F-NEW", "Yangi fakultet")
    dean = f.UserFactory(username="dean_new")
    f.grant(dean, "dean", faculty)
    client.force_login(dean)
    for name in ("web:teaching_distribution", "web:teaching_progress"):
        page = text(client.get(reverse(name)))
        assert "There is no department here yet" in page and 'data-testid="no-department"' in page
        assert 'data-testid="distribution"' not in page
