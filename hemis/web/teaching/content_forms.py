"""Forms of a teacher's content pages: they only parse; the services decide (hours, types, sizes,
points)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

DATETIME_INPUT = ["%d.%m.%Y %H:%M", "%d.%m.%Y"]


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_training_type_display()} · {obj.position}. {obj.title}"


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=500)
    hours = forms.IntegerField(label=_("Hours"), help_text=_("Academic hours (a pair is 2)."))
    week = forms.IntegerField(label=_("Week"), required=False)


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(
        label=_("Link"), required=False, help_text=_("Instead of a file: an http(s) address.")
    )
    topic = TopicChoiceField(label=_("Topic"), queryset=None, required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class DateTimeInput(forms.DateTimeInput):
    """DD.MM.YYYY HH:MM with a placeholder in the interface language."""

    def __init__(self, **kwargs):
        super().__init__(
            format="%d.%m.%Y %H:%M", attrs={"placeholder": _("DD.MM.YYYY HH:MM"), "inputmode": "numeric"}
        )


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("File"), required=False)
    deadline = forms.DateTimeField(label=_("Deadline"), input_formats=DATETIME_INPUT, widget=DateTimeInput())
    max_points = forms.DecimalField(label=_("Maximum points"), localize=True)
    attempts = forms.IntegerField(label=_("Attempts"), initial=1)
    topic = TopicChoiceField(label=_("Topic"), queryset=None, required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class GradeForm(forms.Form):
    """The points and comment of one submission; ``seen`` carries the points the grader saw."""

    points = forms.DecimalField(label=_("Points"), localize=True)
    comment = forms.CharField(label=_("Comment"), required=False)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_seen(self) -> Decimal | None:
        seen = self.cleaned_data["seen"].strip()
        if not seen:
            return None
        try:
            return Decimal(seen)
        except InvalidOperation as error:
            raise forms.ValidationError(_("Reload the page and grade again.")) from error
