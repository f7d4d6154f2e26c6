"""Users, roles and role grants (role × org-unit scope × validity period)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemis.access.roles import Family, Scope
from hemis.core.models import Named, TimeStamped


class User(AbstractUser):
    """A person who logs in: an employee, a student, or both."""

    must_change_password = models.BooleanField(_("must change password"), default=False)
    # The first log-in (annex 13 item 1): when it happened, and when its steps (a new password if one
    # was forced, a student's e-mail and phone) were all done. The compliance view measures the gap.
    first_login_at = models.DateTimeField(_("first logged in at"), null=True, blank=True, editable=False)
    onboarded_at = models.DateTimeField(_("first log-in completed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        full = f"{self.last_name} {self.first_name}".strip()
        return full or self.username


class Role(Named):
    code = models.CharField(_("code"), max_length=32, primary_key=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    family = models.CharField(_("family"), max_length=16, choices=Family.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["order"]


class GrantQuerySet(models.QuerySet):
    def current(self, on=None):
        today = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            revoked_at__isnull=True,
        )


class RoleGrant(TimeStamped):
    """``user`` may act as ``role`` over ``org_unit`` (and every unit below it); no unit = whole university."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants")
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="grants")
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # Exactly one super administrator per university: at most one live grant of that role.
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(role="super_admin", revoked_at__isnull=True),
                name="one_live_super_admin",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="grant_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role}" + (f" ({self.org_unit})" if self.org_unit_id else "")


class ApiLoginFailure(models.Model):
    """A failed log-in through the HEMIS Student API (``/rest/v1/auth/login``): the API refuses further
    attempts from an address (10 in 10 minutes) or for a login (10 in an hour), as HEMIS does."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    login = models.CharField(_("login"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("failed API log-in")
        verbose_name_plural = _("failed API log-ins")
        indexes = [
            models.Index(fields=["ip", "at"], name="access_apifail_ip_at"),
            models.Index(fields=["login", "at"], name="access_apifail_login_at"),
        ]

    def __str__(self) -> str:
        return f"{self.login or '-'} {self.ip or '-'} {self.at:%Y-%m-%d %H:%M}"
