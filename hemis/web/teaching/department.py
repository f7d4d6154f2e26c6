"""The department head's pages (annex 6, annex 7 item 6): the distribution of the department's subjects
to teachers, the teachers' progress, and the teachers' methodological and research works with the
head's approval. A dean reads its faculty's departments, the academic department all of them; which
department and semester a page shows is chosen on it (default: the first department, the current
semester)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.core.files import stored_file
from hemis.schedule import selectors as schedule_selectors
from hemis.schedule.services import loads as load_services
from hemis.teaching import department_selectors as selectors
from hemis.teaching.services import works as work_services
from hemis.web.forms import call_service, message_errors, status_of
from hemis.web.pages import paginate
from hemis.web.schedule.loads import take_off
from hemis.web.teaching.department_forms import DepartmentFilterForm, ReviewForm, StreamForm, WorkForm


def _semesters():
    return Semester.objects.select_related("academic_year").order_by("start_date")


def _choice(request) -> dict:
    """The department and semester the page shows, from the query string; a hidden department is 404."""
    principal = request.principal
    policy.require(principal, "teaching.view")
    departments = policy.teaching_departments(principal).order_by("code")
    form = DepartmentFilterForm(request.GET, departments=departments, semesters=_semesters())
    if not form.is_valid():
        raise Http404  # a department or semester outside the lists: hidden or missing
    department = form.cleaned_data["department"] or departments.first()
    if department is None:  # no department in the structure yet (or none in the faculty)
        return {"department": None}
    semester = form.cleaned_data["semester"] or schedule_selectors.semester_on(timezone.localdate())
    form = DepartmentFilterForm(
        initial={
            "department": department.pk,
            "semester": getattr(semester, "pk", None),
            "unassigned": form.cleaned_data["unassigned"],
        },
        departments=departments,
        semesters=_semesters(),
    )
    return {
        "filter_form": form,
        "department": department,
        "semester": semester,
        "unassigned": form.initial["unassigned"],
    }


def _no_department(request, title: str):
    return render(request, "web/teaching/department/no_department.html", {"title": title})


def _query(department, semester, unassigned: bool = False) -> str:
    params = {"department": department.pk}
    if semester is not None:
        params["semester"] = semester.pk
    if unassigned:
        params["unassigned"] = "on"
    return urlencode(params)


def _distribution_url(department, semester, unassigned: bool = False) -> str:
    return f"{reverse('web:teaching_distribution')}?{_query(department, semester, unassigned)}"


def _stream_message(loads, fields) -> str:
    binding = fields["group_subjects"][0]
    return _("%(teacher)s now teaches %(subject)s (%(kind)s) to %(groups)s.") % {
        "teacher": fields["teacher"].short_name,
        "subject": binding.curriculum_subject.subject.name,
        "kind": loads[0].get_training_type_display().lower(),
        "groups": ", ".join(b.group.name for b in fields["group_subjects"]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def distribution(request):
    """Group subjects × lesson types of the department's subjects in a semester, with their teachers;
    ticked rows of one lesson type get a teacher at once."""
    principal = request.principal
    context = _choice(request)
    if context["department"] is None:
        return _no_department(request, _("Distribution of subjects"))
    department, semester = context["department"], context["semester"]
    rows = []
    if semester is not None:
        rows = selectors.distribution(
            policy.department_group_subjects(principal),
            department=department,
            semester=semester,
            unassigned_only=context["unassigned"],
        )
    editable = [row for row in rows if policy.may_edit_load(principal, row.binding)]
    form = None
    if editable:
        teachers = selectors.department_teachers(department, timezone.localdate())
        form = StreamForm(request.POST or None, rows=editable, teachers=teachers)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # nothing here the active role may give a teacher
        if form.is_valid():
            fields = form.stream_fields()
            loads = call_service(
                form,
                load_services.assign_stream,
                rename={"group_subjects": "rows", "training_type": "rows"},
                actor=request.user,
                **fields,
            )
            if loads is not None:
                messages.success(request, _stream_message(loads, fields))
                return redirect(_distribution_url(department, semester, context["unassigned"]))
    context.update(
        rows=rows,
        editable_keys={row.key for row in editable},
        form=form,
        ticked=set(form["rows"].value() or []) if form is not None and form.is_bound else set(),
        query=_query(department, semester, context["unassigned"]),
    )
    return render(
        request,
        "web/teaching/department/distribution.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def load_remove(request, pk: int):
    """Take a teacher off a load of the department's subjects; back to the distribution it was on."""
    binding = take_off(request, policy.department_loads(request.principal), pk).group_subject
    unassigned = request.POST.get("unassigned") == "on"
    return redirect(_distribution_url(binding.curriculum_subject.department, binding.semester, unassigned))


@login_required
def progress(request):
    """Per teacher of the chosen department: their loads of the semester, whether topics, resources and
    assignments are in against their deadlines, and lessons held so far vs recorded."""
    context = _choice(request)
    if context["department"] is None:
        return _no_department(request, _("Teachers' progress"))
    teachers = []
    if context["semester"] is not None:
        teachers = selectors.progress(
            policy.department_loads(request.principal),
            department=context["department"],
            semester=context["semester"],
            today=timezone.localdate(),
        )
    context.update(teachers=teachers, days=selectors.DEADLINE_DAYS)
    return render(request, "web/teaching/department/progress.html", context)


# -- methodological and research works (annex 7 item 6): the teacher enters, the head approves --


def _works_context(request, form) -> dict:
    principal = request.principal
    reviewer = policy.can(principal, "teaching.works.review")
    return {
        "form": form,
        "page": paginate(request, selectors.works(policy.visible_works(principal))),
        "queue": list(selectors.approval_queue(policy.reviewable_works(principal))) if reviewer else None,
        "own": principal.role == "teacher",
    }


def _submitted(request, work):
    """Back to the works, saying the (re)submitted work awaits the head."""
    messages.success(
        request,
        _("The work “%(title)s” awaits the approval of the head of department.") % {"title": work.title},
    )
    return redirect("web:teaching_works")


@login_required
@require_http_methods(["GET", "POST"])
def works(request):
    """A teacher: their works and a form to add one; a head of department: its department's works and the
    queue awaiting its approval; the other readers: the works of their scope."""
    principal = request.principal
    submits = policy.can(principal, "teaching.works.submit")
    if not (submits or policy.can(principal, "teaching.view")):
        raise PermissionDenied
    form = WorkForm(request.POST or None, request.FILES or None) if submits else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        teacher = get_object_or_404(policy.visible_teachers(principal))
        if form.is_valid():
            work = call_service(
                form, work_services.submit_work, teacher=teacher, actor=request.user, **form.cleaned_data
            )
            if work is not None:
                return _submitted(request, work)
    return render(
        request,
        "web/teaching/department/works.html",
        _works_context(request, form),
        status=status_of(request, form) if form else 200,
    )


def _work(request, pk: int):
    """A work the active role reads (hidden and missing are both 404)."""
    visible = policy.visible_works(request.principal).select_related("teacher", "department", "created_by")
    return get_object_or_404(visible, pk=pk)


@login_required
@require_POST
def work_review(request, pk: int):
    """The head approves or returns a submitted work of its department (with a comment)."""
    work = _work(request, pk)
    policy.require(request.principal, "teaching.works.review", work)
    form = ReviewForm(request.POST)
    form.is_valid()  # a free comment and one of two buttons: nothing here can be invalid
    comment = form.cleaned_data.get("comment", "")
    returned = request.POST.get("decision") == "return"
    service = work_services.return_work if returned else work_services.approve_work
    try:
        service(work=work, comment=comment, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        done = (
            _("The work “%(title)s” of %(teacher)s is returned.")
            if returned
            else _("The work “%(title)s” of %(teacher)s is approved.")
        )
        messages.success(request, done % {"title": work.title, "teacher": work.teacher.short_name})
    return redirect("web:teaching_works")


@login_required
@require_http_methods(["GET", "POST"])
def work_resubmit(request, pk: int):
    """The teacher corrects a returned work and submits it again."""
    policy.require(request.principal, "teaching.works.submit")
    work = _work(request, pk)
    initial = {f: getattr(work, f) for f in ("kind", "title", "completed_on", "description", "url")}
    form = WorkForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, work_services.resubmit_work, work=work, actor=request.user, **form.cleaned_data
        )
        if done is not None:
            return _submitted(request, done)
    context = {"form": form, "work": work}
    return render(
        request, "web/teaching/department/work_resubmit.html", context, status=status_of(request, form)
    )


@login_required
def work_file(request, pk: int):
    """A work's file, to those who read the work."""
    return stored_file(_work(request, pk).file)
