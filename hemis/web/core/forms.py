"""The form of the working-day calendar page: a local override of one day."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.core.models import WEEKDAYS


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    is_working_day = forms.TypedChoiceField(
        label=_("The day is"),
        choices=[("0", _("a day off")), ("1", _("a working day"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    timetable_weekday = forms.TypedChoiceField(
        label=_("Timetable of"),
        choices=[("", _("its own weekday")), *[(str(n), label) for n, label in WEEKDAYS]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("On an extra working day, the lessons of this weekday are held."),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=255, help_text=_("E.g. the rector's order number.")
    )
