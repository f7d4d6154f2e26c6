"""The integration registry of annex 2: the university's own systems that take HEMIS data, the
technological instruction each was approved under, the data-API tokens issued for them, and every call
made with a token (what left the system, and to whom — regulation 2.2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped


class Integration(TimeStamped):
    """One system of the university integrated with HEMIS (annex 2 items 1–2)."""

    system = models.CharField(_("system"), max_length=255)
    purpose = models.TextField(_("purpose"))
    # The technological instruction prepared and approved with the ministry centre before integrating.
    instruction_title = models.CharField(_("technological instruction"), max_length=255, blank=True)
    instruction_file = models.FileField(_("instruction document"), upload_to="integrations/", blank=True)
    instruction_approved_on = models.DateField(_("instruction approved on"), null=True, blank=True)
    # The day the integration started (data began to flow); annex 2 item 1 is due 5 working days before.
    started_on = models.DateField(_("integration started on"), null=True, blank=True)
    ended_on = models.DateField(_("integration ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")
        ordering = ["system", "pk"]

    def __str__(self) -> str:
        return self.system


class ApiToken(TimeStamped):
    """A bearer token of the data (Backend) API, issued to a user holding the "API User" role. Only a
    hash of the key is kept; the key is shown once, when issued."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    integration = models.ForeignKey(
        Integration,
        verbose_name=_("integration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ApiCall(models.Model):
    """One call of the data API with a token: where from, what was asked, how many records left."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("token"), on_delete=models.PROTECT, related_name="calls"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("endpoint"), max_length=255)
    query = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))
    rows = models.PositiveIntegerField(_("records delivered"), default=0)

    class Meta:
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["ip", "at"], name="integrations_call_ip_at"),
            models.Index(fields=["token", "at"], name="integrations_call_token_at"),
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.status}"
