"""Forms of the electives pages: they parse; the electives services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import Semester
from hemis.web.forms import DATE_INPUT, DateInput, UnitChoiceField


class SemesterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.start_date:%d.%m.%Y} – {obj.end_date:%d.%m.%Y})"


class WindowForm(forms.Form):
    """Open the selection of a faculty's electives for a semester, every offer with ``seats`` seats."""

    semester = SemesterChoiceField(
        label=_("Semester"),
        queryset=Semester.objects.select_related("academic_year").order_by("-start_date"),
        help_text=_("The semester the electives are taught in."),
    )
    faculty = UnitChoiceField(label=_("Faculty"), queryset=None, empty_label=None)
    seats = forms.IntegerField(label=_("Seats per elective"), min_value=1, max_value=10000, initial=25)
    opens_on = forms.DateField(
        label=_("Opens on"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_("Empty: five working days before the semester starts."),
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_("Empty: the semester's first day."),
    )

    def __init__(self, data=None, *, faculties, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["faculty"].queryset = faculties.order_by("code")


class SeatsForm(forms.Form):
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10000)


class CloseOfferForm(forms.Form):
    """Close an offer, moving its students to ``move_to`` (one of ``targets``: open offers of the same
    block of the window)."""

    move_to = forms.ModelChoiceField(label=_("Move the students to"), queryset=None, required=False)

    def __init__(self, data=None, *, targets, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["move_to"].queryset = targets
