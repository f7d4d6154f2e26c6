"""The journal pages (annex 7 item 4, annex 5 item 14): a load's journal, recording a lesson held with
attendance and daily marks, the dean's office reopening a locked journal and excusing absences, the
warning, reprimand and expulsion lists, and the attendance rules per marking system.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404);
each write calls one journal service, whose refusal is shown on the form with what was entered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.schedule.models import LessonGroup
from hemis.schedule.selectors import semester_on
from hemis.teaching import journal_selectors as selectors
from hemis.teaching.models import LessonRecord
from hemis.teaching.rules import student_rules
from hemis.teaching.services import journal as services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.teaching.journal_forms import (
    ExcuseForm,
    ListsFilter,
    RecordForm,
    ReopenForm,
    RulesForm,
)

# The record form has no visible field for these: their refusals stand above the form.
RECORD_RENAME = dict.fromkeys(("version", "lesson", "absences", "marks"), NON_FIELD_ERRORS)


# --- a load's journal ----------------------------------------------------------------------------------


@login_required
@require_GET
def load_journal(request, pk: int):
    """The journal of a load: a teacher their own; a head of department, a dean's office and the
    academic department read those of their scope."""
    loads = policy.teaching_loads(request.principal).select_related(
        "teacher",
        "group_subject__group",
        "group_subject__semester__academic_year",
        "group_subject__curriculum_subject__subject",
    )
    load = get_object_or_404(loads, pk=pk)
    context = {"load": load, "journal": selectors.load_journal(load), "today": timezone.localdate()}
    return render(request, "web/teaching/journal/journal.html", context)


# --- a lesson's record ---------------------------------------------------------------------------------


def _lesson_loads(principal, lesson):
    """The loads (readable by the active role) whose journal holds ``lesson``: to go back to."""
    groups = LessonGroup.objects.filter(lesson=lesson).values("group_id")
    return (
        policy.teaching_loads(principal)
        .filter(
            teacher_id=lesson.teacher_id,
            training_type=lesson.training_type,
            group_subject__semester_id=lesson.semester_id,
            group_subject__curriculum_subject__subject_id=lesson.subject_id,
            group_subject__group_id__in=groups,
        )
        .select_related("group_subject__group")
        .order_by("group_subject__group__name")
    )


def _record_form(request, lesson, record, students, rows) -> RecordForm:
    initial = {"version": record.version, "topic": record.topic_id, "note": record.note} if record else {}
    return RecordForm(
        request.POST if request.method == "POST" else None,
        students=students,
        topics=selectors.lesson_topics(lesson),
        initial_rows=rows,
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_record(request, pk: int):
    """A lesson's record. Its teacher records it while the journal is open; everyone else who reads
    it (and the teacher once it is locked) sees it read-only with why; the dean's office may reopen it."""
    principal = request.principal
    lessons = policy.journal_lessons(principal).select_related(
        "subject", "teacher", "room", "semester", "journal_reopening"
    )
    lesson = get_object_or_404(lessons, pk=pk)
    today = timezone.localdate()
    record = LessonRecord.objects.filter(lesson=lesson).select_related("topic").first()
    not_held = services.not_held_reason(lesson, today)
    until = None if not_held else services.editable_until(lesson)
    locked = None if not_held else services.locked_reason(lesson, today, until)
    editable = policy.editable_journal_lessons(principal).filter(pk=lesson.pk).exists()
    students = list(services.attending_students(lesson))
    rows = selectors.record_form_rows(lesson, students, record)
    form = (
        _record_form(request, lesson, record, students, rows)
        if editable and not (not_held or locked)
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # not the teacher's lesson, or a journal not open to them
        if form.is_valid():
            saved = call_service(
                form,
                services.record_lesson,
                rename=RECORD_RENAME,
                lesson=lesson,
                topic=form.cleaned_data["topic"],
                note=form.cleaned_data["note"],
                absences=form.absences(),
                marks=form.marks(),
                version=form.cleaned_data["version"],
                actor=request.user,
            )
            if saved is not None:
                messages.success(
                    request, _("The lesson of %(date)s is recorded.") % {"date": f"{lesson.date:%d.%m.%Y}"}
                )
                return redirect("web:teaching_lesson_record", pk=lesson.pk)
    reopenable = bool(locked) and policy.reopenable_lessons(principal).filter(pk=lesson.pk).exists()
    context = {
        "lesson": lesson,
        "attendees": list(lesson.attendees.select_related("group", "subgroup")),
        "record": record,
        "rows": rows,
        "form": form,
        "not_held": not_held,
        "locked": locked,
        "editable_until": until,
        "reopen_form": ReopenForm() if reopenable else None,
        "loads": list(_lesson_loads(principal, lesson)),
        "marks_kept": any(student_rules(student).daily_marks for student in students),
    }
    return render(
        request, "web/teaching/journal/record.html", context, status=status_of(request, form) if form else 200
    )


@login_required
@require_POST
def lesson_reopen(request, pk: int):
    """The dean's office reopens a lesson's locked journal for its teacher until a day."""
    lesson = get_object_or_404(policy.reopenable_lessons(request.principal), pk=pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(form.errors))
        return redirect("web:teaching_lesson_record", pk=lesson.pk)
    until = form.cleaned_data["until"]
    try:
        services.reopen_journal(lesson=lesson, until=until, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("The journal is reopened for the teacher until %(date)s.") % {"date": f"{until:%d.%m.%Y}"},
        )
    return redirect("web:teaching_lesson_record", pk=lesson.pk)


# --- excuses -----------------------------------------------------------------------------------------

EXCUSES_SHOWN = 100


@login_required
@require_http_methods(["GET", "POST"])
def excuses(request):
    """The excuses of the scope (the latest first); the dean's office excuses a student's absences of
    a period with a document."""
    principal = request.principal
    policy.require(principal, "teaching.absence_lists")
    form = None
    if policy.can(principal, "teaching.excuse"):
        data = request.POST if request.method == "POST" else None
        files = request.FILES if request.method == "POST" else None
        form = ExcuseForm(data, files, students=policy.excusable_students(principal))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            excuse = call_service(form, services.excuse_absences, actor=request.user, **form.cleaned_data)
            if excuse is not None:
                hours = excuse.absences.aggregate(total=Sum("hours"))["total"] or 0
                messages.success(
                    request,
                    ngettext(
                        "%(name)s is excused from %(start)s to %(end)s: %(hours)s hour of absence.",
                        "%(name)s is excused from %(start)s to %(end)s: %(hours)s hours of absence.",
                        hours,
                    )
                    % {
                        "name": excuse.student.full_name,
                        "start": f"{excuse.from_date:%d.%m.%Y}",
                        "end": f"{excuse.to_date:%d.%m.%Y}",
                        "hours": hours,
                    },
                )
                return redirect("web:teaching_excuses")
    rows = selectors.with_hours(policy.visible_excuses(principal)).order_by("-created_at", "-pk")[
        :EXCUSES_SHOWN
    ]
    context = {"form": form, "excuses": list(rows), "withdrawable": form is not None}
    return render(
        request,
        "web/teaching/journal/excuses.html",
        context,
        status=status_of(request, form) if form else 200,
    )


@login_required
@require_POST
def excuse_withdraw(request, pk: int):
    principal = request.principal
    visible = policy.visible_excuses(principal).filter(
        student__in=policy.excusable_students(principal), withdrawn_at__isnull=True
    )
    excuse = get_object_or_404(visible.select_related("student"), pk=pk)
    try:
        services.withdraw_excuse(excuse=excuse, actor=request.user)
    except ValidationError as error:  # withdrawn by someone else since the page was read
        message_errors(request, error)
    else:
        messages.success(
            request, _("The excuse of %(name)s is withdrawn.") % {"name": excuse.student.full_name}
        )
    return redirect("web:teaching_excuses")


# --- the absence lists and the rules ---------------------------------------------------------------------


@login_required
@require_GET
def absence_lists(request):
    """Per faculty and semester: the students on the warning, reprimand and expulsion lists."""
    principal = request.principal
    policy.require(principal, "teaching.absence_lists")
    faculties = policy.absence_list_faculties(principal).order_by("name_uz")
    data = request.GET if "faculty" in request.GET else None
    if data is None:
        semester = semester_on(timezone.localdate())
        data = {"faculty": getattr(faculties.first(), "pk", ""), "semester": getattr(semester, "pk", "")}
    form = ListsFilter(data, faculties=faculties)
    lists = None
    if form.is_valid():
        lists = selectors.absence_lists(form.cleaned_data["faculty"], form.cleaned_data["semester"])
    return render(request, "web/teaching/journal/lists.html", {"form": form, "lists": lists})


@login_required
@require_http_methods(["GET", "POST"])
def attendance_rules(request):
    """Per marking system: whether daily marks are kept and the unexcused hours behind each list."""
    principal = request.principal
    policy.require(principal, "teaching.rules.edit")
    form = RulesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = call_service(form, services.set_attendance_rules, actor=request.user, **form.cleaned_data)
        if row is not None:
            messages.success(
                request,
                _("The attendance rules of %(system)s are saved.") % {"system": row.marking_system.name},
            )
            return redirect(reverse("web:teaching_attendance_rules"))
    context = {"form": form, "table": selectors.rules_table()}
    return render(request, "web/teaching/journal/rules.html", context, status=status_of(request, form))
