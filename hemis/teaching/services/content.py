"""A teacher's subject content and assignments (annex 7 items 1–3) and students' submissions.

Topics and resources belong to a curriculum subject's lesson type (every teacher of it shares them);
assignments belong to one load (a teacher on a group's subject). Each refusal is a ``ValidationError``
naming the field, raised before anything is written; each write leaves an audit row.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hemis.audit import services as audit
from hemis.curricula.models import CurriculumSubject, SubjectLoad
from hemis.schedule.models import TeachingLoad
from hemis.students.models import Student, StudentStatus
from hemis.teaching.enums import ResourceKind
from hemis.teaching.models import Assignment, Resource, Submission, Topic
from hemis.teaching.validators import link_error, resource_file_error, submission_file_error

CENT = Decimal("0.01")
MAX_POINTS = Decimal("999.99")  # the largest value of the points columns (5 digits, 2 decimals)
MAX_SMALL = 32767  # the largest value of a small integer column
MAX_WEEK = 53


def _points(value: Decimal) -> str:
    """Points as the pages show them (two decimals, the language's separator)."""
    return number_format(value, decimal_pos=2)


def _refuse(field: str, message: str):
    raise ValidationError({field: [message]})


def _refuse_file(error: str | None) -> None:
    if error:
        _refuse("file", error)


def _check_title(title: str, missing: str) -> str:
    """``title`` stripped; refused when empty (``missing``) or longer than its column."""
    title = (title or "").strip()
    if not title:
        _refuse("title", missing)
    if len(title) > 255:
        _refuse("title", _("The title is longer than 255 characters."))
    return title


def _save_with_file(obj, file) -> None:
    """Save a new ``obj``, with ``file`` (if any) stored in its file field."""
    if file:
        obj.file.save(file.name, file, save=False)
    obj.save()


def _changes(before: dict, after: dict) -> tuple[dict, dict]:
    """The values that differ, as they were and as they are (both empty when nothing changed)."""
    changed = [name for name in after if before[name] != after[name]]
    return {name: before[name] for name in changed}, {name: after[name] for name in changed}


def _delete_file_on_commit(field_file, name: str | None = None) -> None:
    """Remove a stored file (``name``, by default the field's) once the row no longer names it for good."""
    name = field_file.name if name is None else name
    if name:
        storage = field_file.storage
        transaction.on_commit(lambda: storage.delete(name))


# -- topics: the calendar plan of a curriculum subject's lesson type (annex 7 item 1) --


def topics_of(curriculum_subject: CurriculumSubject, training_type: str):
    return Topic.objects.filter(curriculum_subject=curriculum_subject, training_type=training_type)


def _check_topic(*, title: str, hours: int, week: int | None) -> str:
    title = (title or "").strip()
    if not title:
        _refuse("title", _("Enter the topic."))
    if len(title) > 500:
        _refuse("title", _("The topic is longer than 500 characters."))
    if hours is None or not 1 <= hours <= MAX_SMALL:
        _refuse("hours", _("A topic takes at least 1 academic hour."))
    if week is not None and not 1 <= week <= MAX_WEEK:
        _refuse("week", _("Enter a week between 1 and %(max)d.") % {"max": MAX_WEEK})
    return title


def _lock_plan(curriculum_subject: CurriculumSubject) -> None:
    """Serialise the writers of one subject's topics (their positions are numbered 1..n)."""
    CurriculumSubject.objects.select_for_update().filter(pk=curriculum_subject.pk).exists()


@transaction.atomic
def add_topic(
    *,
    curriculum_subject: CurriculumSubject,
    training_type: str,
    title: str,
    hours: int,
    week: int | None = None,
    actor,
) -> Topic:
    """Append a topic to the calendar plan of a subject's lesson type (last position)."""
    if not SubjectLoad.objects.filter(
        curriculum_subject=curriculum_subject, training_type=training_type
    ).exists():
        _refuse("training_type", _("The curriculum gives this subject no hours of this lesson type."))
    title = _check_topic(title=title, hours=hours, week=week)
    _lock_plan(curriculum_subject)
    last = topics_of(curriculum_subject, training_type).aggregate(last=Max("position"))["last"] or 0
    topic = Topic.objects.create(
        curriculum_subject=curriculum_subject,
        training_type=training_type,
        position=last + 1,
        title=title,
        hours=hours,
        week=week,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="teaching.topic.added",
        target=topic,
        after={"position": topic.position, "title": title, "hours": hours, "week": week},
    )
    return topic


@transaction.atomic
def edit_topic(*, topic: Topic, title: str, hours: int, week: int | None = None, actor) -> Topic:
    """Change a topic's title, hours and week (its position changes through ``reorder_topics``)."""
    title = _check_topic(title=title, hours=hours, week=week)
    before, after = _changes(
        {"title": topic.title, "hours": topic.hours, "week": topic.week},
        {"title": title, "hours": hours, "week": week},
    )
    if not after:
        return topic
    topic.title, topic.hours, topic.week = title, hours, week
    topic.save(update_fields=["title", "hours", "week", "updated_at"])
    audit.record(actor=actor, action="teaching.topic.edited", target=topic, before=before, after=after)
    return topic


def _renumber(topics: list[Topic]) -> None:
    """Give ``topics`` positions 1..n in this order. The unique (subject, type, position) is checked
    row by row, so every topic first moves above the highest position in use, then to its place."""
    if not topics:
        return
    top = max(t.position for t in topics)
    for i, topic in enumerate(topics, start=1):
        topic.position = top + i
    Topic.objects.bulk_update(topics, ["position"])
    for i, topic in enumerate(topics, start=1):
        topic.position = i
    Topic.objects.bulk_update(topics, ["position"])


@transaction.atomic
def delete_topic(*, topic: Topic, actor) -> None:
    """Delete a topic; the ones after it move up (positions stay 1..n). Resources of it stay with the
    subject, assignments and lesson records keep no topic."""
    _lock_plan(topic.curriculum_subject)
    audit.record(
        actor=actor,
        action="teaching.topic.deleted",
        target=topic,
        before={"position": topic.position, "title": topic.title, "hours": topic.hours, "week": topic.week},
    )
    curriculum_subject, training_type = topic.curriculum_subject, topic.training_type
    topic.delete()
    _renumber(list(topics_of(curriculum_subject, training_type).order_by("position")))


@transaction.atomic
def reorder_topics(
    *, curriculum_subject: CurriculumSubject, training_type: str, order: list[int], actor
) -> list[Topic]:
    """Put the topics of a subject's lesson type in ``order`` (their ids, each exactly once)."""
    _lock_plan(curriculum_subject)
    topics = {t.pk: t for t in topics_of(curriculum_subject, training_type).order_by("position")}
    if sorted(order) != sorted(topics):
        _refuse("order", _("The topics changed meanwhile; reload the page and order them again."))
    before = list(topics)
    ordered = [topics[pk] for pk in order]
    if before == list(order):
        return ordered
    _renumber(ordered)
    audit.record(
        actor=actor,
        action="teaching.topics.reordered",
        target=curriculum_subject,
        data={"training_type": training_type},
        before={"order": before},
        after={"order": list(order)},
    )
    return ordered


@transaction.atomic
def move_topic(*, topic: Topic, offset: int, actor) -> list[Topic]:
    """Move a topic ``offset`` places up (negative) or down the plan; at either end it stays."""
    _lock_plan(topic.curriculum_subject)
    pks = list(
        topics_of(topic.curriculum_subject, topic.training_type)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    if topic.pk not in pks:
        _refuse("order", _("The topics changed meanwhile; reload the page and order them again."))
    at = pks.index(topic.pk)
    to = min(max(at + offset, 0), len(pks) - 1)
    pks.insert(to, pks.pop(at))
    return reorder_topics(
        curriculum_subject=topic.curriculum_subject, training_type=topic.training_type, order=pks, actor=actor
    )


# -- resources: files and links of a subject's lesson type (annex 7 item 2) --


def _check_topic_of(topic: Topic | None, curriculum_subject: CurriculumSubject, training_type=None) -> None:
    if topic is None:
        return
    if topic.curriculum_subject_id != curriculum_subject.pk or (
        training_type is not None and topic.training_type != training_type
    ):
        _refuse("topic", _("Choose a topic of this subject."))


@transaction.atomic
def add_resource(
    *,
    curriculum_subject: CurriculumSubject,
    training_type: str,
    teacher,
    title: str,
    file=None,
    url: str = "",
    topic: Topic | None = None,
    actor,
) -> Resource:
    """Add a file (allowed types, at most 50 MB) or a link (http/https) to a subject's lesson type."""
    title = _check_title(title, _("Enter the title of the resource."))
    url = (url or "").strip()
    if bool(file) == bool(url):
        _refuse("file", _("Upload a file or enter a link (one of the two)."))
    if file:
        _refuse_file(resource_file_error(file))
    else:
        error = link_error(url) or (len(url) > 500 and _("The link is longer than 500 characters."))
        if error:
            _refuse("url", error)
    _check_topic_of(topic, curriculum_subject, training_type)
    resource = Resource(
        curriculum_subject=curriculum_subject,
        training_type=training_type,
        topic=topic,
        teacher=teacher,
        kind=ResourceKind.FILE if file else ResourceKind.LINK,
        title=title,
        url=url,
        size=file.size if file else 0,
        created_by=actor,
    )
    _save_with_file(resource, file)
    audit.record(
        actor=actor,
        action="teaching.resource.added",
        target=resource,
        after={
            "kind": resource.kind,
            "title": title,
            "file": resource.file.name,
            "size": resource.size,
            "url": url,
            "topic": getattr(topic, "pk", None),
        },
    )
    return resource


@transaction.atomic
def delete_resource(*, resource: Resource, actor) -> None:
    """Delete a resource and, once committed, its stored file."""
    audit.record(
        actor=actor,
        action="teaching.resource.deleted",
        target=resource,
        before={
            "kind": resource.kind,
            "title": resource.title,
            "file": resource.file.name,
            "url": resource.url,
        },
    )
    _delete_file_on_commit(resource.file)
    resource.delete()


# -- assignments of a load (annex 7 item 3) --


def _check_assignment(*, load: TeachingLoad, title: str, deadline, max_points, attempts, topic, file) -> str:
    title = _check_title(title, _("Enter the title of the assignment."))
    if not isinstance(deadline, dt.datetime) or timezone.is_naive(deadline):
        _refuse("deadline", _("Enter the deadline as a date and time."))
    if not isinstance(max_points, Decimal) or not Decimal(0) < max_points <= MAX_POINTS:
        _refuse("max_points", _("The maximum points must be more than 0 and at most 999.99."))
    if max_points != max_points.quantize(CENT):
        _refuse("max_points", _("Enter points with at most two decimals."))
    if attempts is None or not 1 <= attempts <= MAX_SMALL:
        _refuse("attempts", _("Allow at least one attempt."))
    _check_topic_of(topic, load.group_subject.curriculum_subject)
    if file:
        _refuse_file(resource_file_error(file))
    return title


def _assignment_values(assignment: Assignment) -> dict:
    return {
        "title": assignment.title,
        "description": assignment.description,
        "file": assignment.file.name,
        "deadline": timezone.localtime(assignment.deadline),
        "max_points": assignment.max_points.quantize(CENT),
        "attempts": assignment.attempts,
        "topic": assignment.topic_id,
    }


@transaction.atomic
def add_assignment(
    *,
    load: TeachingLoad,
    title: str,
    description: str = "",
    file=None,
    deadline: dt.datetime,
    max_points: Decimal,
    attempts: int = 1,
    topic: Topic | None = None,
    actor,
) -> Assignment:
    """Give the group of ``load`` an assignment with a deadline, maximum points and attempts."""
    title = _check_assignment(
        load=load,
        title=title,
        deadline=deadline,
        max_points=max_points,
        attempts=attempts,
        topic=topic,
        file=file,
    )
    assignment = Assignment(
        load=load,
        topic=topic,
        title=title,
        description=(description or "").strip(),
        deadline=deadline,
        max_points=max_points,
        attempts=attempts,
        created_by=actor,
    )
    _save_with_file(assignment, file)
    audit.record(
        actor=actor,
        action="teaching.assignment.added",
        target=assignment,
        after=_assignment_values(assignment),
    )
    return assignment


@transaction.atomic
def edit_assignment(
    *,
    assignment: Assignment,
    title: str,
    description: str = "",
    file=None,
    deadline: dt.datetime,
    max_points: Decimal,
    attempts: int,
    topic: Topic | None = None,
    actor,
) -> Assignment:
    """Change an assignment (``file``: a new file replaces the old one; None keeps it). Points and
    attempts cannot go below what submissions already have."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("load__group_subject")
        .get(pk=assignment.pk)
    )
    title = _check_assignment(
        load=assignment.load,
        title=title,
        deadline=deadline,
        max_points=max_points,
        attempts=attempts,
        topic=topic,
        file=file,
    )
    used = assignment.submissions.aggregate(points=Max("points"), attempt=Max("attempt"))
    if used["points"] is not None and max_points < used["points"]:
        _refuse(
            "max_points",
            _("A submission already has %(points)s points; the maximum cannot be lower.")
            % {"points": _points(used["points"])},
        )
    if used["attempt"] is not None and attempts < used["attempt"]:
        _refuse(
            "attempts",
            ngettext(
                "A student already made %(n)d attempt; allow at least as many.",
                "A student already made %(n)d attempts; allow at least as many.",
                used["attempt"],
            )
            % {"n": used["attempt"]},
        )
    before = _assignment_values(assignment)
    old_name = assignment.file.name
    assignment.title, assignment.description = title, (description or "").strip()
    assignment.deadline, assignment.max_points, assignment.attempts = deadline, max_points, attempts
    assignment.topic = topic
    if file:
        assignment.file.save(file.name, file, save=False)
    before, after = _changes(before, _assignment_values(assignment))
    if not after:
        return assignment
    assignment.save()
    if file and old_name:
        _delete_file_on_commit(assignment.file, old_name)
    audit.record(
        actor=actor,
        action="teaching.assignment.edited",
        target=assignment,
        before=before,
        after=after,
    )
    return assignment


@transaction.atomic
def delete_assignment(*, assignment: Assignment, actor) -> None:
    """Delete an assignment nobody has submitted to yet."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.submissions.exists():
        _refuse("assignment", _("Students have submitted to this assignment; it cannot be deleted."))
    audit.record(
        actor=actor,
        action="teaching.assignment.deleted",
        target=assignment,
        before=_assignment_values(assignment),
    )
    _delete_file_on_commit(assignment.file)
    assignment.delete()


# -- submissions: a student's files to an assignment, graded by the teacher --


@transaction.atomic
def submission_refusal(assignment: Assignment, student: Student, *, made: int, now: dt.datetime):
    """``(field, message)`` saying why ``student``, having handed in ``made`` times, may not hand in to
    ``assignment`` at ``now`` (the group, the deadline, the attempts); None when they may. ``submit``
    refuses with it; a page or the API asks it before offering the upload."""
    if student.group_id != assignment.load.group_subject.group_id or student.status != StudentStatus.STUDYING:
        return "student", _("Only a studying student of the group may submit to this assignment.")
    if now > assignment.deadline:
        return "deadline", _("The deadline of this assignment passed on %(deadline)s.") % {
            "deadline": timezone.localtime(assignment.deadline).strftime("%d.%m.%Y %H:%M")
        }
    if made >= assignment.attempts:
        if assignment.attempts > 1:
            return "attempt", _("You have used all %(n)d attempts of this assignment.") % {
                "n": assignment.attempts
            }
        return "attempt", _("You have used the only attempt of this assignment.")
    return None


def submit(
    *,
    assignment: Assignment,
    student: Student,
    file,
    comment: str = "",
    actor,
    now: dt.datetime | None = None,
) -> Submission:
    """A student of the load's group hands in ``file`` before the deadline, within the attempts;
    attempts are numbered 1..n."""
    now = now or timezone.now()
    # the lock makes two submissions of one moment count their attempts one after the other
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("load__group_subject")
        .get(pk=assignment.pk)
    )
    made = assignment.submissions.filter(student=student).count()
    refused = submission_refusal(assignment, student, made=made, now=now)
    if refused is not None:
        _refuse(*refused)
    if not file:
        _refuse("file", _("Upload the file of your work."))
    _refuse_file(submission_file_error(file))
    submission = Submission(
        assignment=assignment,
        student=student,
        attempt=made + 1,
        comment=(comment or "").strip(),
        created_by=actor,
    )
    _save_with_file(submission, file)
    audit.record(
        actor=actor,
        action="teaching.submission.submitted",
        target=submission,
        after={"attempt": submission.attempt, "file": submission.file.name, "size": file.size},
    )
    return submission


@transaction.atomic
def grade_submission(
    *,
    submission: Submission,
    points: Decimal,
    comment: str = "",
    expected_points: Decimal | None,
    actor,
) -> Submission:
    """Grade a submission (0..the assignment's maximum) with a comment. ``expected_points`` are the
    points the grader saw (None: ungraded); when another grader changed them meanwhile, refused."""
    submission = (
        Submission.objects.select_for_update(of=("self",)).select_related("assignment").get(pk=submission.pk)
    )
    if submission.points != expected_points:
        if submission.points is None:
            _refuse(
                "points",
                _("Someone else took the grade of this submission back meanwhile; check and grade again."),
            )
        _refuse(
            "points",
            _("Someone else graded this submission meanwhile (now %(points)s points); check and grade again.")
            % {"points": _points(submission.points)},
        )
    maximum = submission.assignment.max_points
    if not isinstance(points, Decimal) or not Decimal(0) <= points <= maximum:
        _refuse("points", _("Enter points from 0 to %(max)s.") % {"max": _points(maximum)})
    if points != points.quantize(CENT):
        _refuse("points", _("Enter points with at most two decimals."))
    comment = (comment or "").strip()
    before = {"points": submission.points, "teacher_comment": submission.teacher_comment}
    submission.points, submission.teacher_comment = points, comment
    submission.graded_at, submission.graded_by = timezone.now(), actor
    submission.save(update_fields=["points", "teacher_comment", "graded_at", "graded_by", "updated_at"])
    audit.record(
        actor=actor,
        action="teaching.submission.graded",
        target=submission,
        before=before,
        after={"points": points.quantize(CENT), "teacher_comment": comment},
    )
    return submission
