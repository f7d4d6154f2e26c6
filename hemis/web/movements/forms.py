"""Forms of the student-order and admission pages (parsing only: the services and
``movements.admission`` validate and refuse)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import EducationForm, EducationType
from hemis.core.people import Gender
from hemis.movements.enums import ExpelReason, LeaveReason, OrderKind, OrderStatus
from hemis.movements.transitions import TABLE
from hemis.students.models import Accommodation, Citizenship, PaymentForm, SocialCategory
from hemis.web.forms import DateInput

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
PREPARED_KINDS = [(k, label) for k, label in OrderKind.choices if k != OrderKind.REVERSAL]


class OrderFilterForm(forms.Form):
    number = forms.CharField(label=_("Number or title"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of order"), required=False, choices=[("", _("Any")), *OrderKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *OrderStatus.choices]
    )
    date_from = forms.DateField(label=_("Dated from"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Dated to"), required=False, widget=DATE_WIDGET)
    faculty = forms.ModelChoiceField(
        label=_("Faculty"), queryset=None, required=False, empty_label=_("All faculties")
    )

    def __init__(self, *args, faculties, **kwargs):
        super().__init__(*args, **kwargs)
        if faculties is None:  # a faculty's own office sees its faculty only
            del self.fields["faculty"]
        else:
            self.fields["faculty"].queryset = faculties

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of order"), choices=[("", "---------"), *PREPARED_KINDS])
    number = forms.CharField(label=_("Order number"), max_length=32)
    date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)

    def __init__(self, *args, faculties, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties
        if faculties.count() == 1:
            self.fields["faculty"].initial = faculties.first()
        if editing:  # the kind and the faculty of a prepared order stay
            del self.fields["kind"]
            del self.fields["faculty"]


class ReversalForm(forms.Form):
    number = forms.CharField(label=_("Number of the reversing order"), max_length=32)
    date = forms.DateField(label=_("Date of the reversing order"), widget=DATE_WIDGET)


class _StudentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        group = obj.group.name if obj.group_id else "—"
        return f"{obj.full_name} ({obj.student_id_number}, {group}, {obj.get_status_display()})"


ITEM_FIELDS = ("target_group", "expel_reason", "leave_reason", "leave_until", "host_institution")


class ItemForm(forms.Form):
    """A student added to an order; only the fields the order's kind uses are kept."""

    student = _StudentChoice(label=_("Student"), queryset=None)
    target_group = forms.ModelChoiceField(label=_("New group"), queryset=None, required=False)
    expel_reason = forms.ChoiceField(
        label=_("Reason for expulsion"), required=False, choices=[("", "---------"), *ExpelReason.choices]
    )
    leave_reason = forms.ChoiceField(
        label=_("Reason for leave"), required=False, choices=[("", "---------"), *LeaveReason.choices]
    )
    leave_until = forms.DateField(label=_("Leave until"), required=False, widget=DATE_WIDGET)
    host_institution = forms.CharField(label=_("Host institution"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, kind, students, groups, **kwargs):
        super().__init__(*args, **kwargs)
        used = TABLE[kind].fields
        for name in ITEM_FIELDS:
            if name not in used:
                del self.fields[name]
        self.fields["student"].queryset = students
        if "target_group" in self.fields:
            self.fields["target_group"].queryset = groups


# --- admission ----------------------------------------------------------------------------------

BLANK = [("", "---------")]
FROM_PROGRAMME = [("", _("As the programme"))]


class AdmissionFilterForm(forms.Form):
    number = forms.CharField(label=_("Order number"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *OrderStatus.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class _OrderFields(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=32)
    date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None)

    def __init__(self, *args, faculties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties
        if len(faculties) == 1:
            self.fields["faculty"].initial = faculties[0]


class AdmissionOrderForm(_OrderFields):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), widget=forms.FileInput(attrs={"accept": ".xlsx"}))


class ImportNewOrderForm(_OrderFields, ImportForm):
    pass


class _ProgrammeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} — {obj.name} ({obj.get_education_type_display()}, {obj.get_education_form_display()})"


class PersonForm(forms.Form):
    """An admitted person, as the admission order lists them."""

    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    pinfl = forms.CharField(
        label=_("PINFL"), max_length=14, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    passport = forms.CharField(label=_("Passport"), max_length=16, required=False)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE_WIDGET)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=13,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "+998901234567"}),
    )
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    student_id_number = forms.CharField(
        label=_("Student ID"), max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    programme = _ProgrammeChoice(label=_("Programme"), queryset=None)
    course = forms.IntegerField(label=_("Course"), min_value=1, max_value=7, initial=1)
    target_group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=None,
        required=False,
        help_text=_("Optional: a group of the programme and course."),
    )
    payment_form = forms.ChoiceField(label=_("Payment form"), choices=BLANK + PaymentForm.choices)
    education_type = forms.ChoiceField(
        label=_("Education type"), choices=FROM_PROGRAMME + EducationType.choices, required=False
    )
    education_form = forms.ChoiceField(
        label=_("Education form"), choices=FROM_PROGRAMME + EducationForm.choices, required=False
    )
    citizenship = forms.ChoiceField(
        label=_("Citizenship"), choices=Citizenship.choices, initial=Citizenship.UZBEKISTAN
    )
    social_category = forms.ChoiceField(
        label=_("Social category"), choices=SocialCategory.choices, initial=SocialCategory.OTHER
    )
    accommodation = forms.ChoiceField(
        label=_("Accommodation"), choices=BLANK + Accommodation.choices, required=False
    )

    def __init__(self, *args, programmes, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["target_group"].queryset = groups

    def person_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "target_group"}
        data["programme"] = data["programme"].pk
        return data
