"""Lesson-pair times per academic year (annex 4, item 6), with a copy of the previous year's pairs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics import selectors
from hemis.academics.models import AcademicYear, LessonPair
from hemis.academics.services import pairs
from hemis.access import policy
from hemis.web.academics.common import confirm
from hemis.web.academics.forms import CopyPairsForm, LessonPairForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export


def _pairs_url(year: AcademicYear) -> str:
    return f"{reverse('web:academics_pairs')}?year={year.pk}"


def _chosen_year(request, year_list: list[AcademicYear]) -> AcademicYear | None:
    wanted = request.GET.get("year", "")
    return next((y for y in year_list if str(y.pk) == wanted), None) or selectors.default_year(year_list)


def _render(request, year_list, year, *, form=None, copy_form=None, status=200):
    can_edit = policy.can(request.principal, "academics.setup.edit") and year is not None
    others = AcademicYear.objects.exclude(pk=year.pk) if year else AcademicYear.objects.none()
    previous = next((y for y in year_list if year and y.start_date < year.start_date), None)
    context = {
        "years": year_list,
        "year": year,
        "page": paginate(request, selectors.lesson_pairs(year)) if year else None,
        "can_edit": can_edit,
        "form": form or LessonPairForm(),
        "copy_form": copy_form or CopyPairsForm(years=others, initial={"source": previous}),
    }
    return render(request, "web/academics/pair_list.html", context, status=status)


@login_required
@require_GET
def pair_list(request):
    policy.require(request.principal, "academics.setup.view")
    year_list = selectors.year_choices()
    return _render(request, year_list, _chosen_year(request, year_list))


@login_required
@require_GET
def pair_export(request):
    policy.require(request.principal, "academics.setup.view")
    year = get_object_or_404(AcademicYear, pk=request.GET.get("year") or 0)
    rows = (
        (year.name, p.number, p.start_time.strftime("%H:%M"), p.end_time.strftime("%H:%M"))
        for p in selectors.lesson_pairs(year)
    )
    headers = [_("Academic year"), _("Pair number"), _("Start time"), _("End time")]
    return xlsx_export(
        request,
        action="academics.lessonpair.exported",
        filename=stamped(f"lesson-pairs-{year.name}"),
        title=_("Lesson pairs"),
        headers=headers,
        rows=rows,
    )


@login_required
@require_POST
def pair_add(request, year_pk: int):
    policy.require(request.principal, "academics.setup.edit")
    year = get_object_or_404(AcademicYear, pk=year_pk)
    form = LessonPairForm(request.POST)
    if form.is_valid():
        try:
            pair = pairs.save_pair(academic_year=year, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Lesson pair %(pair)s added.") % {"pair": pair})
            return redirect(_pairs_url(year))
    return _render(request, selectors.year_choices(), year, form=form, status=400)


@login_required
@require_POST
def pair_copy(request, year_pk: int):
    policy.require(request.principal, "academics.setup.edit")
    year = get_object_or_404(AcademicYear, pk=year_pk)
    form = CopyPairsForm(request.POST, years=AcademicYear.objects.exclude(pk=year.pk))
    if form.is_valid():
        try:
            copied = pairs.copy_pairs(source=form.cleaned_data["source"], target=year, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)s lesson pairs copied.") % {"count": len(copied)})
            return redirect(_pairs_url(year))
    return _render(request, selectors.year_choices(), year, copy_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def pair_edit(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    pair = get_object_or_404(LessonPair.objects.select_related("academic_year"), pk=pk)
    initial = {n: getattr(pair, n) for n in pairs.FIELDS}
    form = LessonPairForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pairs.save_pair(pair=pair, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Lesson pair %(pair)s saved.") % {"pair": pair})
            return redirect(_pairs_url(pair.academic_year))
    status = 400 if request.method == "POST" else 200
    return render(request, "web/academics/pair_form.html", {"form": form, "pair": pair}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pair_delete(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    pair = get_object_or_404(LessonPair.objects.select_related("academic_year"), pk=pk)
    back = _pairs_url(pair.academic_year)
    if request.method != "POST":
        return confirm(request, obj=pair, back=back)
    pairs.delete_pair(pair=pair, actor=request.user)
    messages.success(request, _("Lesson pair %(pair)s deleted.") % {"pair": pair})
    return redirect(back)
