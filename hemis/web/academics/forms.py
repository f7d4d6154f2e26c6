"""Forms of the academic set-up, programme and subject catalogue pages: they parse input; the services
check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.enums import Language, RatingTarget, SemesterType
from hemis.academics.models import EducationForm, EducationType
from hemis.org.models import OrgUnit
from hemis.web.forms import DateInput, UnitChoiceField

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "HH:MM", "inputmode": "numeric"})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Code or name"), max_length=100, required=False)


class NamesForm(forms.Form):
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)


class MarkingSystemForm(NamesForm):
    code = forms.CharField(
        label=_("Code"), max_length=16, help_text=_("HEMIS: 11 rating, 12 five-point, 13 credit.")
    )
    pass_border = forms.IntegerField(label=_("Minimum pass border"), min_value=0, max_value=1000)
    max_value = forms.IntegerField(label=_("Maximum value"), min_value=1, max_value=1000)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    field_order = ["code", "name_uz", "name_ru", "name_en", "pass_border", "max_value", "is_active"]


class BandForm(NamesForm):
    grade = forms.CharField(label=_("Grade"), max_length=8)
    min_value = forms.IntegerField(label=_("From"), min_value=0, max_value=1000)
    max_value = forms.IntegerField(label=_("To"), min_value=0, max_value=1000)
    grade_point = forms.DecimalField(
        label=_("Grade point"), max_digits=3, decimal_places=2, min_value=0, required=False
    )

    field_order = ["grade", "name_uz", "name_ru", "name_en", "min_value", "max_value", "grade_point"]


BandFormSet = forms.formset_factory(BandForm, extra=2, can_delete=True, max_num=30, validate_max=True)


class ControlTypeForm(NamesForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)


class StatementTypeForm(NamesForm):
    code = forms.CharField(label=_("Code"), max_length=16, help_text=_("A new code, e.g. 21."))
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    field_order = ["code", "name_uz", "name_ru", "name_en", "is_active"]


class AcademicYearForm(forms.Form):
    name = forms.CharField(label=_("Academic year"), max_length=9, help_text=_("E.g. 2026-2027."))
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("End date"), widget=DATE_WIDGET)


class SemesterForm(forms.Form):
    semester_type = forms.ChoiceField(label=_("Semester type"), choices=SemesterType.choices)
    number = forms.IntegerField(label=_("Number in the year"), min_value=1, max_value=4)
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("End date"), widget=DATE_WIDGET)


class LessonPairForm(forms.Form):
    number = forms.IntegerField(label=_("Pair number"), min_value=1, max_value=12)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End time"), widget=TIME_WIDGET)


class CopyPairsForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy the pairs of"), queryset=None, empty_label=None)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = years


class RatingCriterionForm(NamesForm):
    target = forms.ChoiceField(label=_("Rated"), choices=RatingTarget.choices)
    weight = forms.DecimalField(label=_("Weight, %"), max_digits=5, decimal_places=2)
    max_points = forms.DecimalField(label=_("Maximum points"), max_digits=7, decimal_places=2)

    field_order = ["target", "name_uz", "name_ru", "name_en", "weight", "max_points"]


ACTIVE_CHOICES = [("", _("All")), ("1", _("Active")), ("0", _("Closed"))]


def _choices(enum) -> list[tuple[str, str]]:
    return [("", _("All")), *enum.choices]


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
