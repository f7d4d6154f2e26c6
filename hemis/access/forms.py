"""Kept only for ``hemis/web/compliance/forms.py`` until it imports the date input from
``hemis.web.forms`` (forms are UI code and live in ``hemis/web/``); delete this module then."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": _("DD.MM.YYYY"), "inputmode": "numeric"})
