"""Academic years and semesters, and the current year and semester (annex 4, item 2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics import selectors
from hemis.academics.models import AcademicYear, Semester
from hemis.academics.services import years
from hemis.access import policy
from hemis.web.academics.common import confirm
from hemis.web.academics.forms import AcademicYearForm, SemesterForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export


@login_required
@require_GET
def year_list(request):
    policy.require(request.principal, "academics.setup.view")
    context = {
        "page": paginate(request, selectors.academic_years()),
        "can_edit": policy.can(request.principal, "academics.setup.edit"),
    }
    return render(request, "web/academics/year_list.html", context)


@login_required
@require_GET
def year_export(request):
    policy.require(request.principal, "academics.setup.view")
    rows = (
        (
            y.name,
            y.start_date,
            y.end_date,
            y.is_current,
            s.get_semester_type_display(),
            s.number,
            s.start_date,
            s.end_date,
            s.is_current,
            s.made_current_on,
        )
        for y in selectors.academic_years()
        for s in y.semesters.all()
    )
    headers = [
        _("Academic year"),
        _("Start date"),
        _("End date"),
        _("Current"),
        _("Semester type"),
        _("Number in the year"),
        _("Start date"),
        _("End date"),
        _("Current"),
        _("Made current on"),
    ]
    return xlsx_export(
        request,
        action="academics.academicyear.exported",
        filename=stamped("academic-years"),
        title=_("Academic years"),
        headers=headers,
        rows=rows,
    )


def _year_form(request, year: AcademicYear | None):
    initial = {n: getattr(year, n) for n in years.YEAR_FIELDS} if year else {}
    form = AcademicYearForm(request.POST or None, initial=initial)
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        return form, years.save_year(year=year, values=form.cleaned_data, actor=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return form, None


@login_required
@require_http_methods(["GET", "POST"])
def year_edit(request, pk: int | None = None):
    policy.require(request.principal, "academics.setup.edit")
    year = get_object_or_404(AcademicYear, pk=pk) if pk is not None else None
    form, saved = _year_form(request, year)
    if saved is not None:
        messages.success(request, _("Academic year %(year)s saved.") % {"year": saved.name})
        return redirect("web:academics_year", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/academics/year_form.html", {"form": form, "year": year}, status=status)


def _detail(request, year: AcademicYear, form: SemesterForm | None = None, status: int = 200):
    can_edit = policy.can(request.principal, "academics.setup.edit")
    context = {
        "year": year,
        "semesters": list(year.semesters.order_by("number")),
        "can_edit": can_edit,
        "form": form or (SemesterForm() if can_edit else None),
    }
    return render(request, "web/academics/year_detail.html", context, status=status)


@login_required
@require_GET
def year_detail(request, pk: int):
    policy.require(request.principal, "academics.setup.view")
    return _detail(request, get_object_or_404(AcademicYear, pk=pk))


@login_required
@require_POST
def semester_add(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    year = get_object_or_404(AcademicYear, pk=pk)
    form = SemesterForm(request.POST)
    if form.is_valid():
        try:
            semester = years.save_semester(academic_year=year, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Semester %(semester)s added.") % {"semester": semester})
            return redirect("web:academics_year", pk=year.pk)
    return _detail(request, year, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def semester_edit(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    semester = get_object_or_404(Semester.objects.select_related("academic_year"), pk=pk)
    form = SemesterForm(
        request.POST or None, initial={n: getattr(semester, n) for n in years.SEMESTER_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            years.save_semester(semester=semester, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Semester %(semester)s saved.") % {"semester": semester})
            return redirect("web:academics_year", pk=semester.academic_year_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/academics/semester_form.html", {"form": form, "semester": semester}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def semester_delete(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    semester = get_object_or_404(Semester.objects.select_related("academic_year"), pk=pk)
    back = reverse("web:academics_year", kwargs={"pk": semester.academic_year_id})
    if request.method != "POST":
        return confirm(request, obj=semester, back=back)
    try:
        years.delete_semester(semester=semester, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Semester %(semester)s deleted.") % {"semester": semester})
    return redirect(back)


@login_required
@require_POST
def semester_make_current(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    semester = get_object_or_404(Semester.objects.select_related("academic_year"), pk=pk)
    years.make_current(semester=semester, actor=request.user)
    messages.success(request, _("%(semester)s is now the current semester.") % {"semester": semester})
    return redirect("web:academics_year", pk=semester.academic_year_id)
