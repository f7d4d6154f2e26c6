"""Forms of the department head's pages: the choice of department and semester, a teacher put on a
stream, and a teacher's work with its review. They only parse; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import Semester
from hemis.org.models import OrgUnit
from hemis.staff.models import Employee
from hemis.teaching.enums import WorkKind
from hemis.web.forms import DateInput, UnitChoiceField
from hemis.web.schedule.forms import DATE_FORMATS, TeacherChoiceField


class DepartmentFilterForm(forms.Form):
    """Which department and semester a page shows (GET); the view falls back to defaults."""

    department = UnitChoiceField(label=_("Department"), queryset=OrgUnit.objects.none(), required=False)
    semester = forms.ModelChoiceField(label=_("Semester"), queryset=Semester.objects.none(), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned only"), required=False)

    def __init__(self, *args, departments, semesters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = None
        self.fields["semester"].queryset = semesters
        self.fields["semester"].empty_label = None


class StreamForm(forms.Form):
    """A teacher put on one lesson type of one subject for the ticked groups (a stream)."""

    rows = forms.MultipleChoiceField(label=_("Groups"), choices=[], widget=forms.CheckboxSelectMultiple)
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none())
    assigned_on = forms.DateField(label=_("Assigned on"), widget=DateInput(), input_formats=DATE_FORMATS)

    def __init__(self, *args, rows, teachers, **kwargs):
        """``rows``: the distribution rows the active role may give a teacher."""
        kwargs.setdefault("initial", {"assigned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.by_key = {row.key: row for row in rows}
        self.fields["rows"].choices = [(row.key, row.key) for row in rows]
        self.fields["teacher"].queryset = teachers

    def clean_rows(self):
        keys = self.cleaned_data["rows"]
        if len({self.by_key[key].hours.training_type for key in keys}) > 1:
            raise forms.ValidationError(_("Tick rows of one lesson type."))
        return keys

    def stream_fields(self) -> dict:
        rows = [self.by_key[key] for key in self.cleaned_data["rows"]]
        return {
            "group_subjects": [row.binding for row in rows],
            "training_type": rows[0].hours.training_type,
            "teacher": self.cleaned_data["teacher"],
            "assigned_on": self.cleaned_data["assigned_on"],
        }


class WorkForm(forms.Form):
    """A teacher's methodological or research work (a new one, or a returned one resubmitted)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput(), input_formats=DATE_FORMATS)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(label=_("Link"), max_length=500, required=False)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
