"""A teacher's subjects and one load's content pages (hemis/web/teaching/content.py): Karimov edits
his Mathematics loads; Rahimova (Physics) neither sees nor edits them; the head of department, the dean
and the academic department read; a student and an outsider are refused; files only after the policy."""

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hemis.access.principal import build_principal
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.teaching.models import Assignment, Resource, Submission, Topic
from hemis.teaching.services import content as svc
from hemis.testing import factories as f
from hemis.testing.schedule import text, with_login
from hemis.web.nav import items_for

TASHKENT = ZoneInfo("Asia/Tashkent")
LECTURE, PRACTICAL = TrainingType.LECTURE, TrainingType.PRACTICAL
DEADLINE = dt.datetime(2027, 3, 1, 18, 0, tzinfo=TASHKENT)
BEFORE = dt.datetime(2027, 2, 20, 10, 0, tzinfo=TASHKENT)


VOID = {"input", "br", "img", "hr", "meta", "link"}


class Rows(HTMLParser):
    """The texts of the cells of each element marked ``data-testid=<testid>``, whitespace collapsed."""

    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.rows, self.depth, self.cell = testid, [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
            if tag in ("td", "th"):
                self.cell = []
        elif dict(attrs).get("data-testid") == self.testid:
            self.depth = 1
            self.rows.append([])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        self.depth -= 1

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rows(response, testid: str) -> list[list[str]]:
    parser = Rows(testid)
    parser.feed(response.content.decode())
    return parser.rows


def flashed(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def karimov(world, uni):
    user = with_login(world.karimov, "karimov", first_name="Anvar", last_name="Karimov")
    f.grant(user, "teacher", uni["inorganic"])
    return user


@pytest.fixture
def rahimova(world, uni):
    user = with_login(world.rahimova, "rahimova", first_name="Dilnoza", last_name="Rahimova")
    f.grant(user, "teacher", uni["inorganic"])
    return user


@pytest.fixture
def head(uni):
    user = f.UserFactory(username="head_inorganic", first_name="Rustam", last_name="Nazarov")
    f.grant(user, "head", uni["inorganic"])
    return user


@pytest.fixture
def load(world):
    """Karimov's Mathematics lecture to KT-21."""
    return TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "MAT204")], training_type=LECTURE)


@pytest.fixture
def student(world):
    student = world.kt21.students.order_by("last_name").first()
    with_login(student, "talaba")
    return student


def upload(name: str = "work.pdf", content: bytes = b"%PDF-1.4 answer") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def load_url(load) -> str:
    return reverse("web:teaching_load", args=[load.pk])


def file_url(kind: str, pk: int) -> str:
    return reverse("web:teaching_file", args=[kind, pk])


def plan(load) -> list[tuple]:
    return list(
        Topic.objects.filter(
            curriculum_subject=load.group_subject.curriculum_subject, training_type=load.training_type
        )
        .order_by("position")
        .values_list("position", "title", "hours")
    )


def fill(load, actor, student=None, *, n: int = 1) -> None:
    """``n`` topics, link resources and assignments of ``load`` (each with a submission of ``student``)."""
    cs = load.group_subject.curriculum_subject
    for i in range(1, n + 1):
        topic = svc.add_topic(
            curriculum_subject=cs, training_type=load.training_type, title=f"Topic {i}", hours=2, actor=actor
        )
        svc.add_resource(
            curriculum_subject=cs,
            training_type=load.training_type,
            teacher=load.teacher,
            title=f"Link {i}",
            url=f"https://example.uz/{i}",
            topic=topic,
            actor=actor,
        )
        assignment = svc.add_assignment(
            load=load, title=f"Task {i}", deadline=DEADLINE, max_points=Decimal(10), topic=topic, actor=actor
        )
        if student is not None:
            svc.submit(assignment=assignment, student=student, file=upload(), actor=actor, now=BEFORE)


# -- the list of a teacher's subjects --


def test_teacher_sees_their_loads_by_semester_with_counts(client, world, load, karimov):
    fill(load, karimov)
    client.force_login(karimov)
    response = client.get(reverse("web:teaching_my_subjects"))
    assert rows(response, "load") == [
        ["Oliy matematika MAT204", "KT-21", "Lecture", "Karimov A.", "1", "1", "1"],
        ["", "KT-21", "Practical", "Karimov A.", "0", "0", "0"],
        ["", "KT-22", "Lecture", "Karimov A.", "1", "1", "0"],
        ["", "KT-22", "Practical", "Karimov A.", "0", "0", "0"],
    ]
    assert "<h1>My subjects</h1>" in text(response)
    assert '<h2>2026-2027, Spring semester <span class="muted">01.02.2027 – 13.06.2027</span></h2>' in text(
        response
    )
    assert f'href="{load_url(load)}"' in text(response)


def test_head_reads_the_departments_loads(client, world, head):
    client.force_login(head)
    response = client.get(reverse("web:teaching_my_subjects"), {"semester": world.semester.pk})
    assert [(r[1], r[2], r[3]) for r in rows(response, "load")] == [
        ("KT-21", "Lecture", "Rahimova D."),
        ("KT-21", "Laboratory", "Rahimova D."),
        ("KT-22", "Lecture", "Rahimova D."),
        ("KT-22", "Laboratory", "Rahimova D."),
        ("KT-21", "Lecture", "Karimov A."),
        ("KT-21", "Practical", "Karimov A."),
        ("KT-22", "Lecture", "Karimov A."),
        ("KT-22", "Practical", "Karimov A."),
    ]
    assert "<h1>Subject content</h1>" in text(response)


@pytest.mark.parametrize("who", ["student", "outsider"])
def test_a_student_or_an_outsider_is_refused(client, world, load, karimov, request, who):
    user = (
        request.getfixturevalue("student").user if who == "student" else request.getfixturevalue("outsider")
    )
    client.force_login(user)
    assert client.get(reverse("web:teaching_my_subjects")).status_code == 403
    page = client.get(load_url(load))
    assert (page.status_code, "Oliy matematika" in text(page)) == (404, False)
    response = client.post(reverse("web:teaching_topic_add", args=[load.pk]), {"title": "Hacked", "hours": 2})
    assert response.status_code == 404
    assert plan(load) == []


# -- one load --


def test_load_page_shows_plan_resources_assignments_and_submissions(client, world, load, karimov, student):
    fill(load, karimov, student, n=2)
    svc.add_resource(
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=LECTURE,
        teacher=world.karimov,
        title="Slides",
        file=upload("slides.pdf", b"x" * 2048),
        actor=karimov,
    )
    submission = Submission.objects.get(assignment__title="Task 1")
    svc.grade_submission(
        submission=submission, points=Decimal("8.5"), comment="Good", expected_points=None, actor=karimov
    )
    client.force_login(karimov)
    response = client.get(load_url(load))
    assert rows(response, "topic") == [
        ["1", "Topic 1", "2", "", "Edit ↓ Delete"],
        ["2", "Topic 2", "2", "", "Edit ↑ Delete"],
    ]
    assert rows(response, "totals") == [["", "Total", "4", "of 30 in the curriculum"]]
    assert rows(response, "hours-warning") == [[]]
    assert "The topics have 4 hours; the curriculum gives 30 hours of this lesson type." in text(response)
    assert [r[:4] for r in rows(response, "resource")] == [
        ["Slides", "", "File", "2,0 KB"],
        ["Link 1", "1. Topic 1", "Link", ""],
        ["Link 2", "2. Topic 2", "Link", ""],
    ]
    page = text(response)
    assert f'href="{file_url("resource", Resource.objects.get(title="Slides").pk)}"' in page
    assert "/media/" not in page
    assert 'href="https://example.uz/1" rel="noopener noreferrer"' in page
    assert "Deadline 01.03.2027 18:00 · maximum 10,00 points · 1 attempt · 1. Topic 1" in page
    submitted = [
        timezone.localtime(s.created_at).strftime("%d.%m.%Y %H:%M")
        for s in Submission.objects.order_by("assignment__deadline", "assignment_id")
    ]
    assert [r[:5] for r in rows(response, "submission")] == [
        ["Aliyev0 Gulnoza", "1", submitted[0], "Download", ""],
        ["Aliyev0 Gulnoza", "1", submitted[1], "Download", ""],
    ]
    assert (
        'name="seen" value="8.50"' in page
        and 'name="points" inputmode="decimal" size="5" value="8,50"' in page
    )
    assert 'name="comment" value="Good"' in page
    assert "Graded by Anvar Karimov on" in page


def test_the_curriculum_hours_warning_disappears_when_they_match(client, load, karimov):
    cs = load.group_subject.curriculum_subject
    svc.add_topic(curriculum_subject=cs, training_type=LECTURE, title="All of it", hours=30, actor=karimov)
    client.force_login(karimov)
    response = client.get(load_url(load))
    assert (rows(response, "hours-warning"), rows(response, "totals")) == (
        [],
        [["", "Total", "30", "of 30 in the curriculum"]],
    )


def test_head_reads_a_load_without_forms(client, load, karimov, head):
    fill(load, karimov)
    client.force_login(head)
    response = client.get(load_url(load))
    assert (response.context["editable"], "topic_form" in response.context) == (False, False)
    assert rows(response, "topic") == [["1", "Topic 1", "2", ""]]
    response = client.post(reverse("web:teaching_topic_add", args=[load.pk]), {"title": "Mine", "hours": 2})
    assert response.status_code == 404
    assert plan(load) == [(1, "Topic 1", 2)]


def test_another_teacher_neither_sees_nor_edits_the_load(client, world, load, karimov, rahimova, student):
    fill(load, karimov, student)
    topic = Topic.objects.get()
    assignment = Assignment.objects.get()
    submission = Submission.objects.get()
    client.force_login(rahimova)
    assert client.get(load_url(load)).status_code == 404
    assert [r[1:3] for r in rows(client.get(reverse("web:teaching_my_subjects")), "load")] == [
        ["KT-21", "Lecture"],
        ["KT-21", "Laboratory"],
        ["KT-22", "Lecture"],
        ["KT-22", "Laboratory"],
    ]
    posts = [
        (reverse("web:teaching_topic_add", args=[load.pk]), {"title": "Mine", "hours": 2}),
        (reverse("web:teaching_topic_edit", args=[load.pk, topic.pk]), {"title": "Mine", "hours": 3}),
        (reverse("web:teaching_topic_delete", args=[load.pk, topic.pk]), {}),
        (reverse("web:teaching_assignment_delete", args=[load.pk, assignment.pk]), {}),
        (
            reverse("web:teaching_submission_grade", args=[load.pk, submission.pk]),
            {"points": "10", "seen": ""},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    assert plan(load) == [(1, "Topic 1", 2)]
    submission.refresh_from_db()
    assert (Assignment.objects.count(), submission.points) == (1, None)
    # her own Physics load is hers to edit
    own = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "FIZ204")], training_type=LECTURE)
    assert client.get(load_url(own)).context["editable"] is True


def test_add_a_topic_from_the_page(client, load, karimov):
    client.force_login(karimov)
    response = client.post(
        reverse("web:teaching_topic_add", args=[load.pk]), {"title": "Limits", "hours": "4", "week": "1"}
    )
    assert response.url == load_url(load) + "#topics"
    assert plan(load) == [(1, "Limits", 4)]
    assert flashed(client.get(response.url)) == ["Topic 1 added."]


def test_a_topic_without_hours_is_shown_on_the_form(client, load, karimov):
    client.force_login(karimov)
    response = client.post(
        reverse("web:teaching_topic_add", args=[load.pk]), {"title": "Limits", "hours": "0"}
    )
    assert response.status_code == 400
    assert response.context["topic_form"].errors == {"hours": ["A topic takes at least 1 academic hour."]}
    assert "A topic takes at least 1 academic hour." in text(response)
    assert plan(load) == []


def test_edit_move_and_delete_topics_from_the_page(client, load, karimov):
    fill(load, karimov, n=3)
    first, second, third = Topic.objects.order_by("position")
    client.force_login(karimov)
    edit = reverse("web:teaching_topic_edit", args=[load.pk, second.pk])
    assert client.get(edit).context["form"].initial == {"title": "Topic 2", "hours": 2, "week": None}
    client.post(edit, {"title": "Derivatives", "hours": "6"})
    client.post(reverse("web:teaching_topic_move", args=[load.pk, third.pk]), {"direction": "up"})
    assert plan(load) == [(1, "Topic 1", 2), (2, "Topic 3", 2), (3, "Derivatives", 6)]
    response = client.post(reverse("web:teaching_topic_delete", args=[load.pk, first.pk]))
    assert plan(load) == [(1, "Topic 3", 2), (2, "Derivatives", 6)]
    assert flashed(client.get(response.url)) == ["Topic 2 saved.", "Topic “Topic 1” deleted."]


def test_a_refused_topic_edit_is_shown_on_its_page_and_nothing_changes(client, load, karimov):
    fill(load, karimov)
    topic = Topic.objects.get()
    client.force_login(karimov)
    edit = reverse("web:teaching_topic_edit", args=[load.pk, topic.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"title": "Derivatives", "hours": "0"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"hours": ["A topic takes at least 1 academic hour."]}
    assert "A topic takes at least 1 academic hour." in text(response)
    assert plan(load) == [(1, "Topic 1", 2)]


def test_upload_a_resource_and_download_it_after_the_policy(
    client, world, uni, load, karimov, rahimova, head, student, dean_chemistry, outsider
):
    client.force_login(karimov)
    response = client.post(
        reverse("web:teaching_resource_add", args=[load.pk]),
        {"title": "Lecture notes", "file": upload("notes.pdf", b"%PDF notes"), "url": ""},
    )
    assert response.url == load_url(load) + "#resources"
    resource = Resource.objects.get()
    assert (resource.kind, resource.size, resource.teacher) == ("file", 10, world.karimov)
    url = file_url("resource", resource.pk)
    for user in (karimov, head, dean_chemistry, student.user):
        client.force_login(user)
        download = client.get(url)
        assert (download.status_code, b"".join(download.streaming_content)) == (200, b"%PDF notes")
        assert download["Content-Disposition"].startswith('attachment; filename="notes')
    other_student = f.StudentFactory(user=f.UserFactory(username="econ_student"), group=uni["econ_group"])
    for user in (rahimova, outsider, other_student.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert client.get(file_url("secret", resource.pk)).status_code == 404


def test_a_refused_resource_file_is_shown_on_the_form_and_nothing_saved(client, load, karimov, media):
    client.force_login(karimov)
    response = client.post(
        reverse("web:teaching_resource_add", args=[load.pk]), {"title": "Tool", "file": upload("tool.exe")}
    )
    assert response.status_code == 400
    assert response.context["resource_form"].errors == {
        "file": [
            "Upload a file of one of these types: pdf, doc, docx, ppt, pptx, xls, xlsx, zip, jpg, png, mp4."
        ]
    }
    assert (Resource.objects.count(), list(media.rglob("*.*"))) == (0, [])


def test_delete_a_resource_from_the_page(client, load, karimov):
    fill(load, karimov)
    client.force_login(karimov)
    resource = Resource.objects.get()
    response = client.post(reverse("web:teaching_resource_delete", args=[load.pk, resource.pk]))
    assert Resource.objects.count() == 0
    assert flashed(client.get(response.url)) == ["Resource “Link 1” deleted."]


def test_add_and_edit_an_assignment_from_the_page(client, load, karimov):
    client.force_login(karimov)
    data = {
        "title": "Problem set",
        "description": "Chapter 2",
        "deadline": "01.03.2027 18:00",
        "max_points": "10",
        "attempts": "2",
        "file": upload("tasks.docx"),
    }
    response = client.post(reverse("web:teaching_assignment_add", args=[load.pk]), data)
    assert response.url == load_url(load) + "#assignments"
    assignment = Assignment.objects.get()
    assert (assignment.deadline, assignment.max_points, assignment.attempts, assignment.load) == (
        DEADLINE,
        Decimal("10.00"),
        2,
        load,
    )
    assert "Deadline 01.03.2027 18:00 · maximum 10,00 points · 2 attempts" in text(client.get(response.url))
    edit = reverse("web:teaching_assignment_edit", args=[load.pk, assignment.pk])
    assert 'value="01.03.2027 18:00"' in text(client.get(edit))
    response = client.post(edit, data | {"deadline": "08.03.2027 18:00", "file": "", "max_points": "20"})
    assert flashed(client.get(response.url)) == ["Assignment “Problem set” saved."]
    assignment.refresh_from_db()
    assert (assignment.deadline, assignment.max_points, assignment.file.name.endswith(".docx")) == (
        DEADLINE + dt.timedelta(days=7),
        Decimal("20.00"),
        True,
    )


def test_a_refused_assignment_is_shown_on_the_form(client, load, karimov):
    client.force_login(karimov)
    data = {"title": "Problem set", "deadline": "01.03.2027 18:00", "max_points": "0", "attempts": "1"}
    response = client.post(reverse("web:teaching_assignment_add", args=[load.pk]), data)
    assert response.status_code == 400
    assert response.context["assignment_form"].errors == {
        "max_points": ["The maximum points must be more than 0 and at most 999.99."]
    }
    assert Assignment.objects.count() == 0


def test_an_assignment_with_submissions_is_not_deleted_from_the_page(client, load, karimov, student):
    fill(load, karimov, student)
    client.force_login(karimov)
    assignment = Assignment.objects.get()
    response = client.post(reverse("web:teaching_assignment_delete", args=[load.pk, assignment.pk]))
    assert flashed(client.get(response.url)) == [
        "Students have submitted to this assignment; it cannot be deleted."
    ]
    assert Assignment.objects.count() == 1


def test_grade_a_submission_and_a_stale_grade_is_told(client, load, karimov, student):
    fill(load, karimov, student)
    submission = Submission.objects.get()
    client.force_login(karimov)
    url = reverse("web:teaching_submission_grade", args=[load.pk, submission.pk])
    response = client.post(url, {"points": "7.5", "comment": "Good", "seen": ""})
    assert response.url == load_url(load) + f"#submission-{submission.pk}"
    assert flashed(client.get(response.url)) == ["Aliyev0 Gulnoza: 7,50 points."]
    # a second tab still showing the submission ungraded
    response = client.post(url, {"points": "9", "comment": "Great", "seen": ""})
    assert flashed(client.get(response.url)) == [
        "Someone else graded this submission meanwhile (now 7,50 points); check and grade again."
    ]
    response = client.post(url, {"points": "11", "comment": "", "seen": "7.50"})
    assert flashed(client.get(response.url)) == ["Enter points from 0 to 10,00."]
    submission.refresh_from_db()
    assert (submission.points, submission.teacher_comment, submission.graded_by) == (
        Decimal("7.50"),
        "Good",
        karimov,
    )


def test_submission_and_assignment_files_after_the_policy(client, load, karimov, rahimova, student):
    fill(load, karimov, student)
    submission = Submission.objects.get()
    assignment = Assignment.objects.get()
    classmate = load.group_subject.group.students.order_by("last_name")[1]
    with_login(classmate, "classmate")
    for user, status in ((karimov, 200), (student.user, 200), (rahimova, 404), (classmate.user, 404)):
        client.force_login(user)
        assert client.get(file_url("submission", submission.pk)).status_code == status
    client.force_login(student.user)
    assert client.get(file_url("assignment", assignment.pk)).status_code == 404  # the assignment has no file


# -- query counts: bounded, the same at 1 and 3 items --


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_load_page_queries_do_not_grow_with_its_content(
    client, world, load, karimov, student, django_assert_num_queries
):
    fill(load, karimov, student, n=1)
    client.force_login(karimov)
    one = page_queries(client, load_url(load))
    fill(load, karimov, student, n=2)  # 3 topics, resources, assignments and submissions in all
    classmate = load.group_subject.group.students.order_by("last_name")[1]
    for assignment in Assignment.objects.all():
        svc.submit(assignment=assignment, student=classmate, file=upload(), actor=karimov, now=BEFORE)
    with django_assert_num_queries(one):
        client.get(load_url(load))
    assert one <= 14


def test_the_list_page_queries_do_not_grow_with_the_loads(client, world, uni, django_assert_num_queries):
    yusupov = f.EmployeeFactory(last_name="Yusupov", first_name="Olim", patronymic="")
    user = with_login(yusupov, "yusupov")
    f.grant(user, "teacher", uni["inorganic"])
    first = world.bindings[("KT-21", "MAT204")]
    TeachingLoad.objects.create(
        group_subject=first, training_type=PRACTICAL, teacher=yusupov, assigned_on=DEADLINE.date()
    )
    client.force_login(user)
    url = reverse("web:teaching_my_subjects")
    one = page_queries(client, url)
    for key, kind in ((("KT-22", "MAT204"), PRACTICAL), (("KT-21", "FIZ204"), TrainingType.LABORATORY)):
        TeachingLoad.objects.create(
            group_subject=world.bindings[key],
            training_type=kind,
            teacher=yusupov,
            assigned_on=DEADLINE.date(),
        )
    with django_assert_num_queries(one):
        response = client.get(url)
    assert len(rows(response, "load")) == 3
    assert one <= 7


# -- navigation, scope and leaks --


def nav_titles(user) -> list[str]:
    return [
        str(i["title"]) for i in items_for(build_principal(user, None), "/") if i["section"] == "Teaching"
    ]


def test_the_navigation_offers_my_subjects_or_subject_content(karimov, head, student):
    assert "My subjects" in nav_titles(karimov)
    assert "Subject content" not in nav_titles(karimov)
    assert "Subject content" in nav_titles(head)
    assert "My subjects" not in nav_titles(head)
    assert nav_titles(student.user) == []


def test_a_dean_of_another_faculty_sees_nothing(client, world, load, karimov, student, dean_economics):
    fill(load, karimov, student)
    client.force_login(dean_economics)
    response = client.get(reverse("web:teaching_my_subjects"), {"semester": world.semester.pk})
    assert (
        rows(response, "load"),
        "No teachers are assigned to subjects of this semester." in text(response),
    ) == (
        [],
        True,
    )
    assert client.get(load_url(load)).status_code == 404
    assert client.get(file_url("submission", Submission.objects.get().pk)).status_code == 404


def test_the_dean_reads_the_faculty_load_and_its_submissions(
    client, world, load, karimov, student, dean_chemistry
):
    fill(load, karimov, student)
    client.force_login(dean_chemistry)
    response = client.get(load_url(load))
    assert (response.context["editable"], [r[:2] for r in rows(response, "submission")]) == (
        False,
        [["Aliyev0 Gulnoza", "1"]],
    )
    assert 'data-testid="grade-form"' not in text(response)
    download = client.get(file_url("submission", Submission.objects.get().pk))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 answer"


def test_a_teacher_elsewhere_does_not_reach_the_content(client, world, uni, load, karimov, student):
    """An economics teacher with a load of their own sees neither the Mathematics load nor its files."""
    fill(load, karimov, student)
    svc.add_resource(
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=LECTURE,
        teacher=world.karimov,
        title="Slides",
        file=upload("slides.pdf"),
        actor=karimov,
    )
    ergashev = f.EmployeeFactory(last_name="Ergashev", first_name="Bobur", patronymic="")
    f.appoint(ergashev, uni["accounting_dept"])
    user = with_login(ergashev, "ergashev")
    f.grant(user, "teacher", uni["accounting_dept"])
    client.force_login(user)
    assert rows(client.get(reverse("web:teaching_my_subjects")), "load") == []
    assert "You are not assigned to any subject yet." in text(client.get(reverse("web:teaching_my_subjects")))
    for url in (
        load_url(load),
        file_url("resource", Resource.objects.get(kind="file").pk),
        file_url("assignment", Assignment.objects.get().pk),
        file_url("submission", Submission.objects.get().pk),
    ):
        assert client.get(url).status_code == 404


def test_points_in_the_languages_format_are_accepted(client, load, karimov, student):
    fill(load, karimov, student)
    submission = Submission.objects.get()
    client.force_login(karimov)
    url = reverse("web:teaching_submission_grade", args=[load.pk, submission.pk])
    client.post(url, {"points": "7,5", "comment": "", "seen": ""})
    response = client.post(url, {"points": "abc", "comment": "", "seen": "7.50"})
    assert flashed(client.get(response.url)) == ["Aliyev0 Gulnoza: 7,50 points.", "Enter a number."]
    submission.refresh_from_db()
    assert submission.points == Decimal("7.50")


def test_add_a_link_from_the_page_and_a_refused_link_is_shown_on_the_form(client, load, karimov):
    client.force_login(karimov)
    add = reverse("web:teaching_resource_add", args=[load.pk])
    response = client.post(add, {"title": "Notes", "url": "ftp://files.example.uz/notes.pdf"})
    assert response.status_code == 400
    assert response.context["resource_form"].errors == {
        "url": ["Enter a link that starts with http:// or https://."]
    }
    assert Resource.objects.count() == 0
    topic = svc.add_topic(
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=LECTURE,
        title="Limits",
        hours=2,
        actor=karimov,
    )
    response = client.post(add, {"title": "Notes", "url": "https://example.uz/notes", "topic": topic.pk})
    assert list(Resource.objects.values_list("kind", "title", "url", "topic")) == [
        ("link", "Notes", "https://example.uz/notes", topic.pk)
    ]
    assert flashed(client.get(response.url)) == ["Resource “Notes” added."]
