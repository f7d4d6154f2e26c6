"""Forms of the programme, subject catalogue and achievement pages: they parse input; services check rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.enums import Language
from hemis.academics.models import EducationForm, EducationType
from hemis.access.forms import DateInput
from hemis.org.models import OrgUnit
from hemis.students.models import AchievementKind

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
ACTIVE_CHOICES = [("", _("All")), ("1", _("Active")), ("0", _("Closed"))]


def _choices(enum) -> list[tuple[str, str]]:
    return [("", _("All")), *enum.choices]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.code} — {obj.name}"


def active_value(raw: str) -> bool | None:
    return {"1": True, "0": False}.get(raw)


# --- programmes -------------------------------------------------------------------------------------


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or name"), max_length=100, required=False)
    faculty = UnitChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none(), required=False)
    education_type = forms.ChoiceField(
        label=_("Education type"), choices=_choices(EducationType), required=False
    )
    active = forms.ChoiceField(label=_("Status"), choices=ACTIVE_CHOICES, required=False)

    def __init__(self, *args, faculties=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties if faculties is not None else OrgUnit.objects.none()


class ProgrammeForm(forms.Form):
    code = forms.CharField(label=_("HEMIS code"), max_length=16, help_text=_("8 digits, e.g. 60720100."))
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    faculty = UnitChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none())
    education_type = forms.ChoiceField(label=_("Education type"), choices=EducationType.choices)
    education_form = forms.ChoiceField(label=_("Education form"), choices=EducationForm.choices)
    language = forms.ChoiceField(label=_("Language of instruction"), choices=Language.choices)
    duration_years = forms.IntegerField(label=_("Duration, years"), min_value=0, max_value=99)
    qualification_uz = forms.CharField(label=_("Qualification (Uzbek)"), max_length=255, required=False)
    qualification_ru = forms.CharField(label=_("Qualification (Russian)"), max_length=255, required=False)
    qualification_en = forms.CharField(label=_("Qualification (English)"), max_length=255, required=False)
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=DATE_WIDGET)
    opening_order = forms.CharField(label=_("Opening order number"), max_length=32, required=False)

    def __init__(self, *args, faculties=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties if faculties is not None else OrgUnit.objects.none()


# --- subject catalogue ------------------------------------------------------------------------------


class SubjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or name"), max_length=100, required=False)
    department = UnitChoiceField(label=_("Department"), queryset=OrgUnit.objects.none(), required=False)
    incomplete = forms.BooleanField(label=_("Without English name or description"), required=False)
    active = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), ("1", _("Active")), ("0", _("Inactive"))], required=False
    )

    def __init__(self, *args, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            departments if departments is not None else OrgUnit.objects.none()
        )


class SubjectForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    department = UnitChoiceField(label=_("Department"), queryset=OrgUnit.objects.none())
    description_uz = forms.CharField(label=_("Description (Uzbek)"), widget=forms.Textarea, required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            departments if departments is not None else OrgUnit.objects.none()
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


# --- achievements -----------------------------------------------------------------------------------


class AchievementFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(AchievementKind), required=False)
    faculty = UnitChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none(), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, faculties=None, years=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties if faculties is not None else OrgUnit.objects.none()
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in years)]


class AchievementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AchievementKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE_WIDGET)
    issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    certificate_language = forms.ChoiceField(
        label=_("Certificate language"),
        choices=[("", "—"), *Language.choices],
        required=False,
        help_text=_("For a foreign-language certificate only."),
    )
    certificate_level = forms.CharField(
        label=_("Level or score"), max_length=32, required=False, help_text=_("E.g. B2, IELTS 7.0.")
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE_WIDGET)
