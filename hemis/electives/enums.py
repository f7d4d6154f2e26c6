"""The states of an elective choice."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ChoiceStatus(models.TextChoices):
    """Where a student's choice of an elective offer stands.

    ``confirmed`` holds one of the offer's seats (counted in ``ElectiveOffer.taken``); ``waitlisted``
    waits for one (first come, first served); ``cancelled`` the student took it back (or the offer was
    closed with nowhere to move to); ``moved`` the dean's office closed the offer and moved the student
    to another offer of the same block (the new choice there names this one in ``moved_from``)."""

    CONFIRMED = "confirmed", pgettext_lazy("elective", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("elective", "Waitlisted")
    CANCELLED = "cancelled", pgettext_lazy("elective", "Cancelled")
    MOVED = "moved", pgettext_lazy("elective", "Moved")


# A live choice holds a seat or a place in the queue; one per student and block of a window.
LIVE = (ChoiceStatus.CONFIRMED, ChoiceStatus.WAITLISTED)
