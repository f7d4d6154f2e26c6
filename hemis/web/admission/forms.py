"""Forms of the admission pages (parsing only: ``movements.admission`` validates and refuses)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import EducationForm, EducationType
from hemis.access.forms import DateInput
from hemis.core.people import Gender
from hemis.movements.enums import OrderStatus
from hemis.students.models import Accommodation, Citizenship, PaymentForm, SocialCategory

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
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
