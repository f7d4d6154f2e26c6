"""Who teaches what (annex 6): a group's bound subjects of a semester × the lesson types their
curriculum gives hours to, with the teachers put on each; a dean (or the subject's head of
department) adds and removes them. The timetable's entry form offers exactly these loads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.curricula.models import SubjectLoad
from hemis.schedule import selectors
from hemis.schedule.models import TeachingLoad
from hemis.schedule.services import loads as services
from hemis.staff.models import Employee
from hemis.students.models import Group, GroupSubject
from hemis.web.forms import call_service, message_errors
from hemis.web.schedule.common import timetable_group
from hemis.web.schedule.forms import LoadForm


def _bindings(group: Group, semester: Semester | None) -> list[GroupSubject]:
    if semester is None:
        return []
    loads = TeachingLoad.objects.select_related("teacher").order_by("training_type", "teacher__last_name")
    hours = SubjectLoad.objects.order_by("training_type")
    return list(
        GroupSubject.objects.filter(group=group, semester=semester)
        .select_related("curriculum_subject__subject", "curriculum_subject__department", "group__faculty")
        .prefetch_related(
            Prefetch("loads", queryset=loads), Prefetch("curriculum_subject__loads", queryset=hours)
        )
        .order_by("curriculum_subject__subject__code")
    )


def _group_and_bindings(request, pk: int, semester: Semester | None) -> tuple[Group, list[GroupSubject]]:
    """The group and its subjects of ``semester``, for a role that reads timetables or may put
    teachers on one of those subjects."""
    principal = request.principal
    if policy.can(principal, "schedule.view"):
        group = timetable_group(request, pk)
        return group, _bindings(group, semester)
    if policy.can(principal, "schedule.loads.edit"):
        group = get_object_or_404(Group.objects.select_related("faculty", "programme"), pk=pk)
        bindings = _bindings(group, semester)
        if any(policy.may_edit_load(principal, b) for b in bindings):
            return group, bindings
    raise Http404


def _semester(request) -> Semester | None:
    wanted = request.GET.get("semester", "")
    semesters = Semester.objects.select_related("academic_year")
    if wanted.isdigit():
        return get_object_or_404(semesters, pk=wanted)
    return selectors.semester_on(timezone.localdate())


def _teachers(group: Group, bindings: list[GroupSubject]):
    """Employees currently appointed in the group's faculty or the departments of its subjects."""
    today = timezone.localdate()
    departments = {b.curriculum_subject.department_id for b in bindings}
    appointed = Employee.objects.filter(
        Q(appointments__org_unit__path__startswith=group.faculty.path)
        | Q(appointments__org_unit_id__in=departments),
        Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=today),
        appointments__start_date__lte=today,
    )
    return Employee.objects.filter(pk__in=appointed.values("pk")).order_by("last_name", "first_name", "pk")


def _rows(principal, bindings: list[GroupSubject]) -> list[dict]:
    rows = []
    for binding in bindings:
        editable = policy.may_edit_load(principal, binding)
        for hours in binding.curriculum_subject.loads.all():
            teachers = [load for load in binding.loads.all() if load.training_type == hours.training_type]
            rows.append({"binding": binding, "hours": hours, "teachers": teachers, "editable": editable})
    return rows


def _choices(rows: list[dict]) -> list[tuple]:
    return [
        (
            row["binding"],
            row["hours"].training_type,
            f"{row['binding'].curriculum_subject.subject.name} · {row['hours'].get_training_type_display()}",
        )
        for row in rows
        if row["editable"]
    ]


def _url(group: Group, semester: Semester | None) -> str:
    url = reverse("web:schedule_loads", args=[group.pk])
    return f"{url}?semester={semester.pk}" if semester else url


def _assign(request, group: Group, form: LoadForm) -> bool:
    """Put the chosen teacher on the chosen load; False when the service refuses (errors on ``form``)."""
    fields = form.load_fields()
    if not policy.may_edit_load(request.principal, fields["group_subject"]):
        raise PermissionDenied
    load = call_service(form, services.assign_load, actor=request.user, **fields)
    if load is None:
        return False
    messages.success(
        request,
        _("%(teacher)s now teaches %(subject)s (%(kind)s) to group %(group)s.")
        % {
            "teacher": load.teacher.short_name,
            "subject": fields["group_subject"].curriculum_subject.subject.name,
            "kind": load.get_training_type_display().lower(),
            "group": group.name,
        },
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def group_loads(request, pk: int):
    semester = _semester(request)
    group, bindings = _group_and_bindings(request, pk, semester)
    rows = _rows(request.principal, bindings)
    choices = _choices(rows)
    form = (
        LoadForm(request.POST or None, rows=choices, teachers=_teachers(group, bindings)) if choices else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # nothing of this group the active role may give a teacher
        if form.is_valid() and _assign(request, group, form):
            return redirect(_url(group, semester))
    bound = GroupSubject.objects.filter(group=group).values("semester_id")
    semesters = Semester.objects.filter(Q(pk__in=bound) | Q(pk=getattr(semester, "pk", None) or 0))
    context = {
        "group": group,
        "semester": semester,
        "semesters": semesters.select_related("academic_year").order_by("start_date"),
        "rows": rows,
        "form": form,
        "week": semester.start_date if semester else None,
    }
    return render(request, "web/schedule/loads.html", context)


LOAD_RELATED = (
    "teacher",
    "group_subject__group__faculty",
    "group_subject__semester",
    "group_subject__curriculum_subject__subject",
    "group_subject__curriculum_subject__department",
)


def take_off(request, loads, pk: int) -> TeachingLoad:
    """Take the teacher off load ``pk`` of ``loads`` (a policy queryset: outside it, 404) when the active
    role may edit it, telling the outcome as a message; the load, for the page to return to."""
    load = get_object_or_404(loads.select_related(*LOAD_RELATED), pk=pk)
    binding = load.group_subject
    if not policy.may_edit_load(request.principal, binding):
        raise PermissionDenied
    try:
        services.remove_load(load=load, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("%(teacher)s no longer teaches %(subject)s (%(kind)s) to group %(group)s.")
            % {
                "teacher": load.teacher.short_name,
                "subject": binding.curriculum_subject.subject.name,
                "kind": load.get_training_type_display().lower(),
                "group": binding.group.name,
            },
        )
    return load


@login_required
@require_POST
def load_remove(request, pk: int):
    loads = TeachingLoad.objects.filter(pk__in=policy.visible_loads(request.principal).values("pk"))
    binding = take_off(request, loads, pk).group_subject
    return redirect(_url(binding.group, binding.semester))
