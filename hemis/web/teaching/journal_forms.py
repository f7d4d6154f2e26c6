"""Forms of the journal pages: they parse; the journal services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import MarkingSystem, Semester
from hemis.schedule.models import PAIR_HOURS
from hemis.teaching.rules import student_rules
from hemis.web.forms import DATE_INPUT, DateInput

HOURS_CHOICES = [(str(n), str(n)) for n in range(PAIR_HOURS + 1)]


class RecordForm(forms.Form):
    """A lesson's record: its topic and note, each attending student's absent hours (0: present) and
    daily mark where their group's marking system keeps them; the record's version, hidden."""

    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, students, topics, initial_rows=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["topic"].queryset = topics
        self.students = list(students)
        start = {row["student"].pk: row for row in initial_rows}
        self.rows = []
        for student in self.students:
            row = start.get(student.pk, {})
            hours = forms.TypedChoiceField(
                label=student.full_name, choices=HOURS_CHOICES, coerce=int, initial=str(row.get("hours", 0))
            )
            self.fields[f"absent_{student.pk}"] = hours
            rules = student_rules(student)
            if rules.daily_marks:
                self.fields[f"mark_{student.pk}"] = forms.IntegerField(
                    label=_("Mark"),
                    required=False,
                    initial=row.get("mark"),
                    widget=forms.NumberInput(
                        attrs={"min": rules.daily_mark_min, "max": rules.daily_mark_max}
                    ),
                )
            self.rows.append(
                {
                    "student": student,
                    "hours": self[f"absent_{student.pk}"],
                    "mark": self[f"mark_{student.pk}"] if rules.daily_marks else None,
                    "excused": row.get("excused", False),
                }
            )

    def absences(self) -> dict[int, int]:
        data = self.cleaned_data
        return {s.pk: data[f"absent_{s.pk}"] for s in self.students if data.get(f"absent_{s.pk}")}

    def marks(self) -> dict[int, int]:
        data = self.cleaned_data
        return {s.pk: data[f"mark_{s.pk}"] for s in self.students if data.get(f"mark_{s.pk}") is not None}


class ReopenForm(forms.Form):
    until = forms.DateField(label=_("Reopen until"), input_formats=DATE_INPUT, widget=DateInput())


class ExcuseForm(forms.Form):
    """A student (by their student ID, among ``students``) and the period, reason and document."""

    student = forms.CharField(label=_("Student ID"), max_length=12)
    from_date = forms.DateField(label=_("From"), input_formats=DATE_INPUT, widget=DateInput())
    to_date = forms.DateField(label=_("To"), input_formats=DATE_INPUT, widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=255)
    document_number = forms.CharField(label=_("Document number"), max_length=64)
    document = forms.FileField(
        label=_("Document"), required=False, help_text=_("PDF, JPG or PNG, at most 10 MB.")
    )

    def __init__(self, data=None, files=None, *, students, **kwargs):
        super().__init__(data, files, **kwargs)
        self.students = students

    def clean_student(self):
        number = self.cleaned_data["student"].strip()
        student = self.students.filter(student_id_number=number).first()
        if student is None:
            raise forms.ValidationError(_("No student of your faculty has this student ID."))
        return student


class RulesForm(forms.Form):
    marking_system = forms.ModelChoiceField(
        label=_("Marking system"), queryset=MarkingSystem.objects.order_by("code")
    )
    daily_marks = forms.BooleanField(label=_("Daily marks are kept"), required=False)
    daily_mark_min = forms.IntegerField(label=_("Lowest daily mark"), min_value=0, initial=2)
    daily_mark_max = forms.IntegerField(label=_("Highest daily mark"), min_value=0, initial=5)
    warning_hours = forms.IntegerField(label=_("Unexcused hours for a warning"), min_value=0)
    reprimand_hours = forms.IntegerField(label=_("Unexcused hours for a reprimand"), min_value=0)
    expulsion_hours = forms.IntegerField(label=_("Unexcused hours for expulsion"), min_value=0)


class ListsFilter(forms.Form):
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None, empty_label=None)
    semester = forms.ModelChoiceField(
        label=_("Semester"),
        queryset=Semester.objects.select_related("academic_year").order_by("-start_date"),
        empty_label=None,
    )

    def __init__(self, data=None, *, faculties, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["faculty"].queryset = faculties
