"""Forms of the integration registry pages: they parse; the integrations services decide."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemis.web.forms import DATE_INPUT, DateInput


class IntegrationForm(forms.Form):
    """A system integrated with HEMIS and its technological instruction (annex 2 items 1–2)."""

    system = forms.CharField(label=_("System"), max_length=255, help_text=_("e.g. the university's LMS"))
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The data it takes from HEMIS and what for."),
    )
    instruction_title = forms.CharField(label=_("Technological instruction"), max_length=255, required=False)
    instruction_file = forms.FileField(
        label=_("Instruction document"),
        required=False,
        help_text=_("PDF, DOC, DOCX, ODT or a scan (JPG, PNG), up to 10 MB."),
    )
    instruction_approved_on = forms.DateField(
        label=_("Instruction approved on"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_(
            "Approved with the ministry centre; due five working days before the integration starts."
        ),
    )
    started_on = forms.DateField(
        label=_("Integration started on"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_("Empty: set on the day the first token for it is issued."),
    )
    ended_on = forms.DateField(
        label=_("Integration ended on"), input_formats=DATE_INPUT, widget=DateInput(), required=False
    )


class HolderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{obj.username} — {name}" if name else obj.username


class TokenForm(forms.Form):
    """Issue a data-API token to a user holding the "API user" role."""

    holder = HolderChoiceField(
        label=_("Holder"), queryset=None, help_text=_("Only users holding the “API user” role are offered.")
    )
    integration = forms.ModelChoiceField(label=_("Integration"), queryset=None, required=False)
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is used for."))
    expires_on = forms.DateField(
        label=_("Valid until"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_("The last day the token works. Empty: until revoked."),
    )

    def __init__(self, data=None, *, holders, integrations, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["holder"].queryset = holders
        self.fields["integration"].queryset = integrations

    def service_values(self) -> dict:
        data = self.cleaned_data
        expires_on = data.get("expires_on")
        expires_at = (
            timezone.make_aware(dt.datetime.combine(expires_on, dt.time(23, 59, 59))) if expires_on else None
        )
        return {
            "holder": data["holder"],
            "integration": data.get("integration"),
            "name": data["name"],
            "expires_at": expires_at,
        }


class TokenChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.prefix}…) — {obj.holder.username}"


class CallFilterForm(forms.Form):
    """The log of data delivered through tokens: one token, a period of days."""

    token = TokenChoiceField(label=_("Token"), queryset=None, required=False, empty_label=_("All tokens"))
    date_from = forms.DateField(label=_("From"), required=False, input_formats=DATE_INPUT, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, input_formats=DATE_INPUT, widget=DateInput())

    def __init__(self, data=None, *, tokens, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["token"].queryset = tokens

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return data
