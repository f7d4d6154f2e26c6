"""The form of the working-day calendar page: a local override of one day."""

from django import forms
from django.utils.translation import gettext_lazy as _


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    is_working_day = forms.TypedChoiceField(
        label=_("The day is"),
        choices=[("0", _("a day off")), ("1", _("a working day"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=255, help_text=_("E.g. the rector's order number.")
    )
