"""The filter of the action journal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.access.roles import RoleCode
from hemis.audit.selectors import JournalFilter
from hemis.web.forms import DATE_INPUT, DateInput


class JournalFilterForm(forms.Form):
    user = forms.CharField(label=_("User"), max_length=150, required=False, help_text=_("Login contains"))
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *RoleCode.choices]
    )
    action = forms.CharField(
        label=_("Action"), max_length=100, required=False, help_text=_("Starts with, e.g. access.grant")
    )
    target_type = forms.CharField(
        label=_("Object type"), max_length=100, required=False, help_text=_("e.g. access.user")
    )
    target_id = forms.CharField(label=_("Object ID"), max_length=64, required=False)
    date_from = forms.DateField(label=_("From"), required=False, input_formats=DATE_INPUT, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, input_formats=DATE_INPUT, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return data

    def to_filter(self) -> JournalFilter:
        data = self.cleaned_data
        text = {key: data[key].strip() for key in ("user", "role", "action", "target_type", "target_id")}
        return JournalFilter(**text, date_from=data["date_from"], date_to=data["date_to"])
