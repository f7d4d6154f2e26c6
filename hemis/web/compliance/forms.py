"""Forms of the compliance pages and of the university settings page (parsing only)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hemis.access.roles import RoleCode
from hemis.compliance import registry
from hemis.core.models import GpaMethod, GpaScope, StaffEntryDays, StudyWeek, UniversitySettings
from hemis.web.forms import DateInput

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder


class ComplianceFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All units"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [(code, RoleCode(code).label) for code in registry.roles()]
        self.fields["role"].choices = [("", _("All roles")), *roles]
        self.fields["unit"].queryset = units


class UniversitySettingsForm(forms.Form):
    name_uz = forms.CharField(label=_("University name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("University name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("University name (English)"), max_length=255, required=False)
    hemis_code = forms.CharField(label=_("HEMIS code of the university"), max_length=16, required=False)
    launch_date = forms.DateField(label=_("System launch date"), required=False, widget=DATE_WIDGET)
    languages = forms.MultipleChoiceField(
        label=_("Interface languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uzbek always stays enabled."),
    )
    study_week = forms.TypedChoiceField(label=_("Study week"), choices=StudyWeek.choices, coerce=int)
    gpa_method = forms.ChoiceField(
        label=_("GPA calculation method"),
        choices=[("", _("Not chosen yet")), *GpaMethod.choices],
        required=False,
    )
    gpa_method_decided_on = forms.DateField(
        label=_("Date the council decision on the GPA method takes effect"),
        required=False,
        widget=DATE_WIDGET,
    )
    gpa_scope = forms.ChoiceField(
        label=_("GPA for the transfer to the next course"), choices=GpaScope.choices
    )
    gpa_transfer_threshold = forms.DecimalField(
        label=_("Lowest GPA for the transfer to the next course"),
        min_value=0,
        max_value=5,
        max_digits=3,
        decimal_places=2,
    )
    grade_lock_days = forms.IntegerField(
        label=_("Working days to enter control grades after the control"), min_value=1, max_value=30
    )
    bar_absence_percent = forms.IntegerField(
        label=_("Unexcused absence that bars from the control, in percent of the subject's hours"),
        min_value=1,
        max_value=100,
    )
    staff_entry_days = forms.TypedChoiceField(
        label=_("Deadline for entering hires, dismissals and position changes"),
        choices=StaffEntryDays.choices,
        coerce=int,
    )
    sync_enabled = forms.BooleanField(label=_("Synchronise with the central HEMIS"), required=False)
    api_base_url = forms.URLField(
        label=_("Central API address"),
        required=False,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    organisation_code = forms.CharField(label=_("Organisation code"), max_length=32, required=False)
    unilibrary_url = forms.URLField(
        label=_("Unilibrary address"),
        required=False,
        assume_scheme="https",
        help_text=_("The national e-library the students' menu links to; empty: https://unilibrary.uz."),
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )

    INTEGRATION = ("sync_enabled", "api_base_url", "organisation_code")

    @classmethod
    def initial_from(cls, university: UniversitySettings) -> dict:
        initial = {name: getattr(university, name) for name in cls.base_fields if name not in cls.INTEGRATION}
        initial["languages"] = university.languages or [code for code, _name in settings.LANGUAGES]
        integration = university.integration or {}
        initial.update({name: integration.get(name, "") for name in cls.INTEGRATION})
        initial["sync_enabled"] = bool(integration.get("sync_enabled"))
        return initial

    def changes(self) -> dict:
        """The cleaned data in the shape ``update_university_settings`` takes."""
        data = dict(self.cleaned_data)
        data["integration"] = {name: data.pop(name) for name in self.INTEGRATION}
        return data
