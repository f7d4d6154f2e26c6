"""A student's subjects and their content (annex 13 items 4–5): the loads of their group by semester, and
per load the calendar plan, the resources (downloaded through ``teaching_file``, whose policy lets a
student read their group's), the assignments with the student's own submissions, points and the
teacher's comments, and the form that hands a file in through ``teaching.services.content.submit``.
A load of another group is not found."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hemis.access import policy
from hemis.access.policy.cabinet import studies_loads
from hemis.grading import selectors as grading
from hemis.schedule.models import TeachingLoad
from hemis.teaching import content_selectors as selectors
from hemis.teaching.services import content as services
from hemis.web.cabinet.forms import SubmissionForm
from hemis.web.cabinet.studies import chosen_semester, own_student
from hemis.web.forms import call_service


@login_required
@require_GET
def subjects(request):
    student = own_student(request)
    semesters = list(grading.student_semesters(student))
    semester = chosen_semester(request, semesters)
    loads = selectors.student_loads(studies_loads(request.principal), semester) if semester else []
    context = {"student": student, "semesters": semesters, "semester": semester, "loads": loads}
    return render(request, "web/cabinet/subjects.html", context)


def _load(request, pk: int) -> TeachingLoad:
    try:
        return selectors.load_for_page(studies_loads(request.principal), pk)
    except TeachingLoad.DoesNotExist as missing:
        raise Http404 from missing


def _render(request, student, load: TeachingLoad, *, form=None, failed: int | None = None, status: int = 200):
    page = selectors.student_load_page(load, policy.visible_submissions(request.principal))
    now = timezone.now()
    for assignment in page["assignments"]:
        assignment.form = form if assignment.pk == failed else SubmissionForm()
        assignment.closed = assignment.deadline < now
    context = {"student": student, "load": load, **page}
    return render(request, "web/cabinet/subject.html", context, status=status)


@login_required
@require_GET
def subject(request, pk: int):
    student = own_student(request)
    return _render(request, student, _load(request, pk))


@login_required
@require_POST
def submit(request, pk: int, assignment_pk: int):
    """Hand a file in to an assignment of the load; a refusal (deadline, attempts, type, size) shows the
    page again with the reason, nothing saved."""
    student = own_student(request)
    load = _load(request, pk)
    assignments = policy.submittable_assignments(request.principal).filter(load=load)
    assignment = get_object_or_404(assignments, pk=assignment_pk)
    form = SubmissionForm(request.POST, request.FILES)
    submission = None
    if form.is_valid():
        submission = call_service(
            form,
            services.submit,
            assignment=assignment,
            student=student,
            file=form.cleaned_data["file"],
            comment=form.cleaned_data["comment"],
            actor=request.user,
        )
    if submission is None:
        return _render(request, student, load, form=form, failed=assignment.pk, status=400)
    messages.success(
        request,
        _("Your work for “%(title)s” was handed in (attempt %(n)d).")
        % {"title": assignment.title, "n": submission.attempt},
    )
    return redirect(reverse("web:cabinet_subject", args=[load.pk]) + f"#assignment-{assignment.pk}")
