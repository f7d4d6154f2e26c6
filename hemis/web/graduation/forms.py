"""Forms of the graduation pages: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hemis.graduation.enums import LineState, SigningRole
from hemis.web.forms import DATE_INPUT, DateInput


class QueueFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", pgettext_lazy("all states", "All")), *LineState.choices],
        required=False,
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    search = forms.CharField(label=_("Student (name or ID)"), max_length=64, required=False)

    def __init__(self, data=None, *, units, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = units.order_by("order", "code")


class RefuseForm(forms.Form):
    # No length limit here: the service refuses an empty or over-long reason with its own message.
    reason = forms.CharField(
        label=_("Reason (the debt)"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnitForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=32)
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Signed by"), choices=SigningRole.choices)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


GRADUATE_STATES = [
    ("", pgettext_lazy("all states", "All")),
    ("none", _("No clearance sheet")),
    ("open", _("Clearance in progress")),
    ("signed", _("Cleared, diploma not recorded")),
    ("issued", _("Diploma recorded")),
]


class GraduatesFilter(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=GRADUATE_STATES, required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)
    search = forms.CharField(label=_("Student (name or ID)"), max_length=64, required=False)

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")


class DiplomaForm(forms.Form):
    series = forms.RegexField(label=_("Series"), regex=r"^[A-Za-z]{1,8}$", max_length=8)
    number = forms.RegexField(label=_("Number"), regex=r"^\d{1,16}$", max_length=16)
    issued_on = forms.DateField(label=_("Issued on"), input_formats=DATE_INPUT, widget=DateInput())
