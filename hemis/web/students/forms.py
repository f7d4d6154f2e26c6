"""Forms of the groups, students and achievements pages: they parse input; the services validate the rules."""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from hemis.academics.enums import Language
from hemis.academics.models import EducationForm, Programme
from hemis.curricula.models import Curriculum
from hemis.org.models import OrgUnit
from hemis.students.models import (
    AchievementKind,
    Citizenship,
    Group,
    PaymentForm,
    SocialCategory,
    Student,
    StudentStatus,
)
from hemis.students.services.groups import GROUP_FIELDS
from hemis.students.services.students import EDITABLE_FIELDS
from hemis.web.forms import DateInput, UnitChoiceField

DATE_ATTRS = {"placeholder": _("DD.MM.YYYY"), "autocomplete": "off"}
DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
COURSES = [(n, str(n)) for n in range(1, 8)]


def _all(choices) -> list:
    return [("", _("All")), *choices]


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Programme) -> str:
        return f"{obj.code} — {obj.name}"


class CurriculumChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Curriculum) -> str:
        return f"{obj.programme.code} · {obj.intake_year} · {obj.get_education_form_display()}"


class GroupFilterForm(forms.Form):
    q = forms.CharField(label=_("Group name"), required=False, max_length=32)
    programme = ProgrammeChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    intake_year = forms.IntegerField(label=_("Intake year"), required=False, min_value=1990, max_value=2100)
    course = forms.TypedChoiceField(label=_("Course"), choices=_all(COURSES), coerce=int, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=_all(Language.choices), required=False)
    education_form = forms.ChoiceField(
        label=_("Education form"), choices=_all(EducationForm.choices), required=False
    )
    active = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All")), ("1", _("Active")), ("0", _("Closed"))],
        required=False,
    )

    def __init__(self, *args, programmes=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes if programmes is not None else Programme.objects.none()


class GroupForm(forms.Form):
    def __init__(self, *args, group: Group | None = None, programmes=None, **kwargs) -> None:
        if group is not None:
            kwargs.setdefault("initial", model_to_dict(group, fields=GROUP_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Group, fields=GROUP_FIELDS))
        programmes = programmes if programmes is not None else Programme.objects.none()
        self.fields["programme"] = ProgrammeChoiceField(label=_("Programme"), queryset=programmes)
        self.fields["course"] = forms.TypedChoiceField(label=_("Course"), choices=COURSES, coerce=int)
        curricula = Curriculum.objects.filter(programme__in=programmes, status="approved")
        self.fields["curriculum"] = CurriculumChoiceField(
            label=_("Curriculum"),
            queryset=curricula.select_related("programme").order_by("programme__code", "-intake_year"),
            required=False,
            help_text=_("An approved curriculum of the programme for the group's intake year."),
        )


class SubgroupForm(forms.Form):
    name = forms.CharField(label=_("Subgroup name"), max_length=32)


class StudentFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or student ID"), required=False, max_length=100)
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none(), required=False)
    programme = ProgrammeChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    course = forms.TypedChoiceField(label=_("Course"), choices=_all(COURSES), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_all(StudentStatus.choices), required=False)
    payment_form = forms.ChoiceField(
        label=_("Payment form"), choices=_all(PaymentForm.choices), required=False
    )
    education_form = forms.ChoiceField(
        label=_("Education form"), choices=_all(EducationForm.choices), required=False
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=_all(Citizenship.choices), required=False)
    social_category = forms.ChoiceField(
        label=_("Social category"), choices=_all(SocialCategory.choices), required=False
    )
    without_group = forms.BooleanField(label=_("Only without a group"), required=False)

    def __init__(self, *args, faculties=None, programmes=None, groups=None, personal=False, **kwargs):
        super().__init__(*args, **kwargs)
        if faculties is None:
            del self.fields["faculty"]
        else:
            self.fields["faculty"].queryset = faculties
        self.fields["programme"].queryset = programmes if programmes is not None else Programme.objects.none()
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()
        if personal:
            self.fields["q"].label = _("Name, student ID or PINFL")


class StudentForm(forms.Form):
    """Person data and the study data no order governs (status, group, course and programme are not here)."""

    def __init__(self, *args, student: Student | None = None, **kwargs) -> None:
        if student is not None:
            kwargs.setdefault("initial", model_to_dict(student, fields=EDITABLE_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Student, fields=EDITABLE_FIELDS))
        self.fields["birth_date"] = forms.DateField(
            label=_("birth date"),
            required=False,
            widget=forms.DateInput(format="%d.%m.%Y", attrs=DATE_ATTRS),
        )
        self.fields["phone"].widget.attrs["placeholder"] = "+998901234567"


# --- achievements -----------------------------------------------------------------------------------


class AchievementFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=_all(AchievementKind.choices), required=False)
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
