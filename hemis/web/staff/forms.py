"""Forms of the staff pages: they parse input; the services validate the rules."""

from decimal import Decimal

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from hemis.org.models import OrgUnit
from hemis.staff.enums import ALLOWED_RATES, EmployeeStatus, EmploymentForm, Position
from hemis.staff.models import Employee, EmployeeType
from hemis.staff.services.employees import PERSON_FIELDS
from hemis.web.forms import UnitChoiceField

RATE_CHOICES = [(str(r), str(r)) for r in ALLOWED_RATES]
DATE_ATTRS = {"placeholder": _("DD.MM.YYYY"), "autocomplete": "off"}


def date_field(label, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(format="%d.%m.%Y", attrs=DATE_ATTRS)
    )


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or PINFL"), required=False, max_length=100)
    unit = UnitChoiceField(label=_("Unit (with sub-units)"), queryset=OrgUnit.objects.none(), required=False)
    employee_type = forms.ChoiceField(
        label=_("Employee type"), required=False, choices=[("", _("All"))] + EmployeeType.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + EmployeeStatus.choices
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class EmployeeForm(forms.Form):
    """Person data of an employee (the status is not here: it follows the labour events)."""

    def __init__(self, *args, employee: Employee | None = None, **kwargs) -> None:
        if employee is not None:
            kwargs.setdefault("initial", model_to_dict(employee, fields=[*PERSON_FIELDS, "photo"]))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Employee, fields=[*PERSON_FIELDS, "photo"]))
        self.fields["birth_date"] = date_field(_("birth date"), required=False)
        self.fields["phone"].widget.attrs["placeholder"] = "+998901234567"
        self.fields["photo"].help_text = _("JPEG or PNG, at most 5 MB.")
        self.fields["photo"].widget = forms.FileInput(attrs={"accept": "image/*"})

    def new_photo(self):
        """The uploaded photo, or None when none was sent (keep the current one)."""
        return self.cleaned_data.get("photo") if "photo" in self.files else None

    def person_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in PERSON_FIELDS}


class _AppointmentFields(forms.Form):
    """``units``: the units the active role may appoint to (``policy.appointment_units``)."""

    org_unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    employment_form = forms.ChoiceField(label=_("Employment form"), choices=EmploymentForm.choices)
    rate = forms.TypedChoiceField(label=_("Staff rate"), choices=RATE_CHOICES, coerce=Decimal)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units.filter(active=True)


class AppointmentForm(_AppointmentFields):
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"))
    start_date = date_field(_("Start date"))
    end_date = date_field(_("End date"), required=False)


class EndAppointmentForm(forms.Form):
    end_date = date_field(_("Last working day"))


class _OrderForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"))


class VacationForm(_OrderForm):
    start_date = date_field(_("From"))
    end_date = date_field(_("To"))


class BusinessTripForm(VacationForm):
    destination = forms.CharField(label=_("Destination"), max_length=255)


class DismissalForm(_OrderForm):
    start_date = date_field(_("Dismissal date"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class PositionChangeForm(_OrderForm, _AppointmentFields):
    appointment = forms.ModelChoiceField(label=_("Current appointment"), queryset=None)
    start_date = date_field(_("New position from"))

    field_order = ["appointment", "org_unit", "position", "employment_form", "rate"]

    def __init__(self, *args, employee: Employee, units, **kwargs) -> None:
        super().__init__(*args, units=units, **kwargs)
        self.fields["appointment"].queryset = employee.appointments.filter(end_date__isnull=True)


class StaffUnitForm(forms.Form):
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    planned_rate = forms.DecimalField(
        label=_("Planned staff rates"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.25"),
        localize=True,
    )
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"))


class StaffUnitEditForm(StaffUnitForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["position"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), widget=forms.FileInput(attrs={"accept": ".xlsx"}))
