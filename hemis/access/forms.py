"""Forms for granting roles; the service validates scope, period and uniqueness."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.access import selectors
from hemis.org.models import OrgUnit, StructureType

DATE_INPUT = ["%d.%m.%Y"]


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": _("DD.MM.YYYY"), "inputmode": "numeric"})


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        if obj.structure_type == StructureType.DEPARTMENT:
            return f"— {obj.name}"
        return obj.name


class GrantForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=selectors.grantable_roles())
    org_unit = UnitChoiceField(
        label=_("Unit"),
        queryset=selectors.grantable_units(),
        required=False,
        empty_label=_("Whole university"),
        help_text=_("Dean: a faculty. Head of department and teacher: a department. Other roles: none."),
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, input_formats=DATE_INPUT, widget=DateInput()
    )
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, input_formats=DATE_INPUT, widget=DateInput()
    )
