"""The states of the clearance sheet: a line's state, the decisions kept in its history, and the roles a
clearance unit may be signed by (the role codes of ``hemis.access.roles``, which this app may not import)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LineState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("clearance", "Pending")
    SIGNED = "signed", pgettext_lazy("clearance", "Signed")
    REFUSED = "refused", pgettext_lazy("clearance", "Refused")


class DecisionKind(models.TextChoices):
    """A row of a line's history: the unit signed or refused, or the student reported the debt settled."""

    SIGNED = "signed", pgettext_lazy("clearance", "Signed")
    REFUSED = "refused", pgettext_lazy("clearance", "Refused")
    SETTLED = "settled", _("Reported settled")


class SigningRole(models.TextChoices):
    """The roles a clearance unit may be signed by: the controlling roles of chapter 3.1.14 (library,
    dormitory) and accounting (contract debts). The values are role codes; another office joins the
    sheet by adding its role here."""

    LIBRARY = "library", _("Information resource centre")
    DORMITORY = "dormitory", _("Dormitory")
    ACCOUNTING = "accounting", _("Accounting")
