"""Forms of the account and the users-and-roles pages: log-in, user search, a student's ID, a role
grant (the service validates its scope, period and uniqueness)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from hemis.access import selectors
from hemis.org.models import OrgUnit, StructureType
from hemis.students.models import student_id_validator
from hemis.web.forms import DATE_INPUT, DateInput


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Login or student ID"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    error_messages = {
        "invalid_login": _("Wrong login or password. Students log in with their 12-digit student ID."),
        "inactive": _("This account is disabled."),
    }


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)


class StudentIdForm(forms.Form):
    student_id = forms.CharField(
        label=_("Student ID"),
        max_length=12,
        validators=[student_id_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}),
        help_text=_("The 12-digit student ID number."),
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        if obj.structure_type == StructureType.DEPARTMENT:
            return f"— {obj.name}"
        return obj.name


class GrantForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=selectors.grantable_roles())
    org_unit = UnitChoiceField(
        label=_("Unit"),
        queryset=selectors.grantable_units(),
        required=False,
        empty_label=_("Whole university"),
        help_text=_("Dean: a faculty. Head of department and teacher: a department. Other roles: none."),
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, input_formats=DATE_INPUT, widget=DateInput()
    )
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, input_formats=DATE_INPUT, widget=DateInput()
    )
