"""Forms of the classifier pages: search, a new option, an option's names."""

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
