"""Forms of the exchange pages: they parse; the exchange services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.exchange.enums import PersonKind
from hemis.web.forms import DATE_INPUT, DateInput


class FlagForm(forms.Form):
    person_kind = forms.ChoiceField(label=_("Record"), choices=PersonKind.choices)
    current_pinfl = forms.CharField(
        label=_("PINFL entered (the wrong one)"),
        max_length=14,
        help_text=_("The PINFL the record carries now."),
    )
    correct_value = forms.CharField(label=_("Correct PINFL"), max_length=14)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class SendForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signatory"), max_length=255)
    signatory_position = forms.CharField(label=_("Signatory's position"), max_length=255)
    sent_on = forms.DateField(label=_("Letter date"), input_formats=DATE_INPUT, widget=DateInput())
