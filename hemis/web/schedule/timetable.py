"""Reading timetables (annex 5 item 9): the home page, a week by group, teacher or room, every lesson
of a day, and a teacher's or student's own week. Each page asks the policy for the lessons the active
role reads and lays them out through ``schedule.selectors`` in a bounded number of queries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hemis.access import policy
from hemis.org.models import OrgUnit
from hemis.schedule import selectors
from hemis.web.pages import paginate
from hemis.web.schedule import editing
from hemis.web.schedule.common import monday_from, timetable_group, week_context
from hemis.web.schedule.forms import DayForm, PickForm


def _faculties(principal):
    return OrgUnit.objects.filter(pk__in=policy.timetable_groups(principal).values("faculty_id"))


@login_required
@require_GET
def index(request):
    """The timetable home: pick a group, a teacher, a room or a day. Teachers and students have
    their own week instead."""
    principal = request.principal
    if policy.can(principal, "schedule.own") and not policy.can(principal, "schedule.view"):
        return redirect("web:schedule_my_week")
    policy.require(principal, "schedule.view")
    form = PickForm(
        request.GET or None,
        groups=policy.timetable_groups(principal).filter(is_active=True),
        teachers=policy.visible_teachers(principal),
        rooms=policy.visible_rooms(principal),
    )
    if form.is_valid():
        for name, url_name in (
            ("group", "web:schedule_group"),
            ("teacher", "web:schedule_teacher"),
            ("room", "web:schedule_room"),
        ):
            if form.cleaned_data[name] is not None:
                return redirect(url_name, pk=form.cleaned_data[name].pk)
    context = {"form": form, "day_form": DayForm(faculties=_faculties(principal))}
    return render(request, "web/schedule/index.html", context)


@login_required
@require_GET
def group_week(request, pk: int):
    group = timetable_group(request, pk)
    return editing.group_page(request, group, monday_from(request))


def _week_page(request, template: str, shown: dict, lessons):
    """The week of the teacher or room in ``shown``, its ``lessons`` those the role reads."""
    context = {
        **shown,
        "links": policy.can(request.principal, "schedule.view"),
        **week_context(selectors.week(lessons, monday_from(request))),
    }
    return render(request, template, context)


@login_required
@require_GET
def teacher_week(request, pk: int):
    principal = request.principal
    teacher = get_object_or_404(policy.visible_teachers(principal), pk=pk)
    lessons = selectors.teacher_lessons(policy.visible_lessons(principal), teacher)
    return _week_page(request, "web/schedule/teacher.html", {"teacher": teacher}, lessons)


@login_required
@require_GET
def room_week(request, pk: int):
    principal = request.principal
    room = get_object_or_404(policy.visible_rooms(principal).select_related("building"), pk=pk)
    lessons = selectors.room_lessons(policy.visible_lessons(principal), room)
    return _week_page(request, "web/schedule/room.html", {"room": room}, lessons)


@login_required
@require_GET
def day(request):
    """Every lesson of a day in the active scope (one faculty if asked), by pair, a page at a time."""
    principal = request.principal
    policy.require(principal, "schedule.view")
    form = DayForm(request.GET, faculties=_faculties(principal))
    form.is_valid()  # a wrong field is left out of cleaned_data; the valid ones still count
    date = form.cleaned_data.get("date") or timezone.localdate()
    faculty = form.cleaned_data.get("faculty")
    lessons = policy.visible_lessons(principal).filter(date=date)
    if faculty is not None:
        lessons = lessons.filter(faculty=faculty)
    context = {
        "form": form,
        "date": date,
        "faculty": faculty,
        "page": paginate(request, selectors.lessons_between(lessons, date, date)),
        "previous": date - selectors.ONE_DAY,
        "next": date + selectors.ONE_DAY,
    }
    return render(request, "web/schedule/day.html", context)


@login_required
@require_GET
def my_week(request):
    """A teacher's or student's own week, this week first; days stack as cards on a phone."""
    principal = request.principal
    policy.require(principal, "schedule.own")
    week = selectors.week(policy.visible_lessons(principal), monday_from(request))
    # A teacher's lessons held link to their record in the journal.
    context = week_context(week) | {"record_links": policy.can(principal, "teaching.journal.edit")}
    return render(request, "web/schedule/my_week.html", context)
