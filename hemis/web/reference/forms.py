from django import forms
from django.utils.translation import gettext_lazy as _


class ClassifierSearchForm(forms.Form):
    q = forms.CharField(label=_("Key or name"), max_length=100, required=False)


class OptionNamesForm(forms.Form):
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)


class OptionForm(OptionNamesForm):
    code = forms.CharField(label=_("Code"), max_length=16, help_text=_("A new HEMIS code, e.g. 15."))

    field_order = ["code", "name_uz", "name_ru", "name_en"]


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
