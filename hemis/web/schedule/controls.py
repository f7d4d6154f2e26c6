"""Control schedules (annex 5 item 10): current, midterm and final controls and their re-sits per
group, with date, pair, room and examiner.

- /schedule/controls/ — the schedule readers pick a group of their scope; a teacher or a student sees
  their own published controls of the current semester.
- /schedule/groups/<pk>/controls/?semester=… — a group's control schedule; the dean's office of the
  group's faculty adds and removes controls and publishes the schedule. A refusal of the service (a
  clash named, a room too small, a re-sit before its statement) is shown on the form with the
  entered values kept, and nothing is changed.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.org.models import Room
from hemis.schedule import selectors
from hemis.schedule.enums import Attempt, ControlKind, LessonKind, LessonStatus
from hemis.schedule.models import ControlPublication, LessonGroup
from hemis.schedule.monitoring import monitored_semester
from hemis.schedule.services import controls as services
from hemis.staff.enums import EmployeeStatus
from hemis.staff.models import Employee
from hemis.staff.selectors import current_q
from hemis.students.models import Group, GroupSubject, Subgroup
from hemis.web.forms import DATE_INPUT, DateInput, call_service, message_errors, status_of
from hemis.web.pages import paginate
from hemis.web.schedule.common import editable_group, timetable_group
from hemis.web.schedule.forms import RoomChoiceField, pair_choices, room_queryset

# --- forms ---------------------------------------------------------------------------------------


class GroupSubjectField(forms.ModelChoiceField):
    def label_from_instance(self, obj: GroupSubject) -> str:
        subject = obj.curriculum_subject.subject
        return f"{subject.code} — {subject.name}"


def examiner_choices(group: Group, semester: Semester) -> tuple[list, dict[int, Employee]]:
    """The teachers of the group's subjects this semester first, then the faculty's other employees."""
    teachers = list(
        Employee.objects.filter(
            teaching_loads__group_subject__group=group, teaching_loads__group_subject__semester=semester
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    faculty = (
        Employee.objects.filter(current_q(timezone.localdate(), "appointments__"))
        .filter(appointments__org_unit__path__startswith=group.faculty.path)
        .exclude(status=EmployeeStatus.DISMISSED)
        .exclude(pk__in=[t.pk for t in teachers])
        .distinct()
        .order_by("last_name", "first_name")
    )
    others = list(faculty)
    choices = [
        ("", BLANK_CHOICE_LABEL),
        (_("Teachers of the group"), [(e.pk, e.full_name) for e in teachers]),
        (_("Other employees of the faculty"), [(e.pk, e.full_name) for e in others]),
    ]
    return choices, {e.pk: e for e in [*teachers, *others]}


class ControlForm(forms.Form):
    group_subject = GroupSubjectField(label=gettext_lazy("Subject"), queryset=GroupSubject.objects.none())
    control_kind = forms.ChoiceField(label=gettext_lazy("Control"), choices=ControlKind.choices)
    attempt = forms.ChoiceField(
        label=gettext_lazy("Statement"), choices=Attempt.choices, initial=Attempt.FIRST
    )
    date = forms.DateField(label=gettext_lazy("Date"), input_formats=DATE_INPUT, widget=DateInput())
    pair = forms.TypedChoiceField(label=gettext_lazy("Pair"), coerce=int, choices=())
    room = RoomChoiceField(label=gettext_lazy("Room"), queryset=Room.objects.none())
    examiner = forms.TypedChoiceField(label=gettext_lazy("Examiner"), coerce=int, choices=())
    subgroup = forms.ModelChoiceField(
        label=gettext_lazy("Subgroup"),
        queryset=Subgroup.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole group"),
    )

    def __init__(self, *args, group: Group, semester: Semester, rooms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group_subject"].queryset = (
            GroupSubject.objects.filter(group=group, semester=semester)
            .select_related("curriculum_subject__subject")
            .order_by("curriculum_subject__subject__code")
        )
        self.fields["pair"].choices = [("", BLANK_CHOICE_LABEL), *pair_choices(semester)]
        self.fields["room"].queryset = room_queryset(rooms)
        choices, self.examiners = examiner_choices(group, semester)
        self.fields["examiner"].choices = choices
        self.fields["subgroup"].queryset = group.subgroups.order_by("name")

    def clean_examiner(self):
        return self.examiners[self.cleaned_data["examiner"]]


# --- the pages -----------------------------------------------------------------------------------


def _semester(request) -> Semester | None:
    """``?semester=`` (any semester), else the current one (or the one holding today)."""
    value = request.GET.get("semester")
    if value:
        if not value.isdigit():
            raise Http404
        return get_object_or_404(Semester.objects.select_related("academic_year"), pk=value)
    return monitored_semester()


def _url(group: Group, semester: Semester | None) -> str:
    url = reverse("web:schedule_group_controls", args=[group.pk])
    return f"{url}?semester={semester.pk}" if semester else url


def _shown(principal, lessons):
    """What the active role reads of ``lessons``: teachers and students only the published controls."""
    if policy.can(principal, "schedule.view"):
        return lessons
    return lessons.filter(published_at__isnull=False)


@login_required
@require_GET
def schedule_controls(request):
    principal = request.principal
    semester = monitored_semester()
    if policy.can(principal, "schedule.view"):
        return _pick_group(request, semester)
    policy.require(principal, "schedule.own")
    controls = []
    if semester is not None:
        mine = policy.visible_lessons(principal).filter(
            kind=LessonKind.CONTROL,
            semester=semester,
            status=LessonStatus.SCHEDULED,
            published_at__isnull=False,
        )
        controls = list(selectors.with_details(mine))
    return render(request, "web/schedule/controls_mine.html", {"semester": semester, "controls": controls})


def _pick_group(request, semester):
    query = (request.GET.get("q") or "").strip()
    groups = policy.timetable_groups(request.principal).filter(is_active=True)
    if query:
        groups = groups.filter(name__icontains=query)
    page = paginate(request, groups.select_related("faculty").order_by("name"))
    ids = [g.pk for g in page]
    counts, published = {}, {}
    if semester is not None:
        counts = dict(
            LessonGroup.objects.filter(
                group_id__in=ids,
                lesson__kind=LessonKind.CONTROL,
                lesson__semester=semester,
                lesson__status=LessonStatus.SCHEDULED,
            )
            .values("group_id")
            .annotate(n=Count("lesson", distinct=True))
            .values_list("group_id", "n")
        )
        published = dict(
            ControlPublication.objects.filter(group_id__in=ids, semester=semester).values_list(
                "group_id", "published_at"
            )
        )
    rows = [(g, counts.get(g.pk, 0), published.get(g.pk)) for g in page]
    context = {"semester": semester, "page": page, "rows": rows, "q": query}
    return render(request, "web/schedule/controls.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_group_controls(request, pk: int):
    principal = request.principal
    group = timetable_group(request, pk)
    semester = _semester(request)
    can_edit = semester is not None and group.is_active and policy.can(principal, "schedule.edit", group)
    form = None
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("schedule.edit")
    if can_edit:
        rooms = policy.visible_rooms(principal)
        form = ControlForm(request.POST or None, group=group, semester=semester, rooms=rooms)
        if form.is_bound and form.is_valid():
            lesson = call_service(
                form,
                services.schedule_control,
                rename={"teacher": "examiner"},
                actor=request.user,
                **form.cleaned_data,
            )
            if lesson is not None:
                messages.success(request, _("The control is on the schedule."))
                return redirect(_url(group, semester))
    controls = []
    publication = None
    if semester is not None:
        lessons = selectors.group_lessons(policy.visible_lessons(principal), group)
        lessons = lessons.filter(kind=LessonKind.CONTROL, semester=semester, status=LessonStatus.SCHEDULED)
        lessons = _shown(principal, lessons)
        controls = list(selectors.with_details(lessons))
        publication = ControlPublication.objects.filter(group=group, semester=semester).first()
    context = {
        "group": group,
        "semester": semester,
        "semesters": Semester.objects.select_related("academic_year").order_by("-start_date"),
        "controls": controls,
        "publication": publication,
        "form": form,
        "can_edit": can_edit,
    }
    status = status_of(request, form) if form is not None else 200
    return render(request, "web/schedule/control_group.html", context, status=status)


@login_required
@require_POST
def schedule_group_control_remove(request, pk: int, lesson_pk: int):
    group = editable_group(request, pk)
    editable = policy.editable_lessons(request.principal).filter(kind=LessonKind.CONTROL)
    lesson = get_object_or_404(
        selectors.group_lessons(editable, group).select_related("semester", "subject"), pk=lesson_pk
    )
    semester = lesson.semester
    try:
        services.remove_control(lesson=lesson, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The control is off the schedule."))
    return redirect(_url(group, semester))


@login_required
@require_POST
def schedule_group_controls_publish(request, pk: int):
    group = editable_group(request, pk)
    semester = _semester(request)
    if semester is None:
        raise Http404
    try:
        services.publish_controls(group=group, semester=semester, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request, _("The control schedule is published to the group's students and examiners.")
        )
    return redirect(_url(group, semester))


urlpatterns = [
    path("schedule/controls/", schedule_controls, name="schedule_controls"),
    path("schedule/groups/<int:pk>/controls/", schedule_group_controls, name="schedule_group_controls"),
    path(
        "schedule/groups/<int:pk>/controls/publish/",
        schedule_group_controls_publish,
        name="schedule_group_controls_publish",
    ),
    path(
        "schedule/groups/<int:pk>/controls/<int:lesson_pk>/remove/",
        schedule_group_control_remove,
        name="schedule_group_control_remove",
    ),
]
