"""A teacher's methodological and research works (annex 7 item 6), approved or returned by the head of
the teacher's department (annex 6; maker–checker: never by the person who entered the work or its
author). Each refusal is a ``ValidationError`` naming the field, raised before anything is written;
each write leaves an audit row with the old and new status."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import OrgUnit, StructureType
from hemis.staff.models import Employee
from hemis.staff.selectors import current_q
from hemis.teaching.enums import WorkKind, WorkStatus
from hemis.teaching.models import Work
from hemis.teaching.validators import link_error, work_file_error


def _refuse(field: str, message: str):
    raise ValidationError({field: [message]})


def current_department(teacher: Employee, on: dt.date) -> OrgUnit | None:
    """The department of the teacher's appointment current on ``on`` (the main place of work first)."""
    appointment = (
        teacher.appointments.filter(current_q(on), org_unit__structure_type=StructureType.DEPARTMENT)
        .select_related("org_unit")
        # HEMIS codes the main place of work "11", before the part-time forms
        .order_by("employment_form", "start_date", "pk")
        .first()
    )
    return appointment.org_unit if appointment else None


def _checked(*, kind: str, title: str, completed_on, file, url: str) -> dict:
    if kind not in WorkKind.values:
        _refuse("kind", _("Choose the kind of work."))
    title = (title or "").strip()
    if not title:
        _refuse("title", _("Enter the title of the work."))
    if len(title) > 500:
        _refuse("title", _("The title is longer than 500 characters."))
    if completed_on is None:
        _refuse("completed_on", _("Enter the date the work was completed."))
    if completed_on > timezone.localdate():
        _refuse("completed_on", _("The completion date cannot be in the future."))
    if file is not None:
        error = work_file_error(file)
        if error:
            _refuse("file", error)
    url = (url or "").strip()
    if url:
        error = link_error(url)
        if error:
            _refuse("url", error)
    return {"kind": kind, "title": title, "completed_on": completed_on, "url": url}


def _values(work: Work) -> dict:
    return {
        "status": work.status,
        "kind": work.kind,
        "title": work.title,
        "completed_on": work.completed_on,
        "file": work.file.name if work.file else "",
        "url": work.url,
    }


@transaction.atomic
def submit_work(
    *,
    teacher: Employee,
    kind: str,
    title: str,
    completed_on: dt.date,
    description: str,
    file=None,
    url: str = "",
    actor,
) -> Work:
    """Enter a teacher's work for the approval of the head of the teacher's current department."""
    fields = _checked(kind=kind, title=title, completed_on=completed_on, file=file, url=url)
    department = current_department(teacher, timezone.localdate())
    if department is None:
        _refuse(
            "teacher",
            _("%(teacher)s holds no current appointment in a department; the work has no head to approve it.")
            % {"teacher": teacher.short_name},
        )
    work = Work(
        teacher=teacher,
        department=department,
        description=(description or "").strip(),
        status=WorkStatus.SUBMITTED,
        created_by=actor,
        **fields,
    )
    if file is not None:
        work.file = file
    work.save()
    audit.record(
        actor=actor,
        action="teaching.work.submitted",
        target=work,
        before={"status": ""},
        after=_values(work) | {"teacher": teacher.pk, "department": department.pk},
    )
    return work


def _locked(work: Work) -> Work:
    return Work.objects.select_for_update().select_related("teacher").get(pk=work.pk)


def _check_reviewer(work: Work, actor) -> None:
    if work.created_by_id == actor.pk or work.teacher.user_id == actor.pk:
        _refuse("comment", _("You entered this work or are its author: another person must review it."))


def _review(work: Work, *, status: str, comment: str, actor, action: str) -> Work:
    work = _locked(work)
    if work.status != WorkStatus.SUBMITTED:
        _refuse("comment", _("Only a work awaiting approval can be approved or returned."))
    _check_reviewer(work, actor)
    old = work.status
    work.status = status
    work.reviewed_by = actor
    work.reviewed_at = timezone.now()
    work.review_comment = comment
    work.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    audit.record(
        actor=actor,
        action=action,
        target=work,
        before={"status": old},
        after={"status": status, "comment": comment},
    )
    return work


@transaction.atomic
def approve_work(*, work: Work, comment: str = "", actor) -> Work:
    """The head approves a submitted work (never one they entered or wrote)."""
    return _review(
        work,
        status=WorkStatus.APPROVED,
        comment=(comment or "").strip(),
        actor=actor,
        action="teaching.work.approved",
    )


@transaction.atomic
def return_work(*, work: Work, comment: str, actor) -> Work:
    """The head returns a submitted work to its teacher with what to change (the comment is required)."""
    comment = (comment or "").strip()
    if not comment:
        _refuse("comment", _("Say why the work is returned."))
    return _review(
        work, status=WorkStatus.RETURNED, comment=comment, actor=actor, action="teaching.work.returned"
    )


@transaction.atomic
def resubmit_work(
    *,
    work: Work,
    kind: str,
    title: str,
    completed_on: dt.date,
    description: str,
    file=None,
    url: str = "",
    actor,
) -> Work:
    """The teacher corrects a returned work and submits it again (a new file replaces the old one;
    without one the old file stays). The head's earlier comment stays in the audit journal."""
    work = _locked(work)
    if work.status != WorkStatus.RETURNED:
        _refuse("title", _("Only a returned work can be resubmitted."))
    if work.teacher.user_id != actor.pk and work.created_by_id != actor.pk:
        _refuse("title", _("Only the work's author resubmits it."))
    fields = _checked(kind=kind, title=title, completed_on=completed_on, file=file, url=url)
    before = _values(work)
    for name, value in fields.items():
        setattr(work, name, value)
    work.description = (description or "").strip()
    if file is not None:
        work.file = file
    work.status = WorkStatus.SUBMITTED
    work.reviewed_by = None
    work.reviewed_at = None
    work.review_comment = ""
    work.save()
    audit.record(
        actor=actor, action="teaching.work.resubmitted", target=work, before=before, after=_values(work)
    )
    return work
