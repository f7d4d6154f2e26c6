"""A student's subjects and their content: the loads of their own group, the calendar plan, resources,
assignments with their own submissions, points and the teacher's comment; handing a file in through the
teaching service, with every refusal told and nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.teaching.models import Assignment, Resource, Submission, Topic
from hemis.teaching.validators import SUBMISSION_MAX_BYTES
from hemis.testing.grading_records import add_subject
from hemis.web.cabinet.forms import SubmissionForm
from hemis.web.cabinet.tests.cabinet_data import rows, text

LECTURE = TrainingType.LECTURE


def upload(name: str = "work.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = b"%PDF-1.4 answer" if size is None else b"x" * size
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def math_lecture(w, group: str = "KT-21") -> TeachingLoad:
    return TeachingLoad.objects.get(group_subject=w.bindings[(group, "MAT204")], training_type=LECTURE)


def task(load, *, title="Task 1", attempts=2, days=7, max_points="10") -> Assignment:
    return Assignment.objects.create(
        load=load,
        title=title,
        deadline=timezone.now() + dt.timedelta(days=days),
        max_points=Decimal(max_points),
        attempts=attempts,
    )


def page(load) -> str:
    return reverse("web:cabinet_subject", args=[load.pk])


def submit_url(load, assignment) -> str:
    return reverse("web:cabinet_submit", args=[load.pk, assignment.pk])


@pytest.fixture
def content(grading, pair):
    """Mathematics' lecture of KT-21: a topic, a file resource and a link; an assignment of two attempts
    Vali has submitted to (graded 7 with a comment) and Ali has not."""
    w = grading.world
    load = math_lecture(w)
    cs = load.group_subject.curriculum_subject
    topic = Topic.objects.create(
        curriculum_subject=cs, training_type=LECTURE, position=1, title="Limitlar", hours=2
    )
    Resource.objects.create(
        curriculum_subject=cs,
        training_type=LECTURE,
        topic=topic,
        teacher=w.karimov,
        kind="file",
        title="Maʼruza matni",
        file=SimpleUploadedFile("lecture.pdf", b"%PDF-1.4 lecture"),
        size=16,
    )
    Resource.objects.create(
        curriculum_subject=cs,
        training_type=LECTURE,
        teacher=w.karimov,
        kind="link",
        title="Video",
        url="https://example.uz/v",
    )
    assignment = task(load)
    vali = pair[1]
    Submission.objects.create(
        assignment=assignment,
        student=vali,
        attempt=1,
        file=SimpleUploadedFile("vali.pdf", b"%PDF vali"),
        points=Decimal("7"),
        teacher_comment="Vali, yaxshi",
        graded_at=timezone.now(),
    )
    return load, assignment


# --- the list and the page ------------------------------------------------------------------------------


def test_the_subjects_are_the_groups_loads(client, grading, pair):
    client.force_login(pair[0].user)
    response = client.get(reverse("web:cabinet_subjects"))
    assert rows(text(response), "cabinet-load") == [
        "FIZ204 Fizika Lecture · Rahimova D. 0 0 0",
        "FIZ204 Fizika Laboratory · Rahimova D. 0 0 0",
        "MAT204 Oliy matematika Lecture · Karimov A. 0 0 0",
        "MAT204 Oliy matematika Practical · Karimov A. 0 0 0",
    ]


def test_another_roles_and_another_groups_loads_are_refused(client, grading, pair, dean_chemistry, content):
    w = grading.world
    client.force_login(dean_chemistry)
    assert client.get(reverse("web:cabinet_subjects")).status_code == 403
    assert client.get(page(content[0])).status_code == 403
    client.force_login(pair[0].user)
    other = math_lecture(w, "KT-22")
    assert client.get(page(other)).status_code == 404
    other_task = task(other)
    before = Submission.objects.count()
    assert client.post(submit_url(other, other_task), {"file": upload()}).status_code == 404
    # an assignment of another load reached through one's own load's address
    assert client.post(submit_url(content[0], other_task), {"file": upload()}).status_code == 404
    assert Submission.objects.count() == before


def test_the_page_shows_the_content_and_only_ones_own_submissions(client, grading, pair, content):
    load, assignment = content
    ali, vali = pair
    client.force_login(ali.user)
    body = text(client.get(page(load)))
    assert rows(body, "topic") == ["1 Limitlar 2"]
    assert rows(body, "resource") == [
        "Video",
        "Maʼruza matni 1. Limitlar 16 bytes",
    ]  # the subject's own first
    resource = Resource.objects.get(kind="file")
    assert reverse("web:teaching_file", args=["resource", resource.pk]) in body
    assert client.get(reverse("web:teaching_file", args=["resource", resource.pk])).status_code == 200
    assert rows(body, "my-submission") == []
    assert "Vali, yaxshi" not in body
    vali_file = reverse("web:teaching_file", args=["submission", Submission.objects.get(student=vali).pk])
    assert client.get(vali_file).status_code == 404
    client.force_login(vali.user)
    body = text(client.get(page(load)))
    assert [r.split(" ", 1)[1].split(" Download ")[1] for r in rows(body, "my-submission")] == [
        "7,00 Vali, yaxshi"
    ]
    assert "Hand in (1 attempt left)" in body


# --- handing in -------------------------------------------------------------------------------------------


def test_a_student_hands_in_and_sees_the_attempt(client, grading, pair, content):
    load, assignment = content
    ali = pair[0]
    client.force_login(ali.user)
    response = client.post(submit_url(load, assignment), {"file": upload("answer.docx"), "comment": "Mana"})
    assert response.status_code == 302
    assert response["Location"] == page(load) + f"#assignment-{assignment.pk}"
    made = Submission.objects.get(student=ali)
    assert (made.attempt, made.comment, made.assignment_id) == (1, "Mana", assignment.pk)
    body = text(client.get(page(load)))
    assert "was handed in (attempt 1)" in body
    assert rows(body, "my-submission")[0].endswith("not graded yet")


def refused(client, load, assignment, data, message: str) -> None:
    before = Submission.objects.count()
    response = client.post(submit_url(load, assignment), data)
    assert response.status_code == 400
    assert message in text(response)
    assert Submission.objects.count() == before


def test_the_third_submission_of_two_attempts_is_refused(client, grading, pair, content):
    load, assignment = content
    client.force_login(pair[0].user)
    for _ in range(2):
        assert client.post(submit_url(load, assignment), {"file": upload()}).status_code == 302
    body = text(client.get(page(load)))
    assert rows(body, "no-attempts") == ["No attempts left."]
    refused(client, load, assignment, {"file": upload()}, "You have used all 2 attempts of this assignment.")


def test_a_submission_after_the_deadline_is_refused(client, grading, pair, content):
    load = content[0]
    late = task(load, title="Late", days=-1)
    client.force_login(pair[0].user)
    assert "The deadline has passed." in text(client.get(page(load)))
    refused(client, load, late, {"file": upload()}, "The deadline of this assignment passed on")


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: upload("virus.exe"), "Upload a file of one of these types: pdf, doc, docx, zip, jpg, png."),
        (lambda: upload("big.pdf", size=SUBMISSION_MAX_BYTES + 1), "The file is larger than 20 MB."),
        (lambda: None, "Upload the file of your work."),
    ],
)
def test_a_refused_file_is_told_and_nothing_saved(client, grading, pair, content, media, file, message):
    load, assignment = content
    client.force_login(pair[0].user)
    stored = sorted(media.rglob("*"))
    made = file()
    refused(client, load, assignment, {"file": made} if made else {}, message)
    assert sorted(media.rglob("*")) == stored


# --- the same queries for one subject as for three ------------------------------------------------------------


def _fill(load, student):
    cs = load.group_subject.curriculum_subject
    Topic.objects.create(
        curriculum_subject=cs, training_type=load.training_type, position=1, title="T", hours=2
    )
    assignment = task(load)
    Submission.objects.create(
        assignment=assignment, student=student, attempt=1, file=SimpleUploadedFile("a.pdf", b"%PDF")
    )


def test_the_pages_cost_the_same_for_one_subject_as_for_three(client, grading, pair):
    """One load with one assignment and resource against three loads (three subjects), and a load page with
    one assignment against three."""
    from hemis.students.models import GroupSubject

    w = grading.world
    ali = pair[0]
    GroupSubject.objects.filter(group=w.kt21).exclude(pk=w.bindings[("KT-21", "MAT204")].pk).delete()
    TeachingLoad.objects.filter(group_subject=w.bindings[("KT-21", "MAT204")]).exclude(
        training_type=LECTURE
    ).delete()
    load = math_lecture(w)
    _fill(load, ali)
    client.force_login(ali.user)
    client.get(reverse("web:cabinet_subjects"))
    with CaptureQueriesContext(connection) as one:
        assert len(rows(text(client.get(reverse("web:cabinet_subjects"))), "cabinet-load")) == 1
    with CaptureQueriesContext(connection) as one_page:
        assert len(rows(text(client.get(page(load))), "assignment")) == 1
    for code in ("CHM201", "BIO201"):
        cs = add_subject(grading, code, credits="3", semester=w.semester)
        other = TeachingLoad.objects.create(
            group_subject=w.bindings[("KT-21", code)],
            training_type=LECTURE,
            teacher=w.karimov,
            assigned_on=dt.date(2027, 1, 10),
        )
        _fill(other, ali)
        assert cs
    for _ in range(2):
        assignment = task(load)
        Submission.objects.create(
            assignment=assignment, student=ali, attempt=1, file=SimpleUploadedFile("a.pdf", b"%PDF")
        )
    with CaptureQueriesContext(connection) as three:
        assert len(rows(text(client.get(reverse("web:cabinet_subjects"))), "cabinet-load")) == 3
    with CaptureQueriesContext(connection) as three_page:
        assert len(rows(text(client.get(page(load))), "assignment")) == 3
    assert len(three) == len(one)
    assert len(three_page) == len(one_page)


def test_the_hand_in_form_tells_the_allowed_files_in_the_language_of_the_request():
    for language, words in (("ru", "не более 20 МБ"), ("uz", "koʻpi bilan 20 MB"), ("en", "at most 20 MB")):
        with translation.override(language):
            assert words in str(SubmissionForm().fields["file"].help_text)
