"""Forms of the structure, requisites, buildings and rooms pages (parsing only; the services validate)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.org.models import (
    Accreditation,
    Building,
    Licence,
    OrgUnit,
    Room,
    RoomType,
    StructureType,
    UniversityRequisites,
)
from hemis.web.forms import DateInput

DATE_WIDGET = DateInput()  # DD.MM.YYYY with a translated placeholder
DOCUMENT_HELP = _("PDF, JPG or PNG, at most 10 MB.")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class TreeFilterForm(SearchForm):
    closed = forms.BooleanField(label=_("Show closed units"), required=False)


class OrderForm(forms.Form):
    """The order (document) a change of the structure is based on."""

    document_number = forms.CharField(label=_("Order number"), max_length=32)
    document_date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)


class UnitCreateForm(OrderForm):
    parent = forms.ModelChoiceField(
        label=_("Parent unit"), queryset=None, required=False, empty_label=_("— top of the structure —")
    )
    structure_type = forms.ChoiceField(label=_("Structure type"), choices=StructureType.choices)
    code = forms.CharField(label=_("Code"), max_length=32)
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)

    field_order = [
        "parent",
        "structure_type",
        "code",
        "name_uz",
        "name_ru",
        "name_en",
        "document_number",
        "document_date",
    ]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units.filter(active=True).order_by("path")


class UnitRenameForm(OrderForm):
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)

    field_order = ["name_uz", "name_ru", "name_en", "document_number", "document_date"]


class UnitMoveForm(OrderForm):
    parent = forms.ModelChoiceField(
        label=_("New parent unit"), queryset=None, required=False, empty_label=_("— top of the structure —")
    )

    field_order = ["parent", "document_number", "document_date"]

    def __init__(self, *args, unit: OrgUnit, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            units.filter(active=True).exclude(path__startswith=unit.path).order_by("path")
        )


class UnitCloseForm(OrderForm):
    pass


class RequisitesForm(forms.ModelForm):
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=32,
        required=False,
        help_text=_("Required when changing saved requisites: the document the change is based on."),
    )
    document_date = forms.DateField(label=_("Document date"), required=False, widget=DATE_WIDGET)

    class Meta:
        model = UniversityRequisites
        fields = [
            "full_name_uz",
            "full_name_ru",
            "full_name_en",
            "short_name_uz",
            "short_name_ru",
            "short_name_en",
            "hemis_code",
            "tin",
            "ownership",
            "university_form",
            "address",
            "phone",
            "email",
            "website",
            "bank_name",
            "mfo",
            "bank_account",
        ]


class ServiceChecksConstraints:
    """The model's constraints are checked by the service, which puts its message on the field."""

    def validate_constraints(self):
        pass


class LicenceForm(ServiceChecksConstraints, forms.ModelForm):
    class Meta:
        model = Licence
        fields = ["number", "issue_date", "valid_until", "issuing_body", "activity", "document"]
        widgets = {
            "issue_date": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "activity": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document": DOCUMENT_HELP}


class AccreditationForm(ServiceChecksConstraints, forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = ["certificate_number", "issue_date", "valid_until", "scope", "document"]
        widgets = {
            "issue_date": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "scope": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document": DOCUMENT_HELP}


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "address", "active"]


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["building", "number", "name", "capacity", "room_type", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.order_by("name")

    def validate_unique(self):
        """The service checks the room number, with a message that names the other building."""

    def validate_constraints(self):
        """The service checks the number and the capacity, each with a message on its field."""


class RoomFilterForm(SearchForm):
    building = forms.ModelChoiceField(
        label=_("Building"),
        queryset=Building.objects.order_by("name"),
        required=False,
        empty_label=_("All buildings"),
    )
    room_type = forms.ChoiceField(
        label=_("Room type"), choices=[("", _("All types")), *RoomType.choices], required=False
    )
