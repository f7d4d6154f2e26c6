"""The university: its requisites, licences and accreditation, the tree of units (rectorate,
faculties, departments, centres, divisions), the journal of structure changes, buildings and rooms."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hemis.core.models import Named, TimeStamped, localized
from hemis.org.validators import (
    account_validator,
    mfo_validator,
    phone_validator,
    tin_validator,
    validate_document,
)


class StructureType(models.TextChoices):
    """HEMIS classifier ``h_structure_type``."""

    OTHER = "10", _("Other")
    FACULTY = "11", _("Faculty")
    DEPARTMENT = "12", _("Department")
    DIVISION = "13", _("Division")
    DIRECTORATE = "14", _("Directorate")
    CENTRE = "15", _("Centre")
    RECTORATE = "16", _("Rectorate")


class Ownership(models.TextChoices):
    """HEMIS classifier ``h_ownership``."""

    STATE = "11", pgettext_lazy("ownership", "State")
    PRIVATE = "12", _("Private")
    FOREIGN = "13", _("Foreign")
    JOINT = "14", _("Joint")


class UniversityForm(models.TextChoices):
    """HEMIS classifier ``h_university_form``."""

    OTHER = "10", _("Other")
    ACADEMY = "11", _("Academy")
    UNIVERSITY = "12", _("University")
    INSTITUTE = "13", _("Institute")
    BRANCH = "14", _("Branch")


class RoomType(models.TextChoices):
    """HEMIS classifier ``h_auditorium_type``."""

    OTHER = "10", _("Other")
    LECTURE = "11", _("Lecture room")
    LABORATORY = "12", _("Laboratory")
    PRACTICE = "13", _("Practice room")
    SEMINAR = "14", _("Seminar room")


class OrgUnit(Named, TimeStamped):
    code = models.CharField(_("code"), max_length=32, unique=True)
    structure_type = models.CharField(_("structure type"), max_length=2, choices=StructureType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/7/" of ids from the root: a scope on a unit covers every unit below it.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    active = models.BooleanField(_("active"), default=True)
    closed_order_number = models.CharField(_("closing order number"), max_length=32, blank=True, default="")
    closed_on = models.DateField(_("closing order date"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["path"]

    def covers(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)

    @property
    def is_faculty(self) -> bool:
        return self.structure_type == StructureType.FACULTY

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)


class ChangeKind(models.TextChoices):
    UNIT_CREATED = "unit_created", _("Unit created")
    UNIT_RENAMED = "unit_renamed", _("Unit renamed")
    UNIT_MOVED = "unit_moved", _("Unit moved")
    UNIT_CLOSED = "unit_closed", _("Unit closed")
    REQUISITES_UPDATED = "requisites_updated", _("Requisites updated")
    LICENCE_ADDED = "licence_added", _("Licence entered")
    ACCREDITATION_ADDED = "accreditation_added", _("Accreditation entered")


class StructureChange(TimeStamped):
    """One change of the university's data or structure, with the document (order) it was based on.

    Annex 3 item 6 is measured on these rows: due two working days after ``document_date``,
    done on the day the row was entered (``created_at``).
    """

    kind = models.CharField(_("change"), max_length=32, choices=ChangeKind.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )
    subject = models.CharField(pgettext_lazy("change", "subject"), max_length=255)
    document_number = models.CharField(_("document (order) number"), max_length=32)
    document_date = models.DateField(_("document (order) date"))
    before = models.JSONField(_("before"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("structure change")
        verbose_name_plural = _("structure changes")
        ordering = ["-document_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"


class UniversityRequisites(TimeStamped):
    """The one record of the university's requisites (annex 3, item 1)."""

    full_name_uz = models.CharField(_("full name (Uzbek)"), max_length=255)
    full_name_ru = models.CharField(_("full name (Russian)"), max_length=255, blank=True)
    full_name_en = models.CharField(_("full name (English)"), max_length=255)
    short_name_uz = models.CharField(_("short name (Uzbek)"), max_length=64)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=64, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=64)
    hemis_code = models.CharField(_("HEMIS code"), max_length=16)
    tin = models.CharField(_("TIN (STIR)"), max_length=9, validators=[tin_validator])
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=20, validators=[phone_validator])
    email = models.EmailField(_("e-mail"))
    website = models.URLField(_("website"), blank=True)
    bank_name = models.CharField(_("bank"), max_length=255)
    mfo = models.CharField(_("bank MFO code"), max_length=5, validators=[mfo_validator])
    bank_account = models.CharField(_("bank account"), max_length=20, validators=[account_validator])
    ownership = models.CharField(_("ownership"), max_length=2, choices=Ownership.choices)
    university_form = models.CharField(_("organisational form"), max_length=2, choices=UniversityForm.choices)
    document_number = models.CharField(_("document number"), max_length=32, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    # Set once, when the record was first saved with every required field: annex 3 item 1 is done then.
    completed_at = models.DateTimeField(_("first completed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("university requisites")
        verbose_name_plural = _("university requisites")

    def __str__(self) -> str:
        return self.short_name

    @property
    def full_name(self) -> str:
        return localized(self, "full_name")

    @property
    def short_name(self) -> str:
        return localized(self, "short_name")


class Licence(TimeStamped):
    number = models.CharField(_("licence number"), max_length=64)
    issue_date = models.DateField(_("issue date"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    activity = models.TextField(_("licensed activity"))
    document = models.FileField(
        _("scanned document"), upload_to="org/licences/", blank=True, validators=[validate_document]
    )

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-issue_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issue_date")),
                name="licence_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"№ {self.number}"


class Accreditation(TimeStamped):
    certificate_number = models.CharField(_("certificate number"), max_length=64)
    issue_date = models.DateField(_("certificate date"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scope = models.TextField(_("programmes / scope"))
    document = models.FileField(
        _("scanned document"), upload_to="org/accreditation/", blank=True, validators=[validate_document]
    )

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-issue_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issue_date")),
                name="accreditation_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"№ {self.certificate_number}"


class Building(TimeStamped):
    name = models.CharField(_("name"), max_length=255, unique=True)
    address = models.CharField(_("address"), max_length=255)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(TimeStamped):
    """A room for teaching; its number identifies it across the whole university (annex 4, item 5)."""

    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="rooms"
    )
    number = models.CharField(_("room number"), max_length=32)
    name = models.CharField(_("name"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (seats)"))
    room_type = models.CharField(_("room type"), max_length=2, choices=RoomType.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["building__name", "number"]
        constraints = [
            # One room number, one building: the same room cannot be registered in two buildings.
            models.UniqueConstraint(Lower("number"), name="room_number_unique"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.building})" if not self.name else f"{self.number} {self.name}"
