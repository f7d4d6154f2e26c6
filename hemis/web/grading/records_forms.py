"""Filters of the record pages: a group's semester (rating and summary statements) and the GPA list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import AcademicYear, Semester
from hemis.web.students.forms import COURSES  # a student's course is 1 to 7

YEAR, CUMULATIVE = "year", "all"


class GroupSemesterForm(forms.Form):
    """A group (of the reader's scope) and one of its semesters."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=None, empty_label=None)
    semester = forms.ModelChoiceField(
        label=_("Semester"),
        queryset=Semester.objects.select_related("academic_year").order_by("-start_date"),
        empty_label=None,
    )

    def __init__(self, data=None, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")


class GpaFilter(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=_("Academic year"), queryset=AcademicYear.objects.order_by("-start_date"), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("GPA"),
        choices=[(YEAR, _("Of the academic year")), (CUMULATIVE, _("Cumulative (all years)"))],
        initial=YEAR,
        required=False,
    )
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None, required=False)
    course = forms.TypedChoiceField(
        label=_("Course"),
        choices=[("", "—"), *COURSES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)

    def __init__(self, data=None, *, faculties, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["faculty"].queryset = faculties.order_by("name_uz")
        self.fields["group"].queryset = groups.order_by("name")
