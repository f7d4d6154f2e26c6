"""Employees and their appointments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.core.people import Person
from hemis.staff.enums import EmploymentForm, Position


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
    academic_degree = models.CharField(_("academic degree"), max_length=2, default="10")  # h_academic_degree
    academic_rank = models.CharField(_("academic rank"), max_length=2, default="10")  # h_academic_rank

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
    rate = models.DecimalField(_("staff rate"), max_digits=3, decimal_places=2, default=Decimal("1.00"))
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
