"""Forms of the debts and individual-plan pages: they parse; the plan services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import Semester
from hemis.grading.enums import DEBTS, ClearingWay
from hemis.web.forms import DATE_INPUT, DateInput
from hemis.web.students.forms import COURSES


class DebtsFilter(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)
    course = forms.TypedChoiceField(
        label=_("Course"), choices=[("", "—"), *COURSES], coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Debt"),
        choices=[("", "—"), *[(s.value, s.label) for s in DEBTS]],
        required=False,
    )
    semester = forms.ModelChoiceField(
        label=_("Semester"),
        queryset=Semester.objects.select_related("academic_year").order_by("-start_date"),
        required=False,
    )

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")


class GroupPlansForm(forms.Form):
    """Plans for every student of a group with a debt not yet planned."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=None)
    due_date = forms.DateField(label=_("To be cleared by"), input_formats=DATE_INPUT, widget=DateInput())

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")


WAY_CHOICES = [("", _("As the rules say")), *ClearingWay.choices]


class PlanForm(forms.Form):
    """The due date, and per debt not yet planned how it is cleared (the rules' default unless chosen)."""

    due_date = forms.DateField(label=_("To be cleared by"), input_formats=DATE_INPUT, widget=DateInput())

    def __init__(self, data=None, *, debts, **kwargs):
        super().__init__(data, **kwargs)
        self.debts = [d for d in debts if not d.has_open_item]
        for debt in self.debts:
            self.fields[f"way_{debt.curriculum_subject_id}"] = forms.ChoiceField(
                label=debt.curriculum_subject.subject.name, choices=WAY_CHOICES, required=False
            )
        self.rows = [(d, self[f"way_{d.curriculum_subject_id}"]) for d in self.debts]

    def ways(self) -> dict[int, str]:
        data = self.cleaned_data
        return {
            d.curriculum_subject_id: data[f"way_{d.curriculum_subject_id}"]
            for d in self.debts
            if data.get(f"way_{d.curriculum_subject_id}")
        }


class CancelForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=255, required=False)
