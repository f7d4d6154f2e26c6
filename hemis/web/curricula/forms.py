"""Forms of the curricula pages: list filters, a new curriculum, a copy, weeks, a semester's subject."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import ControlType, EducationForm, MarkingSystem, Subject
from hemis.curricula.enums import CurriculumStatus, FinalForm, SubjectType, TrainingType, WeekKind
from hemis.curricula.models import CurriculumSemester
from hemis.curricula.services.subjects import blocks_for
from hemis.org.models import OrgUnit, StructureType

YEAR = {"min_value": 2000, "max_value": 2100}


class FilterForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=None, required=False)
    intake_year = forms.IntegerField(label=_("Intake year"), required=False, **YEAR)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *CurriculumStatus.choices], required=False
    )

    def __init__(self, *args, programmes, faculties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["faculty"].queryset = faculties

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class CurriculumForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    intake_year = forms.IntegerField(label=_("Intake year"), **YEAR)
    education_form = forms.ChoiceField(label=_("Education form"), choices=EducationForm.choices)
    marking_system = forms.ModelChoiceField(
        label=_("Marking system"), queryset=MarkingSystem.objects.filter(is_active=True).order_by("code")
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes.filter(is_active=True).order_by("code")


class CopyForm(forms.Form):
    intake_year = forms.IntegerField(label=_("New intake year"), **YEAR)


class WeeksForm(forms.Form):
    """One choice of kind per week of a semester (fields ``week_<number>``)."""

    def __init__(self, *args, semester: CurriculumSemester, **kwargs):
        super().__init__(*args, **kwargs)
        self.weeks = list(semester.weeks.all())
        for week in self.weeks:
            field = forms.ChoiceField(label=str(week.number), choices=WeekKind.choices, initial=week.kind)
            field.week = week
            self.fields[f"week_{week.number}"] = field

    def kinds(self) -> dict[int, str]:
        return {w.number: self.cleaned_data[f"week_{w.number}"] for w in self.weeks}


def _hours_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=2000, required=False)


class SubjectForm(forms.Form):
    """A subject of a semester, with fixed inputs for the hours of every lesson type and the points
    of every active control type."""

    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None)
    subject_type = forms.ChoiceField(label=_("Subject type"), choices=SubjectType.choices)
    block = forms.ChoiceField(label=_("Block"), choices=())
    credits = forms.DecimalField(label=_("Credits"), max_digits=4, decimal_places=1)
    final_form = forms.ChoiceField(label=_("Final form"), choices=FinalForm.choices)
    department = forms.ModelChoiceField(label=_("Responsible department"), queryset=None)

    def __init__(self, *args, semester: CurriculumSemester, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(is_active=True).order_by("code")
        self.fields["department"].queryset = OrgUnit.objects.filter(
            structure_type=StructureType.DEPARTMENT, active=True
        ).order_by("name_uz")
        blocks = blocks_for(semester.curriculum.programme.education_type)
        self.fields["block"].choices = [(code, f"{code} {label}") for code, label in blocks]
        self.fields["subject"].label_from_instance = lambda s: f"{s.code} {s.name}"
        for code, label in TrainingType.choices:
            self.fields[f"hours_{code}"] = _hours_field(label)
        self.control_types = list(ControlType.objects.filter(is_active=True).order_by("code"))
        for ct in self.control_types:
            self.fields[f"points_{ct.code}"] = _hours_field(ct.name)

    @property
    def hour_fields(self):
        return [self[f"hours_{code}"] for code in TrainingType.values]

    @property
    def point_fields(self):
        return [self[f"points_{ct.code}"] for ct in self.control_types]

    def values(self) -> dict:
        names = ("subject", "subject_type", "block", "credits", "final_form", "department")
        return {n: self.cleaned_data[n] for n in names}

    def loads(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"hours_{code}"] or 0 for code in TrainingType.values}

    def controls(self) -> dict[ControlType, int]:
        return {ct: self.cleaned_data[f"points_{ct.code}"] or 0 for ct in self.control_types}


def subject_initial(cs) -> dict:
    """The form's initial values of an existing curriculum subject (prefetched loads and controls)."""
    initial = {
        "subject": cs.subject_id,
        "subject_type": cs.subject_type,
        "block": cs.block,
        "credits": cs.credits,
        "final_form": cs.final_form,
        "department": cs.department_id,
    }
    initial |= {f"hours_{load.training_type}": load.hours for load in cs.loads.all()}
    initial |= {f"points_{c.control_type.code}": c.max_points for c in cs.controls.all()}
    return initial
