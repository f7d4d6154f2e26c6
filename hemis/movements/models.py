"""Orders (buyruq) that move students, and their items (one per student).

An order is prepared (``draft``: its items can still change), then applied once: every item then
records the student's state before and after, and the student's ``status``/``group``/``course`` follow
it. An applied order is never edited; a ``reversal`` order undoes one (``reverses``). The student's
history is the list of applied items, in order of application.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.movements.enums import ExpelReason, LeaveReason, OrderKind, OrderStatus
from hemis.students.models import StudentStatus


class Order(TimeStamped):
    kind = models.CharField(_("kind of order"), max_length=24, choices=OrderKind.choices)
    number = models.CharField(_("order number"), max_length=32)
    date = models.DateField(_("order date"))
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="student_orders"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )

    class Meta:
        verbose_name = _("student order")
        verbose_name_plural = _("student orders")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["faculty", "number", "date"], name="movements_order_number"),
            models.CheckConstraint(
                condition=models.Q(status=OrderStatus.DRAFT, applied_at__isnull=True)
                | models.Q(status=OrderStatus.APPLIED, applied_at__isnull=False),
                name="movements_order_applied_at",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} ({self.date:%d.%m.%Y})"


class OrderItem(models.Model):
    """One student of an order: what the order does to them and, once applied, their state before and after."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="items")
    # Admission items hold the admitted person's data until the order is applied; applying creates the
    # student. Every other item names an existing student.
    student = models.ForeignKey(
        "students.Student",
        verbose_name=_("student"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order_items",
    )
    admission_data = models.JSONField(_("admission data"), null=True, blank=True)
    target_group = models.ForeignKey(
        "students.Group",
        verbose_name=_("new group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expel_reason = models.CharField(
        _("reason for expulsion"), max_length=2, choices=ExpelReason.choices, blank=True
    )
    leave_reason = models.CharField(
        _("reason for leave"), max_length=2, choices=LeaveReason.choices, blank=True
    )
    leave_until = models.DateField(_("leave until"), null=True, blank=True)
    host_institution = models.CharField(_("host institution"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The student's state before and after, written when the order is applied.
    status_before = models.CharField(max_length=2, choices=StudentStatus.choices, blank=True, editable=False)
    status_after = models.CharField(max_length=2, choices=StudentStatus.choices, blank=True, editable=False)
    group_before = models.ForeignKey(
        "students.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    group_after = models.ForeignKey(
        "students.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    course_before = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    course_after = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    graduate_before = models.BooleanField(null=True, blank=True, editable=False)
    graduate_after = models.BooleanField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "student"], name="movements_student_once_per_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}: {self.student}"
