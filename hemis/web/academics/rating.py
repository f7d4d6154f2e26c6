"""Rating criteria of teachers, departments and faculties per academic year (annex 4, item 7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics import selectors
from hemis.academics.enums import RatingTarget
from hemis.academics.models import AcademicYear, RatingCriterion
from hemis.academics.services import rating
from hemis.access import policy
from hemis.web.academics.common import confirm
from hemis.web.academics.forms import RatingCriterionForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export


def _criteria_url(year: AcademicYear, target: str) -> str:
    return f"{reverse('web:academics_criteria')}?year={year.pk}&target={target}"


def _chosen(request, year_list: list[AcademicYear]) -> tuple[AcademicYear | None, str]:
    wanted = request.GET.get("year", "")
    year = next((y for y in year_list if str(y.pk) == wanted), None) or selectors.default_year(year_list)
    target = request.GET.get("target", "")
    return year, target if target in RatingTarget.values else RatingTarget.TEACHER


def _render(request, year_list, year, target, *, form=None, status=200):
    totals = selectors.weight_totals(year) if year else {}
    context = {
        "years": year_list,
        "year": year,
        "target": target,
        "targets": [(value, label, totals.get(value) or 0) for value, label in RatingTarget.choices],
        "page": paginate(request, selectors.rating_criteria(year, target)) if year else None,
        "can_edit": policy.can(request.principal, "academics.setup.edit") and year is not None,
        "form": form or RatingCriterionForm(initial={"target": target}),
    }
    return render(request, "web/academics/criteria_list.html", context, status=status)


@login_required
@require_GET
def criteria_list(request):
    policy.require(request.principal, "academics.setup.view")
    year_list = selectors.year_choices()
    year, target = _chosen(request, year_list)
    return _render(request, year_list, year, target)


@login_required
@require_GET
def criteria_export(request):
    policy.require(request.principal, "academics.setup.view")
    year = get_object_or_404(AcademicYear, pk=request.GET.get("year") or 0)
    items = RatingCriterion.objects.filter(academic_year=year).order_by("target", "pk")
    rows = (
        (year.name, c.get_target_display(), c.name_uz, c.name_ru, c.name_en, c.weight, c.max_points)
        for c in items
    )
    headers = [
        _("Academic year"),
        _("Rated"),
        _("Name (Uzbek)"),
        _("Name (Russian)"),
        _("Name (English)"),
        _("Weight, %"),
        _("Maximum points"),
    ]
    return xlsx_export(
        request,
        action="academics.ratingcriterion.exported",
        filename=stamped(f"rating-criteria-{year.name}"),
        title=_("Rating criteria"),
        headers=headers,
        rows=rows,
    )


@login_required
@require_POST
def criterion_add(request, year_pk: int):
    policy.require(request.principal, "academics.setup.edit")
    year = get_object_or_404(AcademicYear, pk=year_pk)
    form = RatingCriterionForm(request.POST)
    if form.is_valid():
        try:
            criterion = rating.save_criterion(
                academic_year=year, values=form.cleaned_data, actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rating criterion %(name)s added.") % {"name": criterion.name})
            return redirect(_criteria_url(year, criterion.target))
    target = (
        form.data.get("target") if form.data.get("target") in RatingTarget.values else RatingTarget.TEACHER
    )
    return _render(request, selectors.year_choices(), year, target, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    criterion = get_object_or_404(RatingCriterion.objects.select_related("academic_year"), pk=pk)
    form = RatingCriterionForm(
        request.POST or None, initial={n: getattr(criterion, n) for n in rating.FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            rating.save_criterion(criterion=criterion, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rating criterion %(name)s saved.") % {"name": criterion.name})
            return redirect(_criteria_url(criterion.academic_year, criterion.target))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/academics/criterion_form.html", {"form": form, "criterion": criterion}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_delete(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    criterion = get_object_or_404(RatingCriterion.objects.select_related("academic_year"), pk=pk)
    back = _criteria_url(criterion.academic_year, criterion.target)
    if request.method != "POST":
        return confirm(request, obj=criterion, back=back)
    rating.delete_criterion(criterion=criterion, actor=request.user)
    messages.success(request, _("Rating criterion %(name)s deleted.") % {"name": criterion.name})
    return redirect(back)
