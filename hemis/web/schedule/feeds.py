"""A timetable week on paper and in Excel, and the personal calendar feed (``.ics``).

The week of a group or a teacher is fetched through the policy (hidden and missing alike a 404) and
its lessons through ``policy.visible_lessons``, so a printout never shows more than the week page.
The feed is public by design: calendar applications cannot log in, so its address carries a secret
token that its owner can reset."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.access.roles import RoleCode
from hemis.core import pdf
from hemis.core.models import WEEKDAYS
from hemis.schedule import feeds_selectors, selectors
from hemis.schedule.enums import LessonStatus
from hemis.schedule.services import feeds as feed_services
from hemis.staff.models import Employee
from hemis.students.models import Student
from hemis.web.pages import pdf_response, xlsx_export
from hemis.web.schedule.common import monday_from, timetable_group

WEEKDAY_NAMES = dict(WEEKDAYS)


def _teacher(request, pk: int) -> Employee:
    return get_object_or_404(policy.visible_teachers(request.principal), pk=pk)


@dataclass
class _Printout:
    """A week to print or export, and what names it: the title and lines under it on paper, the
    start of the file names, the sheet's name and the filters the export is journaled with."""

    week: selectors.Week
    title: str
    subtitles: list[str]
    stem: str
    sheet: str
    filters: dict


def _group_week(request, pk: int) -> _Printout:
    group = timetable_group(request, pk)
    lessons = selectors.group_lessons(policy.visible_lessons(request.principal), group)
    return _Printout(
        week=selectors.week(lessons, monday_from(request)),
        title=_("Timetable of group %(name)s") % {"name": group.name},
        subtitles=[group.faculty.name],
        stem=f"timetable-{slugify(group.name) or group.pk}",
        sheet=group.name,
        filters={"group": group.pk},
    )


def _teacher_week(request, pk: int) -> _Printout:
    teacher = _teacher(request, pk)
    lessons = selectors.teacher_lessons(policy.visible_lessons(request.principal), teacher)
    return _Printout(
        week=selectors.week(lessons, monday_from(request)),
        title=_("Timetable of %(name)s") % {"name": teacher.full_name},
        subtitles=[],
        stem=f"timetable-teacher-{teacher.pk}",
        sheet=teacher.last_name,
        filters={"teacher": teacher.pk},
    )


def _span(week) -> str:
    last = week.days[-1].date
    return f"{week.monday:%d.%m.%Y} – {last:%d.%m.%Y}"


# --- the printable week ----------------------------------------------------------------------------


def _pair_columns(week) -> list[tuple[int, dt.time, dt.time]]:
    """The academic year's pairs, and any other pair a lesson of the week sits at."""
    times = {p.number: (p.start_time, p.end_time) for p in week.pairs}
    for lesson in week.lessons:
        times.setdefault(lesson.pair, (lesson.start_time, lesson.end_time))
    return [(number, *times[number]) for number in sorted(times)]


def _lesson_cell(lesson):
    cancelled = lesson.status == LessonStatus.CANCELLED
    subject = f"<b>{pdf.markup(lesson.subject.name)}</b> ({pdf.markup(lesson.kind_label.lower())})"
    lines = [
        f"<strike>{subject}</strike>" if cancelled else subject,
        pdf.markup(feeds_selectors.place_label(lesson)),
        pdf.markup(lesson.teacher.short_name),
        pdf.markup(feeds_selectors.groups_label(lesson)),
    ]
    if cancelled:
        lines.append(pdf.markup(_("Cancelled: %(reason)s") % {"reason": lesson.cancel_reason}))
    return pdf.rich("<br/>".join(lines))


def week_pdf(week, *, title: str, subtitles: list[str]) -> bytes:
    """A week as a table of days × pairs on a landscape A4 page."""
    columns = _pair_columns(week)
    headers = [_("Day")] + [f"{n}\n{start:%H:%M}–{end:%H:%M}" for n, start, end in columns]
    rows = []
    for day in week.days:
        row: list = [f"{WEEKDAY_NAMES[day.date.isoweekday()]}\n{day.date:%d.%m.%Y}"]
        row += [[_lesson_cell(lesson) for lesson in day.cells.get(n, [])] or "" for n, _s, _e in columns]
        rows.append(row)
    table = pdf.Table(headers=headers, rows=rows, widths=[3] + [5] * len(columns))
    printed = timezone.localtime()
    return pdf.document(
        title=title,
        subtitles=[*subtitles, _span(week)],
        tables=[table],
        landscape=True,
        footer=f"OpenHEMIS · {printed:%d.%m.%Y %H:%M}",
    )


def _semester_line(week) -> list[str]:
    return [str(week.semester)] if week.semester else []


def _pdf_response(printout: _Printout) -> HttpResponse:
    week = printout.week
    data = week_pdf(week, title=printout.title, subtitles=[*printout.subtitles, *_semester_line(week)])
    return pdf_response(data, f"{printout.stem}-{week.monday:%Y%m%d}.pdf")


@login_required
@require_GET
def schedule_group_pdf(request, pk: int):
    return _pdf_response(_group_week(request, pk))


@login_required
@require_GET
def schedule_teacher_pdf(request, pk: int):
    return _pdf_response(_teacher_week(request, pk))


@login_required
@require_GET
def schedule_my_pdf(request):
    """The logged-in teacher's or student's own week."""
    principal = request.principal
    policy.require(principal, "schedule.own")
    week = selectors.week(policy.visible_lessons(principal), monday_from(request))
    if principal.role == RoleCode.TEACHER:
        person = Employee.objects.filter(user=request.user).first()
        subtitles = []
    else:
        person = Student.objects.filter(user=request.user).select_related("group").first()
        subtitles = [_("Group %(name)s") % {"name": person.group.name}] if person and person.group else []
    name = person.full_name if person else request.user.get_full_name()
    title = _("Timetable of %(name)s") % {"name": name}
    return _pdf_response(_Printout(week, title, subtitles, stem="timetable", sheet="", filters={}))


# --- the week in Excel -----------------------------------------------------------------------------


def _xlsx_response(request, printout: _Printout):
    week = printout.week
    headers = [_("Date"), _("Day"), _("Pair"), _("Time"), _("Subject"), _("Lesson type"), _("Room")]
    headers += [_("Teacher"), _("Groups"), _("Status"), _("Reason for cancelling")]
    rows = [
        [
            lesson.date,
            WEEKDAY_NAMES[lesson.date.isoweekday()],
            lesson.pair,
            f"{lesson.start_time:%H:%M}–{lesson.end_time:%H:%M}",
            lesson.subject.name,
            lesson.kind_label,
            feeds_selectors.place_label(lesson),
            lesson.teacher.short_name,
            feeds_selectors.groups_label(lesson),
            lesson.get_status_display(),
            lesson.cancel_reason,
        ]
        for lesson in week.lessons
    ]
    return xlsx_export(
        request,
        action="schedule.lesson.exported",
        filename=f"{printout.stem}-{week.monday:%Y%m%d}.xlsx",
        title=f"{printout.sheet} {week.monday:%d.%m.%Y}",
        headers=headers,
        rows=rows,
        filters={**printout.filters, "week": week.monday.isoformat()},
    )


@login_required
@require_GET
def schedule_group_xlsx(request, pk: int):
    return _xlsx_response(request, _group_week(request, pk))


@login_required
@require_GET
def schedule_teacher_xlsx(request, pk: int):
    return _xlsx_response(request, _teacher_week(request, pk))


# --- the calendar feed -----------------------------------------------------------------------------


@require_GET
def schedule_feed(request, token: str):
    """The ``.ics`` behind a secret address; no login (calendar applications cannot log in)."""
    feed = feeds_selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    data = feed_services.calendar_bytes(feed.user, host=request.get_host().partition(":")[0])
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timetable.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def schedule_feed_settings(request):
    """The personal feed's address with how to subscribe to it, and a button that resets it."""
    if not policy.has_calendar_feed(request.principal):
        raise PermissionDenied("schedule.own")
    if request.method == "POST":
        feed_services.reset_feed(user=request.user, actor=request.user)
        messages.success(request, _("A new address was made; the old one no longer works."))
        return redirect("web:schedule_feed_settings")
    feed = feed_services.feed_for(request.user)
    url = request.build_absolute_uri(reverse("web:schedule_feed", kwargs={"token": feed.token}))
    webcal = "webcal://" + url.partition("://")[2]
    return render(request, "web/schedule/feed_settings.html", {"url": url, "webcal": webcal})


urlpatterns = [
    path("schedule/groups/<int:pk>/week.pdf", schedule_group_pdf, name="schedule_group_pdf"),
    path("schedule/groups/<int:pk>/week.xlsx", schedule_group_xlsx, name="schedule_group_xlsx"),
    path("schedule/teachers/<int:pk>/week.pdf", schedule_teacher_pdf, name="schedule_teacher_pdf"),
    path("schedule/teachers/<int:pk>/week.xlsx", schedule_teacher_xlsx, name="schedule_teacher_xlsx"),
    path("schedule/my/week.pdf", schedule_my_pdf, name="schedule_my_pdf"),
    path("schedule/my/calendar/", schedule_feed_settings, name="schedule_feed_settings"),
    path("schedule/feed/<str:token>.ics", schedule_feed, name="schedule_feed"),
]
