"""Employees and their appointments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.core.people import Person
from hemis.staff.enums import (
    AcademicDegree,
    AcademicRank,
    Citizenship,
    EmployeeStatus,
    EmploymentForm,
    LabourEventKind,
    Position,
)
from hemis.staff.validators import validate_photo_size, validate_staff_rate


class EmployeeType(models.TextChoices):
    """HEMIS classifier ``h_employee_type``."""

    OTHER = "10", _("Other")
    ADMINISTRATIVE = "11", _("Administrative and managerial staff")
    TEACHING = "12", _("Teaching staff")
    SUPPORT = "13", _("Teaching support and technical staff")
    SERVICE = "14", _("Service staff")


class Employee(Person, TimeStamped):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employee"
    )
    employee_type = models.CharField(_("employee type"), max_length=2, choices=EmployeeType.choices)
    academic_degree = models.CharField(
        _("academic degree"), max_length=2, choices=AcademicDegree.choices, default=AcademicDegree.NONE
    )
    academic_rank = models.CharField(
        _("academic rank"), max_length=2, choices=AcademicRank.choices, default=AcademicRank.NONE
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=2, choices=Citizenship.choices, default=Citizenship.UZBEKISTAN
    )
    photo = models.ImageField(
        _("photo"), upload_to="staff/photos/", blank=True, validators=[validate_photo_size]
    )
    # Kept by the services from the labour events (for list filters); the truth is the events.
    status = models.CharField(
        _("status"),
        max_length=2,
        choices=EmployeeStatus.choices,
        default=EmployeeStatus.WORKING,
        db_index=True,
    )

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name"]


class Appointment(TimeStamped):
    """An employee holds a position in a unit at a staff rate, from an order."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="appointments")
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="appointments"
    )
    position = models.CharField(_("position"), max_length=2, choices=Position.choices)
    employment_form = models.CharField(
        _("employment form"), max_length=2, choices=EmploymentForm.choices, default=EmploymentForm.MAIN
    )
    rate = models.DecimalField(
        _("staff rate"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[validate_staff_rate],
    )
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_dates_ordered",
            ),
            models.CheckConstraint(condition=Q(rate__gt=0) & Q(rate__lte=1), name="appointment_rate_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} ({self.rate})"

    def is_current(self, on) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class StaffUnit(TimeStamped):
    """The staff table (shtat) of a unit: how many rates of a position it plans, by which order."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff_units"
    )
    position = models.CharField(_("position"), max_length=2, choices=Position.choices)
    planned_rate = models.DecimalField(_("planned staff rates"), max_digits=6, decimal_places=2)
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))

    class Meta:
        verbose_name = _("staff unit")
        verbose_name_plural = _("staff units")
        ordering = ["org_unit__path", "position"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "position"], name="staff_unit_once_per_position"),
            models.CheckConstraint(condition=Q(planned_rate__gt=0), name="staff_unit_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} — {self.get_position_display()} ({self.planned_rate})"


class LabourEvent(TimeStamped):
    """A vacation, business trip, dismissal or position change of an employee, by order."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="labour_events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=LabourEventKind.choices)
    order_number = models.CharField(_("order number"), max_length=32)
    order_date = models.DateField(_("order date"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    destination = models.CharField(_("destination"), max_length=255, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    # Position change: the appointment it ended and the one it opened.
    ended_appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("labour event")
        verbose_name_plural = _("labour events")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="labour_event_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.order_number}"
