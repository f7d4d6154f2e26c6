"""Student API: a student's assignments — ``education/task-list``, ``education/task-detail``,
``education/task-upload-check`` and ``education/task-upload``.

A task is an assignment of a load of the student's group (``policy.submittable_assignments``), with the
student's own submissions (``policy.visible_submissions``), as the cabinet's subject page shows them.
A hand-in goes through ``teaching.services.content.submit``, the service the cabinet's form calls: its
refusal (deadline, attempts, file type or size) is the 400 envelope with its message, nothing saved.
One submission is one file, so a hand-in carries one file (``maxFiles`` 1).

``taskStatus`` codes: ``11`` nothing handed in, ``12`` handed in and not graded, ``13`` graded (of the
last attempt); ``taskType`` is ``11`` (a task handed in as a file: tests are not kept)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.access import policy
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    classifier,
    int_param,
    not_found,
    option,
    page_params,
    text,
    ts,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.api.rest_v1.student_studies import Semesters, file_ref
from hemis.teaching.services import content as services
from hemis.teaching.validators import SUBMISSION_EXTENSIONS, SUBMISSION_MAX_BYTES

MAX_FILES = 1


def _number(value: Decimal | None):
    """Points as the document's integers (a fractional value stays a number, never rounded)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _status(last) -> dict:
    if last is None:
        return classifier("11", _("Not submitted"))
    if last.points is None:
        return classifier("12", _("Submitted"))
    return classifier("13", _("Graded"))


def activity(request, submission) -> dict:
    """``SubjectTaskStudentActivity``: one attempt the student handed in, with its grade."""
    return {
        "id": submission.pk,
        "comment": submission.comment or None,
        "_task": submission.assignment_id,
        "send_date": ts(submission.created_at),
        "mark": _number(submission.points),
        "mark_date": ts(submission.graded_at),
        "mark_comment": submission.teacher_comment or None,
        "files": [file_ref(request, "submission", submission)],
    }


def task_row(request, assignment) -> dict:
    """``SubjectTaskStudent``: an assignment with the student's last attempt (``mine`` prefetched)."""
    last = assignment.mine[-1] if assignment.mine else None
    load = assignment.load
    return {
        "id": assignment.pk,
        "name": text(assignment.title),
        "comment": assignment.description or None,
        "max_ball": _number(assignment.max_points),
        "deadline": ts(assignment.deadline),
        "attempt_limit": assignment.attempts,
        "trainingType": option("h_training_type", load.training_type),
        "files": [file_ref(request, "assignment", assignment)] if assignment.file else [],
        "taskType": classifier("11", _("Assignment")),
        "taskStatus": _status(last),
        "employee": shapes.employee(load.teacher),
        "studentTaskActivity": activity(request, last) if last is not None else None,
        "updated_at": ts(assignment.updated_at),
    }


def _tasks(principal):
    """The student's assignments, each with their own submissions by attempt (``mine``): two queries."""
    own = policy.visible_submissions(principal).order_by("attempt")
    return (
        policy.submittable_assignments(principal)
        .select_related("load__teacher", "load__group_subject")
        .prefetch_related(Prefetch("submissions", queryset=own, to_attr="mine"))
        .order_by("deadline", "pk")
    )


def _task(request):
    """The assignment ``task`` (a query parameter, a hand-in's too) names among the student's."""
    pk = int_param(request, "task", required=True)
    assignment = _tasks(request.principal).filter(pk=pk).first()
    if assignment is None:
        raise not_found()
    return assignment


@operation(access="student")
def task_list(request):
    """The assignments of the student's group's subjects in a semester (``semester``, the current one
    by default), by deadline, a page (``page``, ``limit``) at a time: the document's plain list."""
    semesters = Semesters(request.api_student)
    page, limit = page_params(request, zero_is_first=True)
    semester = semesters.asked(request)
    if semester is None:
        return []
    tasks = _tasks(request.principal).filter(load__group_subject__semester=semester)
    start = (page - 1) * limit
    return [task_row(request, assignment) for assignment in tasks[start : start + limit]]


def _detail(request, assignment) -> dict:
    return {
        **task_row(request, assignment),
        "studentTaskActivities": [activity(request, submission) for submission in assignment.mine],
    }


@operation(access="student")
def task_detail(request):
    """An assignment (``task``) with every attempt the student handed in."""
    return _detail(request, _task(request))


@operation(access="student")
def task_upload_check(request):
    """Whether the student may hand in to ``task`` now, and the files allowed (``fileSize`` in bytes)."""
    assignment = _task(request)
    refused = services.submission_refusal(
        assignment, request.api_student, made=len(assignment.mine), now=timezone.now()
    )
    message = refused[1] if refused else ""
    return {
        "maxFiles": MAX_FILES,
        "fileSize": SUBMISSION_MAX_BYTES,
        "submit": not message,
        "extensions": list(SUBMISSION_EXTENSIONS),
        "message": message,
    }


@operation(access="student", methods=("POST",))
def task_upload(request):
    """Hand in a file (``filename[]``) with a ``comment`` to ``task`` through the teaching service;
    answers the task with the new attempt."""
    assignment = _task(request)
    files = request.FILES.getlist("filename[]") or request.FILES.getlist("filename")
    if len(files) > MAX_FILES:
        raise bad_request(_("Hand in one file at a time."))
    try:
        services.submit(
            assignment=assignment,
            student=request.api_student,
            file=files[0] if files else None,
            comment=request.POST.get("comment", ""),
            actor=request.user,
        )
    except ValidationError as refused:
        raise bad_request(" ".join(refused.messages)) from None
    return task_row(request, _tasks(request.principal).get(pk=assignment.pk))


ROUTES = [
    ("education/task-list", task_list),
    ("education/task-detail", task_detail),
    ("education/task-upload-check", task_upload_check),
    ("education/task-upload", task_upload),
]
