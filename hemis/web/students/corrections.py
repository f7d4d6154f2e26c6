"""The dean's office's side of personal-data correction requests (annex 13 item 7): its faculty's requests,
open ones first, and one request to apply (the field is written through the student-edit service) or
reject with an answer. A request of another faculty's student is not found."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.access.policy.cabinet import correction_groups, decidable_correction_requests
from hemis.core.files import stored_file
from hemis.students import cabinet_selectors as selectors
from hemis.students.models import CorrectableField, CorrectionStatus
from hemis.students.services import corrections as services
from hemis.web.forms import call_service, status_of
from hemis.web.pages import paginate


class CorrectionFilter(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[("", "—"), *CorrectionStatus.choices], required=False
    )
    field = forms.ChoiceField(
        label=gettext_lazy("Field"), choices=[("", "—"), *CorrectableField.choices], required=False
    )
    group = forms.ModelChoiceField(label=gettext_lazy("Group"), queryset=None, required=False)
    q = forms.CharField(label=gettext_lazy("Student"), max_length=100, required=False)

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("apply", "apply"), ("reject", "reject")], widget=forms.HiddenInput)
    answer = forms.CharField(
        label=gettext_lazy("Answer to the student"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
@require_GET
def correction_list(request):
    principal = request.principal
    policy.require(principal, "cabinet.corrections.decide")
    form = CorrectionFilter(request.GET or None, groups=correction_groups(principal))
    chosen = selectors.CorrectionFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = selectors.CorrectionFilter(
            status=data["status"] or None, field=data["field"] or None, group=data["group"], search=data["q"]
        )
    rows = selectors.correction_requests(decidable_correction_requests(principal), chosen)
    return render(request, "web/students/corrections.html", {"form": form, "page": paginate(request, rows)})


def _request(request, pk: int):
    found = selectors.request_detail(decidable_correction_requests(request.principal), pk)
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def correction(request, pk: int):
    """One request: what the record holds now, what the student asks, the scan; apply or reject."""
    policy.require(request.principal, "cabinet.corrections.decide")
    found = _request(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = (
            services.apply_correction
            if form.cleaned_data["decision"] == "apply"
            else services.reject_correction
        )
        done = call_service(
            form,
            service,
            request=found,
            answer=form.cleaned_data["answer"],
            actor=request.user,
        )
        if done is not None:
            messages.success(
                request,
                _("The request is applied.")
                if done.status == CorrectionStatus.APPLIED
                else _("The request is rejected."),
            )
            return redirect("web:students_correction", pk=found.pk)
    context = {
        "item": found,
        "form": form,
        "now_value": services.shown_value(found.student, found.field),
    }
    return render(request, "web/students/correction.html", context, status=status_of(request, form))


@login_required
@require_GET
def correction_file(request, pk: int):
    policy.require(request.principal, "cabinet.corrections.decide")
    return stored_file(_request(request, pk).file)
