"""The solver's draft week (issue 11): the dean's office starts a draft of a faculty's week, watches
the job on its page, reviews the proposed week group by group with what could not be placed and why,
then applies it into the timetable or discards it. Only the faculties the role edits."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from hemis.academics.models import LessonPair, Semester
from hemis.access import policy
from hemis.core.models import WEEKDAYS, UniversitySettings
from hemis.org.models import OrgUnit
from hemis.schedule import selectors, solver
from hemis.schedule.enums import DraftStatus
from hemis.schedule.models import Draft
from hemis.schedule.services import drafts
from hemis.web.forms import UnitChoiceField, call_service, message_errors, status_of
from hemis.web.pages import paginate

EDIT = "schedule.edit"


class DraftForm(forms.Form):
    semester = forms.ModelChoiceField(label=gettext_lazy("Semester"), queryset=Semester.objects.none())
    faculty = UnitChoiceField(label=gettext_lazy("Faculty"), queryset=OrgUnit.objects.none())
    max_pairs_per_day = forms.IntegerField(
        label=gettext_lazy("At most pairs a day"), min_value=1, max_value=10, initial=4
    )

    def __init__(self, *args, faculties, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["semester"].queryset = Semester.objects.select_related("academic_year").order_by(
            "-start_date"
        )
        self.fields["faculty"].queryset = faculties.order_by("code")


def _visible(request):
    policy.require(request.principal, EDIT)
    return policy.visible_drafts(request.principal)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_drafts(request):
    """The drafts of the faculties the role edits, and the form that starts a new one."""
    visible = _visible(request)
    faculties = policy.draft_faculties(request.principal)
    form = DraftForm(request.POST or None, faculties=faculties, initial=_initial(faculties))
    if request.method == "POST" and form.is_valid():
        draft = call_service(
            form, drafts.start_draft, actor=request.user, result_url=_draft_url, **form.cleaned_data
        )
        if draft is not None:
            messages.success(request, _("The solver is making the draft; its progress is shown below."))
            return redirect("web:schedule_draft", pk=draft.pk)
    rows = visible.select_related("semester__academic_year", "faculty", "job", "created_by").order_by(
        "-created_at", "-pk"
    )
    context = {"form": form, "page": paginate(request, rows)}
    return render(request, "web/schedule/drafts.html", context, status=status_of(request, form))


def _draft_url(draft: Draft) -> str:
    return reverse("web:schedule_draft", kwargs={"pk": draft.pk})


def _initial(faculties) -> dict:
    semester = selectors.semester_on(timezone.localdate())
    found = list(faculties.order_by("code")[:2])  # a dean's one faculty is chosen already
    return {"semester": semester, "faculty": found[0] if len(found) == 1 else None, "max_pairs_per_day": 4}


@login_required
@require_http_methods(["GET"])
def schedule_draft(request, pk: int):
    """One draft: the job's progress while it runs, then the proposed week of each group, the placed
    share and the pairs left out with their reasons."""
    draft = get_object_or_404(
        _visible(request).select_related("semester__academic_year", "faculty", "job", "created_by"), pk=pk
    )
    context = {
        "draft": draft,
        "state": draft.state,
        "weeks": _weeks(draft) if draft.status in (DraftStatus.READY, DraftStatus.APPLIED) else [],
        # The reason in the reader's language, from the code and values the job stored.
        "unplaced": [
            {**row, "reason": solver.describe(row["code"], row["params"])} for row in draft.unplaced
        ],
        "can_edit": policy.can(request.principal, EDIT, draft),
    }
    return render(request, "web/schedule/draft.html", context)


def _weeks(draft: Draft) -> list[dict]:
    """The proposed week of each group: rows of pairs, a cell of lessons per weekday."""
    days = [(n, label) for n, label in WEEKDAYS if n <= UniversitySettings.current().study_week]
    pairs = list(
        LessonPair.objects.filter(academic_year_id=draft.semester.academic_year_id).order_by("number")
    )
    items = draft.items.select_related(
        "load__group_subject__group",
        "load__group_subject__curriculum_subject__subject",
        "load__teacher",
        "room",
        "subgroup",
    ).order_by("load__group_subject__group__name", "weekday", "pair", "subgroup__name")
    cells: dict = defaultdict(lambda: defaultdict(list))
    groups = {}
    for item in items:
        group = item.load.group_subject.group
        groups[group.pk] = group
        cells[group.pk][(item.weekday, item.pair)].append(item)
    return [
        {
            "group": groups[pk],
            "days": days,
            "rows": [
                {"pair": pair, "cells": [cells[pk].get((n, pair.number), []) for n, _label in days]}
                for pair in pairs
            ],
        }
        for pk in sorted(groups, key=lambda pk: groups[pk].name)
    ]


def _editable(request, pk: int):
    draft = get_object_or_404(_visible(request), pk=pk)
    policy.require(request.principal, EDIT, draft)
    return draft


@login_required
@require_POST
def schedule_draft_apply(request, pk: int):
    draft = _editable(request, pk)
    try:
        entries = drafts.apply_draft(draft=draft, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("The draft is in the timetable: %(entries)s weekly entries.") % {"entries": len(entries)},
        )
    return redirect("web:schedule_draft", pk=draft.pk)


@login_required
@require_POST
def schedule_draft_discard(request, pk: int):
    draft = _editable(request, pk)
    try:
        drafts.discard_draft(draft=draft, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
        return redirect("web:schedule_draft", pk=draft.pk)
    messages.success(request, _("The draft was discarded."))
    return redirect("web:schedule_drafts")


urlpatterns = [
    path("schedule/drafts/", schedule_drafts, name="schedule_drafts"),
    path("schedule/drafts/<int:pk>/", schedule_draft, name="schedule_draft"),
    path("schedule/drafts/<int:pk>/apply/", schedule_draft_apply, name="schedule_draft_apply"),
    path("schedule/drafts/<int:pk>/discard/", schedule_draft_discard, name="schedule_draft_discard"),
]
