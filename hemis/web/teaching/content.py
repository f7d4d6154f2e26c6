"""A teacher's subject content and assignments (annex 7 items 1–3): the loads they teach, and per load
its calendar plan of topics, its resources, its assignments and the students' submissions with grading.
A head of department, a dean's office and the academic department read the same pages through
``policy.teaching_loads``; only the teacher of a load edits it (``policy.own_loads``). Files are served
through ``teaching_file`` after the policy, never from /media/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.core.files import stored_file
from hemis.schedule.models import TeachingLoad
from hemis.schedule.selectors import semester_on
from hemis.teaching import content_selectors as selectors
from hemis.teaching.models import Assignment, Resource, Topic
from hemis.teaching.services import content as services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.teaching.content_forms import AssignmentForm, GradeForm, ResourceForm, TopicForm


def _reader(principal) -> bool:
    return policy.can(principal, "teaching.content.edit") or policy.can(principal, "teaching.view")


def _semester(request) -> Semester | None:
    """The semester asked for; else, for a teacher, none (all their loads, a bounded number), for the
    others (a department's or faculty's loads) the current semester, or the next one between semesters."""
    wanted = request.GET.get("semester", "")
    if wanted.isdigit():
        return get_object_or_404(Semester.objects.select_related("academic_year"), pk=wanted)
    if policy.can(request.principal, "teaching.content.edit"):
        return None
    return semester_on(timezone.localdate())


@login_required
@require_GET
def my_subjects(request):
    principal = request.principal
    if not _reader(principal):
        raise PermissionDenied
    loads = policy.teaching_loads(principal)
    semester = _semester(request)
    shown = loads if semester is None else loads.filter(group_subject__semester=semester)
    semesters = Semester.objects.filter(pk__in=loads.values("group_subject__semester")).select_related(
        "academic_year"
    )
    context = {
        "semesters": selectors.loads_by_semester(shown),
        "semester": semester,
        "semester_choices": semesters.order_by("-start_date"),
        "editing": policy.can(principal, "teaching.content.edit"),
    }
    return render(request, "web/teaching/content/my_subjects.html", context)


def _load_among(loads, pk: int) -> TeachingLoad:
    """The load ``pk`` of ``loads`` (a queryset of the policy) for its page; 404 when not among them."""
    try:
        return selectors.load_for_page(loads, pk)
    except TeachingLoad.DoesNotExist as missing:
        raise Http404 from missing


def _readable_load(request, pk: int) -> TeachingLoad:
    return _load_among(policy.teaching_loads(request.principal), pk)


def _own_load(request, pk: int, *, content: bool = False) -> TeachingLoad:
    """A load the active role edits; for topics and resources (``content``), shared by every teacher of
    the subject's lesson type, the policy is asked about those too. Others' loads are not found."""
    principal = request.principal
    load = _load_among(policy.own_loads(principal), pk)
    if content and not policy.may_edit_content(
        principal, load.group_subject.curriculum_subject, load.training_type
    ):
        raise Http404
    return load


def _load_url(load: TeachingLoad, anchor: str = "") -> str:
    url = reverse("web:teaching_load", args=[load.pk])
    return f"{url}#{anchor}" if anchor else url


def _render_load(request, load: TeachingLoad, *, status: int = 200, **forms):
    editable = policy.own_loads(request.principal).filter(pk=load.pk).exists()
    context = {"load": load, "editable": editable, **selectors.load_page(load)}
    if editable:
        context["topic_form"] = forms.get("topic_form") or TopicForm()
        context["resource_form"] = forms.get("resource_form") or ResourceForm(
            topics=selectors.plan_topics(load)
        )
        context["assignment_form"] = forms.get("assignment_form") or AssignmentForm(
            topics=selectors.subject_topics(load)
        )
    return render(request, "web/teaching/content/load.html", context, status=status)


@login_required
@require_GET
def load_detail(request, pk: int):
    return _render_load(request, _readable_load(request, pk))


# -- topics --


def _add(request, load: TeachingLoad, form, form_name: str, service, anchor: str, told, /, **kwargs):
    """Run ``service`` on a valid ``form`` of the load's page: on success ``told(added)`` and back to
    ``anchor``; on refusal the page again with ``form`` (as ``form_name``) and its errors."""
    added = form.is_valid() and call_service(form, service, actor=request.user, **kwargs, **form.cleaned_data)
    if not added:
        return _render_load(request, load, status=400, **{form_name: form})
    messages.success(request, told(added))
    return redirect(_load_url(load, anchor))


@login_required
@require_POST
def topic_add(request, pk: int):
    load = _own_load(request, pk, content=True)
    return _add(
        request,
        load,
        TopicForm(request.POST),
        "topic_form",
        services.add_topic,
        "topics",
        lambda topic: _("Topic %(position)d added.") % {"position": topic.position},
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=load.training_type,
    )


def _topic(load: TeachingLoad, topic_pk: int) -> Topic:
    return get_object_or_404(selectors.plan_topics(load), pk=topic_pk)


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request, pk: int, topic_pk: int):
    load = _own_load(request, pk, content=True)
    topic = _topic(load, topic_pk)
    initial = {"title": topic.title, "hours": topic.hours, "week": topic.week}
    form = TopicForm(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, services.edit_topic, topic=topic, actor=request.user, **form.cleaned_data)
    )
    if saved:
        messages.success(request, _("Topic %(position)d saved.") % {"position": topic.position})
        return redirect(_load_url(load, "topics"))
    context = {"load": load, "topic": topic, "form": form}
    return render(request, "web/teaching/content/topic_edit.html", context, status=status_of(request, form))


@login_required
@require_POST
def topic_delete(request, pk: int, topic_pk: int):
    load = _own_load(request, pk, content=True)
    topic = _topic(load, topic_pk)
    services.delete_topic(topic=topic, actor=request.user)
    messages.success(request, _("Topic “%(title)s” deleted.") % {"title": topic.title})
    return redirect(_load_url(load, "topics"))


@login_required
@require_POST
def topic_move(request, pk: int, topic_pk: int):
    load = _own_load(request, pk, content=True)
    topic = _topic(load, topic_pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        raise Http404
    try:
        services.move_topic(topic=topic, offset=offset, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    return redirect(_load_url(load, "topics"))


# -- resources --


@login_required
@require_POST
def resource_add(request, pk: int):
    load = _own_load(request, pk, content=True)
    return _add(
        request,
        load,
        ResourceForm(request.POST, request.FILES, topics=selectors.plan_topics(load)),
        "resource_form",
        services.add_resource,
        "resources",
        lambda resource: _("Resource “%(title)s” added.") % {"title": resource.title},
        curriculum_subject=load.group_subject.curriculum_subject,
        training_type=load.training_type,
        teacher=load.teacher,
    )


@login_required
@require_POST
def resource_delete(request, pk: int, resource_pk: int):
    load = _own_load(request, pk, content=True)
    resource = get_object_or_404(selectors.content_of(Resource, load), pk=resource_pk)
    services.delete_resource(resource=resource, actor=request.user)
    messages.success(request, _("Resource “%(title)s” deleted.") % {"title": resource.title})
    return redirect(_load_url(load, "resources"))


# -- assignments and submissions --


@login_required
@require_POST
def assignment_add(request, pk: int):
    load = _own_load(request, pk)
    return _add(
        request,
        load,
        AssignmentForm(request.POST, request.FILES, topics=selectors.subject_topics(load)),
        "assignment_form",
        services.add_assignment,
        "assignments",
        lambda assignment: _("Assignment “%(title)s” added.") % {"title": assignment.title},
        load=load,
    )


def _assignment(load: TeachingLoad, assignment_pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.filter(load=load).select_related("topic"), pk=assignment_pk)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request, pk: int, assignment_pk: int):
    load = _own_load(request, pk)
    assignment = _assignment(load, assignment_pk)
    initial = {
        "title": assignment.title,
        "description": assignment.description,
        "deadline": timezone.localtime(assignment.deadline),
        "max_points": assignment.max_points,
        "attempts": assignment.attempts,
        "topic": assignment.topic,
    }
    form = AssignmentForm(
        request.POST or None, request.FILES or None, initial=initial, topics=selectors.subject_topics(load)
    )
    if request.method == "POST" and form.is_valid():
        kwargs = {"assignment": assignment, "actor": request.user, **form.cleaned_data}
        if call_service(form, services.edit_assignment, **kwargs):
            messages.success(
                request, _("Assignment “%(title)s” saved.") % {"title": form.cleaned_data["title"]}
            )
            return redirect(_load_url(load, "assignments"))
    context = {"load": load, "assignment": assignment, "form": form}
    return render(
        request, "web/teaching/content/assignment_edit.html", context, status=status_of(request, form)
    )


@login_required
@require_POST
def assignment_delete(request, pk: int, assignment_pk: int):
    load = _own_load(request, pk)
    assignment = _assignment(load, assignment_pk)
    try:
        services.delete_assignment(assignment=assignment, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Assignment “%(title)s” deleted.") % {"title": assignment.title})
    return redirect(_load_url(load, "assignments"))


@login_required
@require_POST
def submission_grade(request, pk: int, submission_pk: int):
    load = _own_load(request, pk)
    submission = get_object_or_404(
        policy.gradable_submissions(request.principal)
        .filter(assignment__load=load)
        .select_related("student"),
        pk=submission_pk,
    )
    form = GradeForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(form.errors.as_data()))
        return redirect(_load_url(load, f"submission-{submission.pk}"))
    data = form.cleaned_data
    try:
        services.grade_submission(
            submission=submission,
            points=data["points"],
            comment=data["comment"],
            expected_points=data["seen"],
            actor=request.user,
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("%(student)s: %(points)s points.")
            % {
                "student": submission.student.full_name,
                "points": number_format(data["points"], decimal_pos=2),
            },
        )
    return redirect(_load_url(load, f"submission-{submission.pk}"))


# -- files: served after the policy --

FILES = {
    "resource": policy.visible_resources,
    "assignment": policy.visible_assignments,
    "submission": policy.visible_submissions,
}


@login_required
@require_GET
def download(request, kind: str, pk: int):
    visible = FILES.get(kind)
    if visible is None:
        raise Http404
    return stored_file(get_object_or_404(visible(request.principal), pk=pk).file)
