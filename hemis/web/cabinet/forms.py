"""Forms of the student's own pages: they only parse; the teaching services decide (deadline, attempts,
file type and size)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hemis.teaching.validators import MB, SUBMISSION_EXTENSIONS, SUBMISSION_MAX_BYTES


class SubmissionForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,  # a missing file is the service's refusal, told like the others
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in SUBMISSION_EXTENSIONS)}),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per form, in the request's language (a lazy string formatted at import is frozen).
        self.fields["file"].help_text = gettext("%(types)s; at most %(mb)d MB.") % {
            "types": ", ".join(SUBMISSION_EXTENSIONS),
            "mb": SUBMISSION_MAX_BYTES // MB,
        }
