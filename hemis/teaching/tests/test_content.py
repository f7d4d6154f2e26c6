"""A teacher's topics, resources and assignments and students' submissions
(hemis/teaching/services/content.py): every refusal names its field and changes nothing; every write
leaves an audit row with the old and new values."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.students.models import StudentStatus
from hemis.teaching import content_selectors as selectors
from hemis.teaching.models import Assignment, Resource, Submission, Topic
from hemis.teaching.services import content as svc
from hemis.teaching.validators import MB
from hemis.testing.schedule import with_login

TASHKENT = ZoneInfo("Asia/Tashkent")
LECTURE, PRACTICAL = TrainingType.LECTURE, TrainingType.PRACTICAL
DEADLINE = dt.datetime(2027, 3, 1, 18, 0, tzinfo=TASHKENT)
BEFORE = dt.datetime(2027, 2, 20, 10, 0, tzinfo=TASHKENT)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def karimov(world):
    return with_login(world.karimov, "karimov")


@pytest.fixture
def math(world):
    return world.bindings[("KT-21", "MAT204")].curriculum_subject


@pytest.fixture
def load(world):
    """Karimov's Mathematics lecture to KT-21."""
    return TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "MAT204")], training_type=LECTURE)


@pytest.fixture
def student(world):
    student = world.kt21.students.order_by("last_name").first()
    with_login(student, "talaba")
    return student


def upload(name: str = "work.pdf", size: int | None = None) -> SimpleUploadedFile:
    file = SimpleUploadedFile(name, b"%PDF-1.4 content", content_type="application/octet-stream")
    if size is not None:
        file.size = size  # as large as the upload handler measured it, without holding that many bytes
    return file


def refusal(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def plan(math, training_type=LECTURE) -> list[tuple]:
    return list(
        Topic.objects.filter(curriculum_subject=math, training_type=training_type)
        .order_by("position")
        .values_list("position", "title", "hours", "week")
    )


def events(action: str) -> list[dict]:
    return list(AuditEvent.objects.filter(action=action).order_by("id").values_list("data", flat=True))


def add_topics(math, actor, *titles, hours=2):
    return [
        svc.add_topic(curriculum_subject=math, training_type=LECTURE, title=t, hours=hours, actor=actor)
        for t in titles
    ]


# -- topics --


def test_topics_are_numbered_in_the_order_they_are_added(math, karimov):
    add_topics(math, karimov, "Limits", "Derivatives")
    svc.add_topic(
        curriculum_subject=math, training_type=LECTURE, title="Integrals", hours=4, week=3, actor=karimov
    )
    assert plan(math) == [(1, "Limits", 2, None), (2, "Derivatives", 2, None), (3, "Integrals", 4, 3)]
    assert events("teaching.topic.added")[-1] == {
        "after": {"position": 3, "title": "Integrals", "hours": 4, "week": 3}
    }
    assert Topic.objects.get(position=3).created_by == karimov


def test_a_topic_needs_an_hour_and_a_title(math, karimov):
    add_topics(math, karimov, "Limits")
    kwargs = {"curriculum_subject": math, "training_type": LECTURE, "actor": karimov}
    assert refusal(svc.add_topic, title="Series", hours=0, **kwargs) == {
        "hours": ["A topic takes at least 1 academic hour."]
    }
    assert refusal(svc.add_topic, title="  ", hours=2, **kwargs) == {"title": ["Enter the topic."]}
    assert refusal(svc.add_topic, title="Series", hours=2, week=60, **kwargs) == {
        "week": ["Enter a week between 1 and 53."]
    }
    assert plan(math) == [(1, "Limits", 2, None)]
    assert len(events("teaching.topic.added")) == 1


def test_a_topic_of_a_lesson_type_the_curriculum_has_no_hours_of_is_refused(math, karimov):
    kwargs = {"curriculum_subject": math, "title": "Titration", "hours": 2, "actor": karimov}
    assert refusal(svc.add_topic, training_type=TrainingType.LABORATORY, **kwargs) == {
        "training_type": ["The curriculum gives this subject no hours of this lesson type."]
    }
    assert Topic.objects.count() == 0


def test_edit_a_topic_records_old_and_new_values(math, karimov):
    [topic] = add_topics(math, karimov, "Limits")
    svc.edit_topic(topic=topic, title="Limits and continuity", hours=4, week=None, actor=karimov)
    assert plan(math) == [(1, "Limits and continuity", 4, None)]
    assert events("teaching.topic.edited") == [
        {
            "before": {"title": "Limits", "hours": 2},
            "after": {"title": "Limits and continuity", "hours": 4},
        }
    ]


def test_an_edit_with_zero_hours_changes_nothing(math, karimov):
    [topic] = add_topics(math, karimov, "Limits")
    assert refusal(svc.edit_topic, topic=topic, title="Limits", hours=0, actor=karimov) == {
        "hours": ["A topic takes at least 1 academic hour."]
    }
    assert plan(math) == [(1, "Limits", 2, None)]
    assert events("teaching.topic.edited") == []


def test_deleting_a_topic_closes_the_gap(math, karimov):
    topics = add_topics(math, karimov, "Limits", "Derivatives", "Integrals", "Series")
    svc.delete_topic(topic=topics[1], actor=karimov)
    assert plan(math) == [(1, "Limits", 2, None), (2, "Integrals", 2, None), (3, "Series", 2, None)]
    assert events("teaching.topic.deleted") == [
        {"before": {"position": 2, "title": "Derivatives", "hours": 2, "week": None}}
    ]


def test_reorder_topics_keeps_positions_one_to_n(math, karimov):
    a, b, c = add_topics(math, karimov, "Limits", "Derivatives", "Integrals")
    svc.reorder_topics(
        curriculum_subject=math, training_type=LECTURE, order=[c.pk, a.pk, b.pk], actor=karimov
    )
    assert plan(math) == [(1, "Integrals", 2, None), (2, "Limits", 2, None), (3, "Derivatives", 2, None)]
    assert events("teaching.topics.reordered") == [
        {
            "training_type": LECTURE,
            "before": {"order": [a.pk, b.pk, c.pk]},
            "after": {"order": [c.pk, a.pk, b.pk]},
        }
    ]
    svc.move_topic(topic=b, offset=-1, actor=karimov)
    svc.move_topic(topic=c, offset=-1, actor=karimov)  # already first: stays
    assert [title for _p, title, _h, _w in plan(math)] == ["Integrals", "Derivatives", "Limits"]


def test_a_reorder_of_a_changed_plan_is_refused(math, karimov):
    a, b = add_topics(math, karimov, "Limits", "Derivatives")
    kwargs = {"curriculum_subject": math, "training_type": LECTURE, "actor": karimov}
    assert refusal(svc.reorder_topics, order=[b.pk], **kwargs) == {
        "order": ["The topics changed meanwhile; reload the page and order them again."]
    }
    assert plan(math) == [(1, "Limits", 2, None), (2, "Derivatives", 2, None)]
    assert events("teaching.topics.reordered") == []


def test_totals_warn_when_the_topics_hours_differ_from_the_curriculum(math, karimov):
    assert selectors.topic_totals(math, LECTURE) == selectors.Totals(planned=30, entered=0)
    add_topics(math, karimov, "Limits", "Derivatives", hours=10)
    totals = selectors.topic_totals(math, LECTURE)
    assert (totals.planned, totals.entered, totals.differs) == (30, 20, True)
    add_topics(math, karimov, "Integrals", hours=10)  # a warning, not a refusal: 30 = 30 now
    assert selectors.topic_totals(math, LECTURE).differs is False
    add_topics(math, karimov, "Series", hours=2)
    assert selectors.topic_totals(math, LECTURE) == selectors.Totals(planned=30, entered=32)


# -- resources --


def test_a_file_resource_is_stored_with_its_size(world, math, karimov, media):
    resource = svc.add_resource(
        curriculum_subject=math,
        training_type=LECTURE,
        teacher=world.karimov,
        title="Lecture 1 slides",
        file=upload("slides.pptx"),
        actor=karimov,
    )
    resource.refresh_from_db()
    assert (resource.kind, resource.title, resource.size, resource.url) == (
        "file",
        "Lecture 1 slides",
        16,
        "",
    )
    assert resource.file.name.startswith("teaching/resources/") and resource.file.name.endswith(".pptx")
    assert (media / resource.file.name).read_bytes() == b"%PDF-1.4 content"
    assert events("teaching.resource.added") == [
        {
            "after": {
                "kind": "file",
                "title": "Lecture 1 slides",
                "file": resource.file.name,
                "size": 16,
                "url": "",
                "topic": None,
            }
        }
    ]


def test_a_link_resource_with_its_topic(world, math, karimov):
    [topic] = add_topics(math, karimov, "Limits")
    resource = svc.add_resource(
        curriculum_subject=math,
        training_type=LECTURE,
        teacher=world.karimov,
        title="Khan Academy: limits",
        url="https://www.khanacademy.org/math/calculus-1",
        topic=topic,
        actor=karimov,
    )
    assert (resource.kind, resource.url, resource.file.name, resource.topic) == (
        "link",
        "https://www.khanacademy.org/math/calculus-1",
        "",
        topic,
    )
    assert events("teaching.resource.added") == [
        {
            "after": {
                "kind": "link",
                "title": "Khan Academy: limits",
                "file": "",
                "size": 0,
                "url": "https://www.khanacademy.org/math/calculus-1",
                "topic": topic.pk,
            }
        }
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"file": upload("virus.exe")},
            {
                "file": [
                    "Upload a file of one of these types: pdf, doc, docx, ppt, pptx, xls, xlsx, zip, jpg, png, mp4."
                ]
            },
        ),
        ({"file": upload("lecture.mp4", size=50 * MB + 1)}, {"file": ["The file is larger than 50 MB."]}),
        (
            {"url": "ftp://files.example.uz/a.pdf"},
            {"url": ["Enter a link that starts with http:// or https://."]},
        ),
        ({"url": "javascript:alert(1)"}, {"url": ["Enter a link that starts with http:// or https://."]}),
        ({}, {"file": ["Upload a file or enter a link (one of the two)."]}),
        (
            {"file": upload(), "url": "https://example.uz"},
            {"file": ["Upload a file or enter a link (one of the two)."]},
        ),
        ({"file": upload(), "title": ""}, {"title": ["Enter the title of the resource."]}),
    ],
)
def test_a_refused_resource_saves_nothing(world, math, karimov, media, changes, errors):
    kwargs = {
        "curriculum_subject": math,
        "training_type": LECTURE,
        "teacher": world.karimov,
        "title": "Slides",
        "actor": karimov,
    }
    assert refusal(svc.add_resource, **(kwargs | changes)) == errors
    assert Resource.objects.count() == 0
    assert list(media.rglob("*.*")) == []
    assert events("teaching.resource.added") == []


def test_a_resource_of_a_topic_of_another_subject_is_refused(world, math, karimov):
    physics = world.bindings[("KT-21", "FIZ204")].curriculum_subject
    other = svc.add_topic(
        curriculum_subject=physics, training_type=LECTURE, title="Optics", hours=2, actor=karimov
    )
    kwargs = {
        "curriculum_subject": math,
        "training_type": LECTURE,
        "teacher": world.karimov,
        "actor": karimov,
    }
    assert refusal(svc.add_resource, title="Link", url="https://example.uz", topic=other, **kwargs) == {
        "topic": ["Choose a topic of this subject."]
    }
    assert Resource.objects.count() == 0


def test_a_file_of_exactly_50_mb_is_accepted(world, math, karimov):
    big = upload("lecture.mp4", size=50 * MB)
    resource = svc.add_resource(
        curriculum_subject=math,
        training_type=LECTURE,
        teacher=world.karimov,
        title="Video",
        file=big,
        actor=karimov,
    )
    resource.refresh_from_db()
    assert (resource.size, resource.file.name.endswith(".mp4"), len(events("teaching.resource.added"))) == (
        50 * MB,
        True,
        1,
    )


def test_delete_a_resource_removes_its_file(world, math, karimov, media, django_capture_on_commit_callbacks):
    resource = svc.add_resource(
        curriculum_subject=math,
        training_type=LECTURE,
        teacher=world.karimov,
        title="S",
        file=upload(),
        actor=karimov,
    )
    path = media / resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        svc.delete_resource(resource=resource, actor=karimov)
    assert (Resource.objects.count(), path.exists()) == (0, False)
    assert events("teaching.resource.deleted") == [
        {"before": {"kind": "file", "title": "S", "file": resource.file.name, "url": ""}}
    ]


# -- assignments --


def new_assignment(load, actor, **changes) -> Assignment:
    fields = {
        "title": "Problem set 1",
        "description": "Problems 1–10 of chapter 2.",
        "deadline": DEADLINE,
        "max_points": Decimal("10"),
        "attempts": 2,
    }
    return svc.add_assignment(load=load, actor=actor, **(fields | changes))


def assignments() -> list[tuple]:
    return list(
        Assignment.objects.order_by("pk").values_list("title", "deadline", "max_points", "attempts", "topic")
    )


def test_add_an_assignment(load, math, karimov, media):
    [topic] = add_topics(math, karimov, "Limits")
    assignment = new_assignment(load, karimov, topic=topic, file=upload("tasks.docx"))
    assignment.refresh_from_db()
    assert (
        assignment.load,
        assignment.title,
        assignment.deadline,
        assignment.max_points,
        assignment.attempts,
    ) == (
        load,
        "Problem set 1",
        DEADLINE,
        Decimal("10.00"),
        2,
    )
    assert (assignment.topic, assignment.description) == (topic, "Problems 1–10 of chapter 2.")
    assert (media / assignment.file.name).exists()
    assert events("teaching.assignment.added") == [
        {
            "after": {
                "title": "Problem set 1",
                "description": "Problems 1–10 of chapter 2.",
                "file": assignment.file.name,
                "deadline": "2027-03-01T18:00:00+05:00",
                "max_points": "10.00",
                "attempts": 2,
                "topic": topic.pk,
            }
        }
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"title": ""}, {"title": ["Enter the title of the assignment."]}),
        (
            {"deadline": DEADLINE.replace(tzinfo=None)},  # naive: which zone?
            {"deadline": ["Enter the deadline as a date and time."]},
        ),
        (
            {"max_points": Decimal("0")},
            {"max_points": ["The maximum points must be more than 0 and at most 999.99."]},
        ),
        (
            {"max_points": Decimal("-5")},
            {"max_points": ["The maximum points must be more than 0 and at most 999.99."]},
        ),
        (
            {"max_points": Decimal("1000")},
            {"max_points": ["The maximum points must be more than 0 and at most 999.99."]},
        ),
        ({"max_points": Decimal("9.999")}, {"max_points": ["Enter points with at most two decimals."]}),
        ({"attempts": 0}, {"attempts": ["Allow at least one attempt."]}),
        (
            {"file": upload("tasks.exe")},
            {
                "file": [
                    "Upload a file of one of these types: pdf, doc, docx, ppt, pptx, xls, xlsx, zip, jpg, png, mp4."
                ]
            },
        ),
        ({"file": upload("tasks.pdf", size=51 * MB)}, {"file": ["The file is larger than 50 MB."]}),
    ],
)
def test_a_refused_assignment_saves_nothing(load, karimov, media, changes, errors):
    assert refusal(new_assignment, load=load, actor=karimov, **changes) == errors
    assert (assignments(), list(media.rglob("*.*")), events("teaching.assignment.added")) == ([], [], [])


def test_an_assignment_topic_of_another_subject_is_refused(world, load, karimov):
    physics = world.bindings[("KT-21", "FIZ204")].curriculum_subject
    optics = svc.add_topic(
        curriculum_subject=physics, training_type=LECTURE, title="Optics", hours=2, actor=karimov
    )
    assert refusal(new_assignment, load=load, actor=karimov, topic=optics) == {
        "topic": ["Choose a topic of this subject."]
    }
    assert assignments() == []


def test_edit_an_assignment_records_old_and_new_values(load, karimov):
    assignment = new_assignment(load, karimov)
    later = DEADLINE + dt.timedelta(days=7)
    svc.edit_assignment(
        assignment=assignment,
        title="Problem set 1",
        description="Problems 1–10 of chapter 2.",
        deadline=later,
        max_points=Decimal("20"),
        attempts=3,
        actor=karimov,
    )
    assert assignments() == [("Problem set 1", later, Decimal("20.00"), 3, None)]
    assert events("teaching.assignment.edited") == [
        {
            "before": {"deadline": "2027-03-01T18:00:00+05:00", "max_points": "10.00", "attempts": 2},
            "after": {"deadline": "2027-03-08T18:00:00+05:00", "max_points": "20.00", "attempts": 3},
        }
    ]


def test_an_assignment_with_submissions_is_not_deleted(load, karimov, student):
    assignment = new_assignment(load, karimov)
    svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE)
    assert refusal(svc.delete_assignment, assignment=assignment, actor=karimov) == {
        "assignment": ["Students have submitted to this assignment; it cannot be deleted."]
    }
    assert (len(assignments()), Submission.objects.count(), events("teaching.assignment.deleted")) == (
        1,
        1,
        [],
    )


def test_an_assignment_without_submissions_is_deleted(load, karimov):
    assignment = new_assignment(load, karimov)
    svc.delete_assignment(assignment=assignment, actor=karimov)
    assert assignments() == []
    assert events("teaching.assignment.deleted")[0]["before"]["title"] == "Problem set 1"


def test_points_and_attempts_cannot_drop_below_what_submissions_have(load, karimov, student):
    assignment = new_assignment(load, karimov)
    first = svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE)
    svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE)
    svc.grade_submission(submission=first, points=Decimal("8"), expected_points=None, actor=karimov)
    kwargs = {"assignment": assignment, "title": "Problem set 1", "deadline": DEADLINE, "actor": karimov}
    assert refusal(svc.edit_assignment, max_points=Decimal("5"), attempts=2, **kwargs) == {
        "max_points": ["A submission already has 8,00 points; the maximum cannot be lower."]
    }
    assert refusal(svc.edit_assignment, max_points=Decimal("10"), attempts=1, **kwargs) == {
        "attempts": ["A student already made 2 attempts; allow at least as many."]
    }
    assert assignments() == [("Problem set 1", DEADLINE, Decimal("10.00"), 2, None)]
    assert events("teaching.assignment.edited") == []


# -- submissions --


def submissions() -> list[tuple]:
    return list(Submission.objects.order_by("pk").values_list("student__last_name", "attempt", "comment"))


def test_a_student_submits_within_the_attempts(load, karimov, student, media):
    assignment = new_assignment(load, karimov)
    one = svc.submit(
        assignment=assignment,
        student=student,
        file=upload("answer.pdf"),
        comment=" Done ",
        actor=student.user,
        now=BEFORE,
    )
    two = svc.submit(
        assignment=assignment, student=student, file=upload("answer2.jpg"), actor=student.user, now=BEFORE
    )
    assert submissions() == [("Aliyev0", 1, "Done"), ("Aliyev0", 2, "")]
    assert (one.created_by, (media / two.file.name).exists()) == (student.user, True)
    assert two.file.name.startswith("teaching/submissions/")
    assert [e["after"]["attempt"] for e in events("teaching.submission.submitted")] == [1, 2]
    assert refusal(
        svc.submit, assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE
    ) == {"attempt": ["You have used all 2 attempts of this assignment."]}
    assert submissions() == [("Aliyev0", 1, "Done"), ("Aliyev0", 2, "")]
    assert len(list(media.rglob("*.*"))) == 2


def test_the_only_attempt(load, karimov, student):
    assignment = new_assignment(load, karimov, attempts=1)
    svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE)
    assert refusal(
        svc.submit, assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE
    ) == {"attempt": ["You have used the only attempt of this assignment."]}
    assert len(submissions()) == 1


def test_attempts_are_counted_per_student(world, load, karimov, student):
    assignment = new_assignment(load, karimov, attempts=1)
    other = world.kt21.students.order_by("last_name")[1]
    svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE)
    svc.submit(assignment=assignment, student=other, file=upload(), actor=karimov, now=BEFORE)
    assert submissions() == [("Aliyev0", 1, ""), ("Aliyev1", 1, "")]


def test_no_submission_after_the_deadline(load, karimov, student, media):
    assignment = new_assignment(load, karimov)
    late = DEADLINE + dt.timedelta(minutes=1)
    assert refusal(
        svc.submit, assignment=assignment, student=student, file=upload(), actor=student.user, now=late
    ) == {"deadline": ["The deadline of this assignment passed on 01.03.2027 18:00."]}
    assert (submissions(), list(media.rglob("*.*"))) == ([], [])
    svc.submit(assignment=assignment, student=student, file=upload(), actor=student.user, now=DEADLINE)
    assert len(submissions()) == 1


def test_only_a_studying_student_of_the_group_submits(world, load, karimov, student):
    assignment = new_assignment(load, karimov)
    other_group = world.kt22.students.first()
    on_leave = world.kt21.students.order_by("last_name")[1]
    on_leave.status = StudentStatus.ACADEMIC_LEAVE
    on_leave.save(update_fields=["status"])
    message = {"student": ["Only a studying student of the group may submit to this assignment."]}
    for who in (other_group, on_leave):
        assert (
            refusal(svc.submit, assignment=assignment, student=who, file=upload(), actor=karimov, now=BEFORE)
            == message
        )
    assert submissions() == []


@pytest.mark.parametrize(
    ("file", "errors"),
    [
        (
            upload("answer.pptx"),
            {"file": ["Upload a file of one of these types: pdf, doc, docx, zip, jpg, png."]},
        ),
        (upload("answer.pdf", size=20 * MB + 1), {"file": ["The file is larger than 20 MB."]}),
        (None, {"file": ["Upload the file of your work."]}),
    ],
)
def test_a_refused_submission_file_saves_nothing(load, karimov, student, media, file, errors):
    assignment = new_assignment(load, karimov)
    assert (
        refusal(svc.submit, assignment=assignment, student=student, file=file, actor=student.user, now=BEFORE)
        == errors
    )
    assert (submissions(), list(media.rglob("*.*")), events("teaching.submission.submitted")) == ([], [], [])


def test_grade_a_submission_with_old_and_new_values(load, karimov, student):
    assignment = new_assignment(load, karimov)
    submission = svc.submit(
        assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE
    )
    svc.grade_submission(
        submission=submission, points=Decimal("7.5"), comment="Good", expected_points=None, actor=karimov
    )
    svc.grade_submission(
        submission=submission,
        points=Decimal("9"),
        comment="Fixed",
        expected_points=Decimal("7.50"),
        actor=karimov,
    )
    submission.refresh_from_db()
    assert (submission.points, submission.teacher_comment, submission.graded_by) == (
        Decimal("9.00"),
        "Fixed",
        karimov,
    )
    assert submission.graded_at is not None
    assert events("teaching.submission.graded") == [
        {
            "before": {"points": None, "teacher_comment": ""},
            "after": {"points": "7.50", "teacher_comment": "Good"},
        },
        {
            "before": {"points": "7.50", "teacher_comment": "Good"},
            "after": {"points": "9.00", "teacher_comment": "Fixed"},
        },
    ]


@pytest.mark.parametrize(
    ("points", "errors"),
    [
        (Decimal("-1"), {"points": ["Enter points from 0 to 10,00."]}),
        (Decimal("10.01"), {"points": ["Enter points from 0 to 10,00."]}),
        (Decimal("5.555"), {"points": ["Enter points with at most two decimals."]}),
    ],
)
def test_points_outside_zero_to_the_maximum_are_refused(load, karimov, student, points, errors):
    assignment = new_assignment(load, karimov)
    submission = svc.submit(
        assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE
    )
    assert (
        refusal(
            svc.grade_submission, submission=submission, points=points, expected_points=None, actor=karimov
        )
        == errors
    )
    submission.refresh_from_db()
    assert (submission.points, submission.graded_at, events("teaching.submission.graded")) == (None, None, [])


def test_a_second_grader_working_from_a_stale_value_is_told(world, load, karimov, student):
    assignment = new_assignment(load, karimov)
    submission = svc.submit(
        assignment=assignment, student=student, file=upload(), actor=student.user, now=BEFORE
    )
    colleague = with_login(world.rahimova, "rahimova")
    svc.grade_submission(submission=submission, points=Decimal("6"), expected_points=None, actor=karimov)
    # the colleague opened the page while it was still ungraded
    assert refusal(
        svc.grade_submission,
        submission=submission,
        points=Decimal("9"),
        expected_points=None,
        actor=colleague,
    ) == {
        "points": ["Someone else graded this submission meanwhile (now 6,00 points); check and grade again."]
    }
    submission.refresh_from_db()
    assert (submission.points, submission.graded_by) == (Decimal("6.00"), karimov)
    assert len(events("teaching.submission.graded")) == 1


def test_practical_load_shares_nothing_with_the_lecture_plan(world, math, karimov):
    add_topics(math, karimov, "Limits")
    svc.add_topic(curriculum_subject=math, training_type=PRACTICAL, title="Exercises", hours=2, actor=karimov)
    assert plan(math) == [(1, "Limits", 2, None)]
    assert plan(math, PRACTICAL) == [(1, "Exercises", 2, None)]


def test_loads_by_semester_with_counts(world, load, math, karimov):
    add_topics(math, karimov, "Limits", "Derivatives")
    new_assignment(load, karimov)
    semesters = selectors.loads_by_semester(TeachingLoad.objects.filter(teacher=world.karimov))
    assert [
        (
            s.semester.pk,
            [
                (
                    subject.curriculum_subject.subject.code,
                    [
                        (
                            x.group_subject.group.name,
                            x.training_type,
                            x.n_topics,
                            x.n_resources,
                            x.n_assignments,
                        )
                        for x in subject.loads
                    ],
                )
                for subject in s.subjects
            ],
        )
        for s in semesters
    ] == [
        (
            world.semester.pk,
            [
                (
                    "MAT204",
                    [
                        ("KT-21", LECTURE, 2, 0, 1),
                        ("KT-21", PRACTICAL, 0, 0, 0),
                        ("KT-22", LECTURE, 2, 0, 0),
                        ("KT-22", PRACTICAL, 0, 0, 0),
                    ],
                )
            ],
        )
    ]


def test_a_new_assignment_file_replaces_the_old_one(load, karimov, media, django_capture_on_commit_callbacks):
    assignment = new_assignment(load, karimov, file=upload("tasks.pdf"))
    old = assignment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        svc.edit_assignment(
            assignment=assignment,
            title="Problem set 1",
            description="Problems 1–10 of chapter 2.",
            file=upload("tasks-v2.docx"),
            deadline=DEADLINE,
            max_points=Decimal("10"),
            attempts=2,
            actor=karimov,
        )
    assignment.refresh_from_db()
    assert assignment.file.name.endswith(".docx")
    assert ((media / old).exists(), (media / assignment.file.name).exists()) == (False, True)
    assert events("teaching.assignment.edited") == [
        {"before": {"file": old}, "after": {"file": assignment.file.name}}
    ]


def test_an_unchanged_edit_or_order_leaves_no_audit_row(load, math, karimov):
    a, b = add_topics(math, karimov, "Limits", "Derivatives")
    svc.edit_topic(topic=a, title="Limits", hours=2, actor=karimov)
    svc.reorder_topics(curriculum_subject=math, training_type=LECTURE, order=[a.pk, b.pk], actor=karimov)
    svc.move_topic(topic=b, offset=1, actor=karimov)  # already last
    assert (events("teaching.topic.edited"), events("teaching.topics.reordered")) == ([], [])
    assert plan(math) == [(1, "Limits", 2, None), (2, "Derivatives", 2, None)]
