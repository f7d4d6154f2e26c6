"""Timetable monitoring (annex 4 item 10): which groups of the current semester have no timetable or an
incomplete one — curriculum hours against scheduled hours per faculty, worst first. The academic
department (and management, the super administrator) see every faculty; each group links to its
timetable. Computed in a fixed number of aggregate queries (``schedule.monitoring``)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hemis.access import policy
from hemis.org.models import OrgUnit
from hemis.schedule import monitoring
from hemis.web.pages import paginate


class MonitoringFilterForm(forms.Form):
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("Timetable"), choices=[("", _("All")), *monitoring.Coverage.choices], required=False
    )

    def __init__(self, *args, faculties, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties


def _filtered(rows, form):
    if not form.is_bound or not form.is_valid():
        return rows
    faculty, state = form.cleaned_data["faculty"], form.cleaned_data["state"]
    if faculty is not None:
        rows = [row for row in rows if row.group.faculty_id == faculty.pk]
    if state:
        rows = [row for row in rows if row.state == state]
    return rows


@login_required
@require_GET
def schedule_monitoring(request):
    policy.require(request.principal, "schedule.monitoring")
    faculties = policy.monitored_faculties(request.principal)
    form = MonitoringFilterForm(request.GET or None, faculties=faculties)
    semester = monitoring.monitored_semester()
    rows = monitoring.group_coverage(faculties=faculties, semester=semester) if semester else []
    summary = monitoring.faculty_summary(list(faculties), rows) if semester else []
    context = {
        "form": form,
        "semester": semester,
        "summary": summary,
        "page": paginate(request, _filtered(rows, form)),
    }
    return render(request, "web/schedule/monitoring.html", context)


urlpatterns = [
    path("schedule/monitoring/", schedule_monitoring, name="schedule_monitoring"),
]
