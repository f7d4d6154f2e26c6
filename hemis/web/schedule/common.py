"""What the timetable pages share: the week asked for, and fetching a group, an entry or a lesson
through the policy (hidden and missing alike a 404, visible but not editable a 403)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from hemis.access import policy
from hemis.schedule import selectors
from hemis.schedule.models import Lesson, TimetableEntry
from hemis.schedule.services.entries import week_number
from hemis.students.models import Group
from hemis.web.schedule.forms import DATE_FORMATS


def parse_day(text: str | None) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime((text or "").strip(), fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def monday_from(request) -> dt.date:
    """The Monday of the week ``?week=`` names (any day of it), this week by default."""
    return selectors.monday_of(parse_day(request.GET.get("week")) or timezone.localdate())


def week_context(week: selectors.Week) -> dict:
    """What the week partial (``web/schedule/_week.html``) and its navigation need besides ``week``:
    the semester's week number (None outside the semester) and today."""
    number = None
    semester = week.semester
    if semester and semester.start_date <= week.sunday and week.monday <= semester.end_date:
        number = week_number(semester, week.monday)
    return {"week": week, "week_number": number, "today": timezone.localdate()}


def group_week_url(group: Group, day: dt.date) -> str:
    """The group's timetable page at the week of ``day``."""
    return f"{reverse('web:schedule_group', args=[group.pk])}?week={selectors.monday_of(day):%Y-%m-%d}"


def timetable_group(request, pk: int) -> Group:
    """A group whose timetable the active role reads, or 404."""
    readable = policy.timetable_groups(request.principal).values("pk")
    groups = Group.objects.filter(pk__in=readable).select_related("faculty", "programme")
    return get_object_or_404(groups, pk=pk)


def editable_group(request, pk: int) -> Group:
    group = timetable_group(request, pk)
    policy.require(request.principal, "schedule.edit", group)
    return group


def _editable(request, model, visible, pk: int):
    """The ``model`` row ``pk`` among the ``visible`` ones, with what the editing pages show, that the
    active role edits; hidden and missing alike a 404, not editable a 403."""
    row = get_object_or_404(
        model.objects.filter(pk__in=visible.values("pk")).select_related(
            "semester__academic_year", "subject", "teacher", "room", "faculty"
        ),
        pk=pk,
    )
    policy.require(request.principal, "schedule.edit", row)
    return row


def editable_entry(request, pk: int) -> TimetableEntry:
    return _editable(request, TimetableEntry, policy.visible_entries(request.principal), pk)


def editable_lesson(request, pk: int) -> Lesson:
    return _editable(request, Lesson, policy.visible_lessons(request.principal), pk)


def back_group(request, groups: list[Group]) -> Group | None:
    """The group page to go back to: ``?group=`` when it is one of ``groups``, else the first."""
    wanted = request.GET.get("group") or request.POST.get("group")
    return next((g for g in groups if str(g.pk) == wanted), groups[0] if groups else None)
