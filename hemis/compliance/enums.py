from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """How an obligation stands (see ``engine``): the engine classifies, the snapshot stores."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    PENDING = "pending", _("Pending")
    OVERDUE = "overdue", _("Overdue")
