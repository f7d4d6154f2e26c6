"""The record pages (issue 13): a student's academic record, a group's rating and summary statements of
a semester (with PDF and Excel), the GPA list ranked in group, course, faculty and university with the
transfer decision, and the button that recomputes the university's records and GPA as a job.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from hemis.academics.models import AcademicYear
from hemis.access import policy
from hemis.core import pdf
from hemis.core.models import UniversitySettings
from hemis.grading import selectors
from hemis.grading.services import gpa as gpa_services
from hemis.org.models import OrgUnit
from hemis.web.forms import message_errors
from hemis.web.grading.records_forms import CUMULATIVE, GpaFilter, GroupSemesterForm
from hemis.web.pages import paginate, pdf_response, xlsx_export

# --- a student's record --------------------------------------------------------------------------------


@login_required
@require_GET
def student_record(request, pk: int):
    """A student's record semester by semester and their GPAs: the dean's office, the academic
    department and management of their scope; a student their own only."""
    students = policy.grading_students(request.principal).select_related("group", "faculty")
    student = get_object_or_404(students, pk=pk)
    context = {
        "student": student,
        "semesters": selectors.records_by_semester(student),
        "gpas": selectors.student_gpas(student),
    }
    return render(request, "web/grading/records/student.html", context)


@login_required
@require_GET
def my_record(request):
    """The signed-in student's own record."""
    student = policy.grading_students(request.principal).filter(user=request.user).first()
    if student is None:
        raise Http404
    return redirect(reverse("web:grading_student_record", kwargs={"pk": student.pk}))


# --- a group's rating and summary statements -------------------------------------------------------------


def _group_semester(request):
    """The form and the (group, semester) it chose, or None; a semester the group has no subjects in
    gives an empty statement."""
    policy.require(request.principal, "grading.view")
    groups = policy.grading_groups(request.principal)
    data = request.GET if "group" in request.GET else None
    form = GroupSemesterForm(data, groups=groups)
    if data is not None and form.is_valid():
        return form, form.cleaned_data["group"], form.cleaned_data["semester"]
    return form, None, None


def _score(record) -> str:
    return f"{record.score} ({record.grade})" if record else ""


def _download(request, fmt: str, kind: str, group, title, subtitle, headers, rows):
    """A rating or summary statement of ``group`` as a PDF, or as an Excel file (the export journaled)."""
    if fmt == "pdf":
        return _pdf(title, subtitle, headers, rows, f"{kind}-{group.name}.pdf")
    return xlsx_export(
        request,
        action=f"grading.{kind}_statement.exported",
        filename=f"{kind}-{group.name}.xlsx",
        title=title,
        headers=headers,
        rows=rows,
    )


@login_required
@require_GET
def rating_statement(request):
    """Students × the semester's subjects with score and grade, the year's GPA and the rank in group;
    ``?format=pdf`` or ``xlsx`` downloads it."""
    form, group, semester = _group_semester(request)
    statement = selectors.rating_statement(group, semester) if group else None
    fmt = request.GET.get("format")
    if statement and fmt in ("pdf", "xlsx"):
        title = _("Rating statement")
        subtitle = f"{group.name} · {semester}"
        headers = [_("Rank"), _("Student"), *[cs.subject.code for cs in statement.subjects], _("GPA")]
        rows = [
            [row.rank or "", row.student.full_name, *[_score(c) for c in row.cells], row.gpa or ""]
            for row in statement.rows
        ]
        return _download(request, fmt, "rating", group, title, subtitle, headers, rows)
    return render(request, "web/grading/records/rating.html", {"form": form, "statement": statement})


@login_required
@require_GET
def summary_statement(request):
    """Per subject of the group's semester: graded, passed, failed, debts, the grade distribution and
    the average score, with the group's totals; ``?format=pdf`` or ``xlsx`` downloads it."""
    form, group, semester = _group_semester(request)
    summary = selectors.summary_statement(group, semester) if group else None
    fmt = request.GET.get("format")
    if summary and fmt in ("pdf", "xlsx"):
        title = _("Summary statement")
        subtitle = f"{group.name} · {semester}"
        headers = [
            _("Subject"),
            _("Students"),
            _("Graded"),
            pgettext("grade", "Passed"),
            pgettext("grade", "Failed"),
            _("Debts"),
            *summary.grades,
            _("Average score"),
        ]
        rows = [
            [
                row.subject.subject.name if row.subject else _("Total"),
                row.students,
                row.graded,
                row.passed,
                row.failed,
                row.debts,
                *[row.grades[g] for g in summary.grades],
                row.average_score if row.average_score is not None else "",
            ]
            for row in [*summary.rows, summary.total]
        ]
        return _download(request, fmt, "summary", group, title, subtitle, headers, rows)
    return render(request, "web/grading/records/summary.html", {"form": form, "summary": summary})


def _pdf(title, subtitle, headers, rows, filename) -> HttpResponse:
    body = pdf.document(
        title=str(title),
        subtitles=[subtitle, _("Printed %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}],
        tables=[pdf.Table(headers=[str(h) for h in headers], rows=[[str(c) for c in r] for r in rows])],
        landscape=True,
        footer="OpenHEMIS",
    )
    return pdf_response(body, filename)


# --- the GPA list --------------------------------------------------------------------------------------


@login_required
@require_GET
def gpa_list(request):
    """The GPAs of an academic year (or cumulative) of the reader's scope, narrowed to a faculty,
    course or group, with the ranks and whether each student can move to the next course."""
    principal = request.principal
    policy.require(principal, "grading.view")
    students = policy.grading_students(principal)
    faculties = OrgUnit.objects.filter(pk__in=students.values("faculty"))
    groups = policy.grading_groups(principal)
    data = request.GET if "academic_year" in request.GET else None
    if data is None:
        year = AcademicYear.objects.filter(is_current=True).first() or selectors.gpa_years().first()
        data = {"academic_year": getattr(year, "pk", ""), "kind": "year"}
    form = GpaFilter(data, faculties=faculties, groups=groups)
    settings = UniversitySettings.current()
    page = rows = None
    if form.is_valid():
        year = form.cleaned_data["academic_year"]
        ranking = selectors.gpa_ranking(
            students=students,
            academic_year=year,
            cumulative=form.cleaned_data["kind"] == CUMULATIVE,
            faculty=form.cleaned_data["faculty"],
            course=form.cleaned_data["course"],
            group=form.cleaned_data["group"],
        )
        page = paginate(request, ranking)
        rows = selectors.gpa_rows(page.object_list, academic_year=year, settings=settings)
    can_recompute = policy.can(principal, "grading.gpa.recompute")
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "settings": settings,
        "can_recompute": can_recompute,
        # Shown beside the button only: no look for the job when there is no button.
        "running": gpa_services.running_job() if can_recompute else None,
    }
    return render(request, "web/grading/records/gpa.html", context)


@login_required
@require_POST
def gpa_recompute(request):
    """Start the recomputation of every record and GPA; the job page shows its progress."""
    policy.require(request.principal, "grading.gpa.recompute")
    try:
        job = gpa_services.start_gpa_recomputation(actor=request.user, result_url=reverse("web:grading_gpa"))
    except ValidationError as error:
        message_errors(request, error)
        return redirect(reverse("web:grading_gpa"))
    messages.success(request, _("The recomputation of the records and GPA has started."))
    return redirect(reverse("web:job", kwargs={"pk": job.pk}))
