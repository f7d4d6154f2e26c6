"""Forms of the first log-in's contacts step and the personal-data page:
they parse; the students services decide (and name the field they refuse)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hemis.students.models import CorrectableField
from hemis.students.validators import SCAN_EXTENSIONS, SCAN_MAX_BYTES


class ContactsForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        help_text=_("+998 and 9 digits, e.g. +998 90 123 45 67."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "+998 "}),
    )


class CorrectionRequestForm(forms.Form):
    field = forms.ChoiceField(label=_("What is wrong"), choices=[("", "—"), *CorrectableField.choices])
    requested_value = forms.CharField(
        label=_("The correct value"),
        max_length=255,
        help_text=_(
            "A date as DD.MM.YYYY, a phone as +998 90 123 45 67; gender, citizenship, accommodation and "
            "social category by their name, e.g. Female."
        ),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Scan of the document (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("%(types)s, at most %(size)d MB.") % {
            "types": ", ".join(SCAN_EXTENSIONS),
            "size": SCAN_MAX_BYTES // (1024 * 1024),
        }
