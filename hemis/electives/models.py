"""Electives (annex 13 item 3): selection windows, offers with seat caps, students' choices.

The dean's office opens an ``ElectiveWindow`` for its faculty and an academic semester (the semester
the electives are taught in). Opening it creates one ``ElectiveOffer`` per elective curriculum subject
(``SubjectType.ELECTIVE``) of the faculty's curricula for that semester, each with a seat cap. By
default the window opens five working days before the semester starts and closes on its first day.

A student chooses, **per curriculum block** (``CurriculumSubject.block``) of their curriculum semester,
**one** elective: the block is the "slot" (a curriculum offering two electives of one block to take
both would list them in two blocks). ``ElectiveChoice.block`` and ``window`` are copied from the offer
so that the database itself keeps one live (confirmed or waitlisted) choice per student, window and
block — a second one is refused even when two requests race. To change their mind within the window
a student cancels their choice and chooses again.

Seats: ``ElectiveOffer.taken`` counts the confirmed choices and never exceeds ``seats`` (a check
constraint). A choice is confirmed by one conditional ``UPDATE … SET taken = taken + 1 WHERE taken <
seats`` — never read-then-write — and waitlisted when it matches no row; a cancelled seat goes to the
first waitlisted choice (first come, first served) in the same transaction.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hemis.core.models import TimeStamped
from hemis.curricula.enums import SubjectBlock
from hemis.electives.enums import LIVE, ChoiceStatus


class ElectiveWindow(TimeStamped):
    """The selection window of a faculty for the electives of an academic ``semester``.

    ``closed_at``: the dean's office closed it before ``closes_on`` (finalised); no choices after."""

    semester = models.ForeignKey(
        "academics.Semester", verbose_name=_("semester"), on_delete=models.PROTECT, related_name="+"
    )
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="+"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("elective selection window")
        verbose_name_plural = _("elective selection windows")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["semester", "faculty"], name="electives_window_once"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="electives_window_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.faculty} · {self.semester}"

    def is_open_on(self, day) -> bool:
        """Whether students choose on ``day`` (Tashkent): within the dates and not closed early."""
        return self.closed_at is None and self.opens_on <= day <= self.closes_on


class ElectiveOffer(TimeStamped):
    """An elective curriculum subject offered in a window, with its cap; ``taken`` = confirmed choices.

    ``cancelled_at``: the dean's office closed it as under-filled (its students moved elsewhere)."""

    window = models.ForeignKey(
        ElectiveWindow, verbose_name=_("window"), on_delete=models.CASCADE, related_name="offers"
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="elective_offers",
    )
    seats = models.PositiveIntegerField(_("seats"))
    taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    cancelled_at = models.DateTimeField(_("closed as under-filled at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("elective offer")
        verbose_name_plural = _("elective offers")
        ordering = ["window", "curriculum_subject__block", "curriculum_subject__subject__code"]
        constraints = [
            models.UniqueConstraint(fields=["window", "curriculum_subject"], name="electives_offer_once"),
            models.CheckConstraint(condition=Q(seats__gt=0), name="electives_offer_seats"),
            models.CheckConstraint(
                condition=Q(taken__gte=0, taken__lte=F("seats")), name="electives_offer_within_cap"
            ),
        ]

    def __str__(self) -> str:
        return str(self.curriculum_subject)

    @property
    def free(self) -> int:
        return max(self.seats - self.taken, 0)


class ElectiveChoice(models.Model):
    """A student's choice of an offer. ``window`` and ``block`` repeat the offer's, so that the
    database keeps one live choice per student and block of a window. ``decided_at``: when it was
    confirmed (at once, or promoted from the waitlist), cancelled or moved."""

    offer = models.ForeignKey(
        ElectiveOffer, verbose_name=_("elective"), on_delete=models.CASCADE, related_name="choices"
    )
    window = models.ForeignKey(
        ElectiveWindow, verbose_name=_("window"), on_delete=models.CASCADE, related_name="+"
    )
    block = models.CharField(_("block"), max_length=8, choices=SubjectBlock.choices)
    student = models.ForeignKey(
        "students.Student",
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="elective_choices",
    )
    status = models.CharField(_("status"), max_length=16, choices=ChoiceStatus.choices)
    moved_from = models.ForeignKey(
        "self",
        verbose_name=_("moved from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("chosen at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("elective choice")
        verbose_name_plural = _("elective choices")
        ordering = ["offer", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "student"],
                condition=Q(status__in=LIVE),
                name="electives_choice_live_once",
            ),
            models.UniqueConstraint(
                fields=["window", "block", "student"],
                condition=Q(status__in=LIVE),
                name="electives_choice_live_per_block",
            ),
        ]
        indexes = [
            # the waitlist of an offer, first come first served
            models.Index(fields=["offer", "status", "created_at"], name="electives_choice_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.offer}"
