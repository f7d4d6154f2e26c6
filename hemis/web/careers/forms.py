"""Forms of the careers pages (parsing only: the services validate and refuse)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.careers.enums import TERM_YEARS_MAX, TERM_YEARS_MIN, CompetitionResult, TrainingPlace
from hemis.org.models import StructureType
from hemis.staff.enums import Position
from hemis.web.forms import DateInput

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
MONTHS = ((3, _("3 months")), (6, _("6 months")), (12, _("12 months")))
HORIZONS = (
    (0, _("Due now")),
    (3, _("Due within 3 months")),
    (6, _("Due within 6 months")),
    (12, _("Due within 12 months")),
)
FILTER_UNIT_TYPES = (StructureType.FACULTY, StructureType.DEPARTMENT)


def _unit_field(required: bool = False, label=None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label or _("Faculty or department"),
        queryset=None,
        required=required,
        empty_label=_("All units"),
    )


class _UnitFilterForm(forms.Form):
    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(structure_type__in=FILTER_UNIT_TYPES).order_by("path")

    def value(self, name: str, default=None):
        return self.cleaned_data.get(name) or default if self.is_valid() else default


class CompetitionFilterForm(_UnitFilterForm):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name or order number"))
    unit = _unit_field()
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("Any")), *CompetitionResult.choices]
    )
    position = forms.ChoiceField(
        label=_("Position"), required=False, choices=[("", _("Any")), *Position.choices]
    )


class TrainingFilterForm(_UnitFilterForm):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name or order number"))
    unit = _unit_field()
    place = forms.ChoiceField(
        label=_("Type of training place"), required=False, choices=[("", _("Any")), *TrainingPlace.choices]
    )


class SelectionMonitoringForm(_UnitFilterForm):
    months = forms.TypedChoiceField(label=_("Expires within"), choices=MONTHS, coerce=int, required=False)
    unit = _unit_field()


class TrainingDueForm(_UnitFilterForm):
    horizon = forms.TypedChoiceField(label=_("Show"), choices=HORIZONS, coerce=int, required=False)
    unit = _unit_field()


class _EmployeeForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Teacher"), queryset=None)

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees.order_by("last_name", "first_name", "pk")


class CompetitionForm(_EmployeeForm):
    position = forms.ChoiceField(label=_("Position"), choices=[("", "---------"), *Position.choices])
    org_unit = forms.ModelChoiceField(label=_("Department"), queryset=None)
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)
    selection_date = forms.DateField(label=_("Selection date"), widget=DATE_WIDGET)
    term_years = forms.TypedChoiceField(
        label=_("Term (years)"),
        choices=[(n, str(n)) for n in range(TERM_YEARS_MIN, TERM_YEARS_MAX + 1)],
        coerce=int,
        initial=3,
        help_text=_("Usually 3 or 5 years; the selection lapses on the same date that many years later."),
    )
    result = forms.ChoiceField(label=_("Result"), choices=CompetitionResult.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        departments = units.filter(structure_type=StructureType.DEPARTMENT)
        self.fields["org_unit"].queryset = departments.order_by("path")


class TrainingRecordForm(_EmployeeForm):
    place = forms.ChoiceField(label=_("Type of training place"), choices=TrainingPlace.choices)
    institution = forms.CharField(label=_("Institution"), max_length=255)
    programme = forms.CharField(label=_("Programme or topic"), max_length=255)
    date_from = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    hours = forms.IntegerField(label=_("Hours"))
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64)
    certificate_date = forms.DateField(label=_("Certificate date"), widget=DATE_WIDGET)
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)
