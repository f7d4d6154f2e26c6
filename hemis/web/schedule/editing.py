"""The group's timetable page and the dean's office editing it (annex 5 item 9): add an entry (a
stream with other groups, a subgroup, some weeks only), delete one, move one from a date on, give
entries one room, move or cancel a single lesson, copy a semester's timetable or a week.

Every write asks the policy first, then calls one schedule service; a refusal is shown on the form
with what was entered (the clash named by the service), nothing changed."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hemis.access import policy
from hemis.schedule import selectors
from hemis.schedule.models import EntryGroup, TimetableEntry
from hemis.schedule.services import copies
from hemis.schedule.services import entries as entry_services
from hemis.schedule.services import lessons as lesson_services
from hemis.schedule.services.placement import subject_label
from hemis.web.forms import call_service
from hemis.web.schedule.common import (
    back_group,
    editable_entry,
    editable_group,
    editable_lesson,
    group_week_url,
    monday_from,
    week_context,
)
from hemis.web.schedule.forms import (
    ENTRY_RENAME,
    BulkRoomForm,
    CancelLessonForm,
    CopyTimetableForm,
    CopyWeekForm,
    EntryForm,
    MoveEntryForm,
    MoveLessonForm,
)


def group_entries(principal, group, semester):
    """The group's weekly entries of ``semester`` that the active role edits, with what the list shows."""
    editable = policy.editable_entries(principal).values("pk")
    groups = EntryGroup.objects.select_related("group", "subgroup").order_by("group__name")
    return (
        TimetableEntry.objects.filter(pk__in=editable, semester=semester, groups__group=group)
        .select_related("subject", "teacher", "room")
        .prefetch_related(Prefetch("groups", queryset=groups))
        .order_by("weekday", "pair", "valid_from", "pk")
    )


def _entry_form(request, group, semester, data=None) -> EntryForm:
    principal = request.principal
    streams = policy.editable_groups(principal).filter(faculty_id=group.faculty_id, is_active=True)
    return EntryForm(
        data, group=group, semester=semester, rooms=policy.visible_rooms(principal), stream_groups=streams
    )


def _bulk_form(request, group, semester, data=None) -> BulkRoomForm:
    principal = request.principal
    entries = group_entries(principal, group, semester)
    return BulkRoomForm(data, entries=entries, rooms=policy.visible_rooms(principal))


def group_page(request, group, monday: dt.date, **bound_forms):
    """The group's week; for a role that edits it, the editing forms too (``bound_forms`` are the
    ones a refused POST re-renders with what was entered)."""
    principal = request.principal
    week = selectors.week(selectors.group_lessons(policy.visible_lessons(principal), group), monday)
    semester = week.semester
    can_edit = policy.can(principal, "schedule.edit", group)
    context = {
        "group": group,
        "semester": semester,
        "can_edit": can_edit and semester is not None,
        "links": policy.can(principal, "schedule.view"),
        "week_base": reverse("web:schedule_group", args=[group.pk]),
        **week_context(week),
    }
    if context["can_edit"]:
        context["entries"] = list(group_entries(principal, group, semester))
        entry_form = bound_forms.get("entry_form") or _entry_form(request, group, semester)
        bulk_form = bound_forms.get("bulk_form") or _bulk_form(request, group, semester)
        # Both forms offer the same rooms, some 700 at a university: read and label them once
        # (through iter(): list() would first count them, one more query).
        rooms = list(iter(entry_form.fields["room"].choices))
        entry_form.fields["room"].choices = bulk_form.fields["room"].choices = rooms
        context["entry_form"], context["bulk_form"] = entry_form, bulk_form
        context["bulk_checked"] = (
            set(bulk_form.data.getlist("entries")) if "bulk_form" in bound_forms else set()
        )
        context["copy_form"] = bound_forms.get("copy_form") or CopyTimetableForm(target=semester)
        context["copy_week_form"] = bound_forms.get("copy_week_form") or CopyWeekForm(
            initial={"from_week": context["week_number"] or 1}
        )
    return render(request, "web/schedule/group.html", context)


@login_required
@require_POST
def entry_add(request, pk: int):
    group = editable_group(request, pk)
    monday = monday_from(request)
    form = _entry_form(request, group, selectors.semester_of_week(monday), request.POST)
    if form.is_valid():
        entry = call_service(
            form, entry_services.create_entry, rename=ENTRY_RENAME, actor=request.user, **form.entry_fields()
        )
        if entry is not None:
            count = entry.lessons.count()
            what = subject_label(entry.subject, entry.get_training_type_display())
            messages.success(
                request,
                ngettext(
                    "Entry added: %(what)s, %(count)s lesson.",
                    "Entry added: %(what)s, %(count)s lessons.",
                    count,
                )
                % {"what": what, "count": count},
            )
            return redirect(group_week_url(group, monday))
    return group_page(request, group, monday, entry_form=form)


@login_required
@require_POST
def entries_room(request, pk: int):
    group = editable_group(request, pk)
    monday = monday_from(request)
    form = _bulk_form(request, group, selectors.semester_of_week(monday), request.POST)
    if form.is_valid():
        room = form.cleaned_data["room"]
        changed = call_service(
            form,
            entry_services.bulk_assign_room,
            entries=list(form.cleaned_data["entries"]),
            room=room,
            actor=request.user,
        )
        if changed is not None:
            messages.success(
                request,
                ngettext(
                    "Room %(room)s given to %(count)s entry.",
                    "Room %(room)s given to %(count)s entries.",
                    changed,
                )
                % {"room": room.number, "count": changed},
            )
            return redirect(group_week_url(group, monday))
    return group_page(request, group, monday, bulk_form=form)


def _entry_groups(entry: TimetableEntry) -> list:
    return [eg.group for eg in entry.groups.select_related("group").order_by("group__name")]


@login_required
@require_POST
def entry_delete(request, pk: int):
    entry = editable_entry(request, pk)
    group = back_group(request, _entry_groups(entry))
    entry_services.delete_entry(entry=entry, actor=request.user)
    messages.success(request, _("Entry deleted with its lessons."))
    return redirect(group_week_url(group, monday_from(request)))


@login_required
@require_http_methods(["GET", "POST"])
def entry_move(request, pk: int):
    """Move an entry from a date on (a new weekday, pair or room for the rest of the semester)."""
    entry = editable_entry(request, pk)
    groups = _entry_groups(entry)
    group = back_group(request, groups)
    form = MoveEntryForm(request.POST or None, entry=entry, rooms=policy.visible_rooms(request.principal))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = call_service(form, entry_services.move_entry_from, entry=entry, actor=request.user, **data)
        if moved is not None:
            messages.success(
                request,
                _("From %(date)s the lessons are on %(weekday)s, pair %(pair)s, room %(room)s.")
                % {
                    "date": f"{data['from_date']:%d.%m.%Y}",
                    "weekday": moved.get_weekday_display(),
                    "pair": moved.pair,
                    "room": moved.room.number,
                },
            )
            return redirect(group_week_url(group, data["from_date"]))
    context = {"entry": entry, "groups": groups, "group": group, "form": form}
    return render(request, "web/schedule/entry_move.html", context)


def _lesson_groups(lesson) -> list:
    return [a.group for a in lesson.attendees.select_related("group").order_by("group__name")]


@login_required
@require_http_methods(["GET", "POST"])
def lesson_move(request, pk: int):
    lesson = editable_lesson(request, pk)
    groups = _lesson_groups(lesson)
    group = back_group(request, groups)
    form = MoveLessonForm(
        request.POST or None,
        semester=lesson.semester,
        rooms=policy.visible_rooms(request.principal),
        initial={"date": lesson.date, "pair": lesson.pair},
    )
    if request.method == "POST" and form.is_valid():
        moved = call_service(
            form, lesson_services.move_lesson, lesson=lesson, actor=request.user, **form.cleaned_data
        )
        if moved is not None:
            messages.success(
                request,
                _("Lesson moved to %(date)s, pair %(pair)s, room %(room)s.")
                % {"date": f"{moved.date:%d.%m.%Y}", "pair": moved.pair, "room": moved.room.number},
            )
            return redirect(group_week_url(group, moved.date))
    context = {"lesson": lesson, "groups": groups, "group": group, "form": form}
    return render(request, "web/schedule/lesson_move.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_cancel(request, pk: int):
    lesson = editable_lesson(request, pk)
    groups = _lesson_groups(lesson)
    group = back_group(request, groups)
    form = CancelLessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cancelled = call_service(
            form, lesson_services.cancel_lesson, lesson=lesson, actor=request.user, **form.cleaned_data
        )
        if cancelled is not None:
            messages.success(
                request,
                _("Lesson of %(date)s, pair %(pair)s cancelled.")
                % {"date": f"{lesson.date:%d.%m.%Y}", "pair": lesson.pair},
            )
            return redirect(group_week_url(group, lesson.date))
    context = {"lesson": lesson, "groups": groups, "group": group, "form": form}
    return render(request, "web/schedule/lesson_cancel.html", context)


def _report(request, report: copies.CopyReport) -> None:
    """The copy's report as messages on the group page: what was copied, each skipped entry and why."""
    if report.copied:
        count = len(report.copied)
        messages.success(
            request,
            ngettext("%(count)s entry copied.", "%(count)s entries copied.", count) % {"count": count},
        )
    for skipped in report.skipped:
        messages.warning(
            request,
            _("Not copied: %(what)s. %(reason)s") % {"what": skipped.what, "reason": skipped.reason},
        )
    if not report.copied and not report.skipped:
        messages.info(request, _("There was nothing to copy."))


@login_required
@require_POST
def copy_timetable(request, pk: int):
    group = editable_group(request, pk)
    monday = monday_from(request)
    target = selectors.semester_of_week(monday)
    form = CopyTimetableForm(request.POST, target=target)
    if target is not None and form.is_valid():
        report = call_service(
            form,
            copies.copy_timetable,
            group=group,
            source=form.cleaned_data["source"],
            target=target,
            actor=request.user,
        )
        if report is not None:
            _report(request, report)
            return redirect(group_week_url(group, max(monday, target.start_date)))
    return group_page(request, group, monday, copy_form=form)


@login_required
@require_POST
def copy_week(request, pk: int):
    group = editable_group(request, pk)
    monday = monday_from(request)
    semester = selectors.semester_of_week(monday)
    form = CopyWeekForm(request.POST)
    if semester is not None and form.is_valid():
        report = call_service(
            form,
            copies.copy_week,
            group=group,
            semester=semester,
            from_week=form.cleaned_data["from_week"],
            to_weeks=form.cleaned_data["to_weeks"],
            actor=request.user,
        )
        if report is not None:
            _report(request, report)
            return redirect(group_week_url(group, monday))
    return group_page(request, group, monday, copy_week_form=form)
