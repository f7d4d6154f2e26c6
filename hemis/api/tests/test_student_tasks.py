"""Student API, a student's assignments: ``education/task-list``, ``task-detail``, ``task-upload-check``
and ``task-upload`` against the document; only one's own submissions; a hand-in through the teaching
service, each refusal the 400 envelope with the service's message and nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hemis.api.rest_v1 import auth
from hemis.api.rest_v1.core import ts
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.teaching.models import Assignment, Submission
from hemis.teaching.validators import SUBMISSION_MAX_BYTES
from hemis.testing.hemis_api import check, check_error

INVALID = "Your request was made with invalid credentials."
NOT_FOUND = "Data not found."
LANGUAGES = ("uz-UZ", "oz-UZ", "ru-RU", "en-US")
SPRING = "14"  # the world's spring semester is the 4th of its curriculum


@pytest.fixture(autouse=True)
def _media(media):
    return media


def math_lecture(w, group: str = "KT-21") -> TeachingLoad:
    return TeachingLoad.objects.get(
        group_subject=w.bindings[(group, "MAT204")], training_type=TrainingType.LECTURE
    )


def task(load, *, title="Task 1", attempts=2, days=7, max_points="10", **more) -> Assignment:
    return Assignment.objects.create(
        load=load,
        title=title,
        deadline=timezone.now() + dt.timedelta(days=days),
        max_points=Decimal(max_points),
        attempts=attempts,
        **more,
    )


def handed(assignment, student, attempt=1, **more) -> Submission:
    return Submission.objects.create(
        assignment=assignment,
        student=student,
        attempt=attempt,
        file=SimpleUploadedFile(f"{student.last_name}.pdf", b"%PDF work"),
        **more,
    )


def upload(name: str = "work.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = b"%PDF-1.4 answer" if size is None else b"x" * size
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def bearer(student) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(student.user)}"}


def call(client, operation: str, student, **params):
    return client.get(f"/rest/v1/education/{operation}", params, **bearer(student))


def hand_in(client, student, assignment_pk, data: dict, **params):
    url = f"/rest/v1/education/task-upload?task={assignment_pk}"
    for key, value in params.items():
        url += f"&{key}={value}"
    return client.post(url, data, **bearer(student))


def documented(client, operation: str, student, **params):
    """The answer's data, checked against the document in each of the four languages (Uzbek's returned)."""
    answers = {}
    for language in LANGUAGES:
        response = call(client, operation, student, l=language, **params)
        assert response.status_code == 200, response.content
        check(f"/v1/education/{operation}", response.json())
        answers[language] = response.json()["data"]
    return answers["uz-UZ"]


def refused(response, code: int, message: str | None = None) -> None:
    assert response.status_code == code, response.content
    check_error(response.json(), code, message)


@pytest.fixture
def tasks(school, pair):
    """Two assignments of KT-21's Mathematics lecture — Vali handed the first in (graded 7 with a
    comment), Ali not yet — and one of KT-22's."""
    w = school.world
    load = math_lecture(w)
    first = task(load, title="Limitlar", description="1–10 misollar")
    second = task(load, title="Hosilalar", days=14, attempts=1, max_points="5")
    handed(first, pair[1], points=Decimal("7"), teacher_comment="Vali, yaxshi", graded_at=timezone.now())
    foreign = task(math_lecture(w, "KT-22"), title="KT-22 topshirigʻi")
    return first, second, foreign


# --- doors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["task-list", "task-detail", "task-upload-check", "task-upload"])
def test_no_token_or_a_bad_one_is_401(client, student_in_group, operation):
    path = f"/rest/v1/education/{operation}?task=1"
    send = client.post if operation == "task-upload" else client.get
    refused(send(path), 401, INVALID)
    refused(send(path, HTTP_AUTHORIZATION="Bearer not-a-token"), 401, INVALID)


@pytest.mark.parametrize("operation", ["task-detail", "task-upload-check"])
def test_a_missing_or_wrong_task_is_400_and_another_groups_task_404(client, tasks, pair, operation):
    ali = pair[0]
    refused(call(client, operation, ali, l="en-US"), 400, "Missing required parameter: task")
    refused(
        call(client, operation, ali, task="abc", l="en-US"),
        400,
        "Invalid value of parameter task: abc is not an integer.",
    )
    refused(call(client, operation, ali, task=tasks[2].pk), 404, NOT_FOUND)
    refused(call(client, operation, ali, task=999999), 404, NOT_FOUND)


# --- the list ---------------------------------------------------------------------------------------


def test_the_task_list_is_the_groups_assignments_with_ones_own_attempts(client, school, tasks, pair):
    w = school.world
    first, second, _foreign = tasks
    ali, vali = pair
    data = documented(client, "task-list", ali)
    assert [(t["id"], t["name"], t["taskStatus"]["code"], t["studentTaskActivity"]) for t in data] == [
        (first.pk, "Limitlar", "11", None),
        (second.pk, "Hosilalar", "11", None),
    ]
    row = data[0]
    assert (row["comment"], row["max_ball"], row["deadline"], row["attempt_limit"]) == (
        "1–10 misollar",
        10,
        ts(first.deadline),
        2,
    )
    assert row["trainingType"]["code"] == "11" and row["taskType"]["code"] == "11"
    assert row["employee"] == {"id": w.karimov.pk, "name": w.karimov.full_name}
    assert row["files"] == []
    # Vali's list carries Vali's graded attempt
    vali_rows = call(client, "task-list", vali).json()["data"]
    graded = vali_rows[0]
    assert graded["taskStatus"]["code"] == "13"
    submission = Submission.objects.get(student=vali)
    assert graded["studentTaskActivity"] == {
        "id": submission.pk,
        "comment": None,
        "_task": first.pk,
        "send_date": ts(submission.created_at),
        "mark": 7,
        "mark_date": ts(submission.graded_at),
        "mark_comment": "Vali, yaxshi",
        "files": [
            {
                "name": submission.file.name.rsplit("/", 1)[1],
                "size": 9,
                "url": f"http://testserver/rest/v1/education/file?kind=submission&id={submission.pk}",
            }
        ],
    }
    assert call(client, "task-list", ali, semester=SPRING).json()["data"] == data
    assert call(client, "task-list", ali, semester="13").json()["data"] == []


def test_the_task_list_pages(client, tasks, pair):
    ali = pair[0]
    first, second, _foreign = tasks
    assert [t["id"] for t in call(client, "task-list", ali, limit=1).json()["data"]] == [first.pk]
    assert [t["id"] for t in call(client, "task-list", ali, limit=1, page=2).json()["data"]] == [second.pk]
    assert call(client, "task-list", ali, limit=1, page=3).json()["data"] == []
    # the document's example asks page 0: the first page
    assert [t["id"] for t in call(client, "task-list", ali, page=0, limit=10).json()["data"]] == [
        first.pk,
        second.pk,
    ]
    refused(
        call(client, "task-list", ali, limit=0, l="en-US"),
        400,
        "Invalid value of parameter limit: it must be from 1 to 200.",
    )
    refused(
        call(client, "task-list", ali, limit=201, l="en-US"),
        400,
        "Invalid value of parameter limit: it must be from 1 to 200.",
    )
    refused(
        call(client, "task-list", ali, limit="abc", l="en-US"),
        400,
        "Invalid value of parameter limit: abc is not an integer.",
    )
    refused(
        call(client, "task-list", ali, page=-1, l="en-US"),
        400,
        "Invalid value of parameter page: it must be 1 or more.",
    )


def test_the_task_list_costs_the_same_for_one_task_as_for_three(
    client, school, pair, django_assert_num_queries
):
    w = school.world
    ali = pair[0]
    handed(task(math_lecture(w)), ali)
    with CaptureQueriesContext(connection) as one:
        assert len(call(client, "task-list", ali).json()["data"]) == 1
    for n in range(2):
        handed(task(math_lecture(w), title=f"T{n}"), ali, points=Decimal("3"), graded_at=timezone.now())
    with django_assert_num_queries(len(one)):
        assert len(call(client, "task-list", ali).json()["data"]) == 3


# --- one task ---------------------------------------------------------------------------------------


def test_the_task_detail_has_every_own_attempt_only(client, tasks, pair):
    first = tasks[0]
    ali, vali = pair
    handed(first, ali, attempt=1, comment="Birinchi")
    handed(first, ali, attempt=2, comment="Ikkinchi", points=Decimal("8.5"), graded_at=timezone.now())
    data = documented(client, "task-detail", ali, task=first.pk)
    assert data["id"] == first.pk and data["taskStatus"]["code"] == "13"
    assert [(a["comment"], a["mark"]) for a in data["studentTaskActivities"]] == [
        ("Birinchi", None),
        ("Ikkinchi", 8.5),
    ]
    assert data["studentTaskActivity"]["comment"] == "Ikkinchi"
    vali_detail = call(client, "task-detail", vali, task=first.pk).json()["data"]
    assert [a["mark_comment"] for a in vali_detail["studentTaskActivities"]] == ["Vali, yaxshi"]


def test_the_upload_check_tells_whether_and_what_may_be_handed_in(client, school, tasks, pair):
    first, second, _foreign = tasks
    ali = pair[0]
    data = documented(client, "task-upload-check", ali, task=first.pk)
    assert data == {
        "maxFiles": 1,
        "fileSize": SUBMISSION_MAX_BYTES,
        "submit": True,
        "extensions": ["pdf", "doc", "docx", "zip", "jpg", "png"],
        "message": "",
    }
    handed(second, ali)
    used = call(client, "task-upload-check", ali, task=second.pk, l="en-US").json()["data"]
    assert (used["submit"], used["message"]) == (False, "You have used the only attempt of this assignment.")
    late = task(math_lecture(school.world), title="Late", days=-1)
    closed = call(client, "task-upload-check", ali, task=late.pk, l="en-US").json()["data"]
    assert closed["submit"] is False and closed["message"].startswith(
        "The deadline of this assignment passed on"
    )


# --- handing in -------------------------------------------------------------------------------------


def test_a_hand_in_goes_through_the_teaching_service(client, tasks, pair, media):
    first = tasks[0]
    ali = pair[0]
    response = hand_in(client, ali, first.pk, {"filename[]": [upload("javob.docx")], "comment": "Mana"})
    assert response.status_code == 200, response.content
    check("/v1/education/task-upload", response.json(), "post")
    made = Submission.objects.get(student=ali)
    assert (made.assignment_id, made.attempt, made.comment) == (first.pk, 1, "Mana")
    assert made.file.read() == b"%PDF-1.4 answer"
    data = response.json()["data"]
    assert data["id"] == first.pk and data["taskStatus"]["code"] == "12"
    assert (data["studentTaskActivity"]["id"], data["studentTaskActivity"]["comment"]) == (made.pk, "Mana")
    event = AuditEvent.objects.get(action="teaching.submission.submitted")
    assert (event.actor_id, event.target_id) == (ali.user_id, str(made.pk))


def _stored(media) -> list:
    return sorted(media.rglob("*"))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (lambda: [upload("big.pdf", size=SUBMISSION_MAX_BYTES + 1)], "The file is larger than 20 MB."),
        (
            lambda: [upload("virus.exe")],
            "Upload a file of one of these types: pdf, doc, docx, zip, jpg, png.",
        ),
        (lambda: [], "Upload the file of your work."),
        (lambda: [upload("a.pdf"), upload("b.pdf")], "Hand in one file at a time."),
    ],
)
def test_a_refused_file_is_the_400_envelope_and_nothing_changes(client, tasks, pair, media, files, message):
    first = tasks[0]
    before, stored = Submission.objects.count(), _stored(media)
    response = hand_in(client, pair[0], first.pk, {"filename[]": files(), "comment": "x"}, l="en-US")
    refused(response, 400, message)
    assert (Submission.objects.count(), _stored(media)) == (before, stored)


def test_the_third_attempt_of_two_and_a_late_one_are_refused(client, school, tasks, pair, media):
    first = tasks[0]
    ali = pair[0]
    for _ in range(2):
        assert hand_in(client, ali, first.pk, {"filename[]": [upload()]}).status_code == 200
    before, stored = Submission.objects.count(), _stored(media)
    response = hand_in(client, ali, first.pk, {"filename[]": [upload()]}, l="en-US")
    refused(response, 400, "You have used all 2 attempts of this assignment.")
    late = task(math_lecture(school.world), title="Late", days=-1)
    response = hand_in(client, ali, late.pk, {"filename[]": [upload()]}, l="en-US")
    assert response.status_code == 400
    assert response.json()["error"].startswith("The deadline of this assignment passed on")
    assert (Submission.objects.count(), _stored(media)) == (before, stored)


def test_another_groups_task_cannot_be_handed_in_to(client, tasks, pair, media):
    before, stored = Submission.objects.count(), _stored(media)
    refused(hand_in(client, pair[0], tasks[2].pk, {"filename[]": [upload()]}), 404, NOT_FOUND)
    refused(client.get(f"/rest/v1/education/task-upload?task={tasks[0].pk}", **bearer(pair[0])), 405)
    assert (Submission.objects.count(), _stored(media)) == (before, stored)
