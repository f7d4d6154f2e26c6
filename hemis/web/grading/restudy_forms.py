"""Forms of the paid re-study pages: they parse; the re-study services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import Semester, Subject
from hemis.grading.enums import SessionKind
from hemis.org.models import Room
from hemis.schedule.enums import ControlKind
from hemis.staff.models import Employee
from hemis.web.forms import DATE_INPUT, DateInput, UnitChoiceField
from hemis.web.schedule.forms import RoomChoiceField, room_queryset

TIME_INPUT = ["%H:%M"]


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    semester = forms.ModelChoiceField(
        label=_("Semester"), queryset=Semester.objects.select_related("academic_year").order_by("-start_date")
    )
    start_date = forms.DateField(label=_("Start date"), input_formats=DATE_INPUT, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), input_formats=DATE_INPUT, widget=DateInput())
    fee_per_credit = forms.DecimalField(label=_("Fee per credit, UZS"), max_digits=12, decimal_places=2)


class SubjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} — {obj.name}"


class GroupForm(forms.Form):
    faculty = UnitChoiceField(label=_("Faculty"), queryset=None, empty_label=None)
    subject = SubjectChoiceField(label=_("Subject"), queryset=Subject.objects.order_by("code"))
    name = forms.CharField(label=_("Name"), max_length=64)
    teacher = forms.ModelChoiceField(
        label=_("Teacher"), queryset=Employee.objects.order_by("last_name", "first_name", "pk")
    )

    def __init__(self, data=None, *, faculties, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["faculty"].queryset = faculties.order_by("code")


class EnrolForm(forms.Form):
    """A student, by their student ID, among ``students`` (the dean's office's)."""

    student = forms.CharField(label=_("Student ID"), max_length=12)

    def __init__(self, data=None, *, students, **kwargs):
        super().__init__(data, **kwargs)
        self.students = students

    def clean_student(self):
        number = self.cleaned_data["student"].strip()
        student = self.students.filter(student_id_number=number).first()
        if student is None:
            raise forms.ValidationError(_("No student of your faculty has this student ID."))
        return student


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), input_formats=DATE_INPUT, widget=DateInput())


class SessionForm(forms.Form):
    """A lesson or control of the group, in one of the active ``rooms`` (the policy's) if any."""

    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    control_kind = forms.ChoiceField(
        label=_("Control"), choices=[("", "—"), *ControlKind.choices], required=False
    )
    date = forms.DateField(label=_("Date"), input_formats=DATE_INPUT, widget=DateInput())
    start_time = forms.TimeField(
        label=_("Start time"), input_formats=TIME_INPUT, widget=forms.TimeInput(format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("End time"), input_formats=TIME_INPUT, widget=forms.TimeInput(format="%H:%M")
    )
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)

    def __init__(self, data=None, *, rooms, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["room"].queryset = room_queryset(rooms)


class StatementForm(forms.Form):
    control_kind = forms.ChoiceField(label=_("Control"), choices=ControlKind.choices)
