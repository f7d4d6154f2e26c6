"""Forms of the statement pages: they parse; the statement services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hemis.academics.models import Semester
from hemis.grading.statement_selectors import LOCKED, OPEN, SIGNED
from hemis.schedule.enums import Attempt, ControlKind
from hemis.web.forms import DATE_INPUT, DateInput

STATES = [
    ("", _("Any state")),
    (OPEN, pgettext_lazy("state", "Open")),
    (LOCKED, _("Locked")),
    (SIGNED, _("Signed off")),
]


class StatementFilter(forms.Form):
    semester = forms.ModelChoiceField(
        label=_("Semester"),
        queryset=Semester.objects.select_related("academic_year").order_by("-start_date"),
        empty_label=None,
    )
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None, required=False, empty_label=_("All"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False, empty_label=_("All"))
    control_kind = forms.ChoiceField(
        label=_("Control"), choices=[("", _("All")), *ControlKind.choices], required=False
    )
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)

    def __init__(self, data=None, *, faculties, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["faculty"].queryset = faculties
        self.fields["group"].queryset = groups


class GenerateForm(forms.Form):
    """A group subject's control and statement; the examiner and date when not on the timetable."""

    group_subject = forms.ModelChoiceField(label=_("Group and subject"), queryset=None)
    control_kind = forms.ChoiceField(label=_("Control"), choices=ControlKind.choices)
    attempt = forms.ChoiceField(label=_("Statement"), choices=Attempt.choices, initial=Attempt.FIRST)
    examiner = forms.ModelChoiceField(
        label=_("Examiner"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to take the examiner of the control on the timetable."),
    )
    control_date = forms.DateField(
        label=_("Control date"),
        input_formats=DATE_INPUT,
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to take the date of the control on the timetable."),
    )

    def __init__(self, data=None, *, group_subjects, examiners, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group_subject"].queryset = group_subjects
        self.fields["group_subject"].label_from_instance = lambda gs: (
            f"{gs.group.name} · {gs.curriculum_subject.subject.code} {gs.curriculum_subject.subject.name}"
        )
        self.fields["examiner"].queryset = examiners
        self.fields["examiner"].label_from_instance = lambda e: e.full_name


class GradesForm(forms.Form):
    """A points field and the hidden version of each line (barred lines have no points field)."""

    def __init__(self, data=None, *, rows, max_points: int, **kwargs):
        super().__init__(data, **kwargs)
        self.rows = []
        for row in rows:
            pk = row.student.pk
            self.fields[f"version_{pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=row.line.version, min_value=0
            )
            points = None
            if not row.line.barred:
                self.fields[f"points_{pk}"] = forms.IntegerField(
                    label=row.student.full_name,
                    required=False,
                    initial=row.line.points,
                    min_value=0,
                    max_value=max_points,
                    widget=forms.NumberInput(attrs={"min": 0, "max": max_points, "class": "input-points"}),
                )
                points = self[f"points_{pk}"]
            self.rows.append({"row": row, "points": points, "version": self[f"version_{pk}"]})

    def grades(self) -> dict[int, int | None]:
        return {
            item["row"].student.pk: self.cleaned_data.get(f"points_{item['row'].student.pk}")
            for item in self.rows
            if item["points"] is not None
        }

    def versions(self) -> dict[int, int]:
        return {
            item["row"].student.pk: self.cleaned_data[f"version_{item['row'].student.pk}"]
            for item in self.rows
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ReopenForm(forms.Form):
    until = forms.DateField(label=_("Reopen until"), input_formats=DATE_INPUT, widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=255)


class GroupGenerateForm(forms.Form):
    """The 1st statements of one control for every subject of a group in a semester."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=None)
    semester = forms.ModelChoiceField(
        label=_("Semester"), queryset=Semester.objects.select_related("academic_year").order_by("-start_date")
    )
    control_kind = forms.ChoiceField(label=_("Control"), choices=ControlKind.choices)

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups
