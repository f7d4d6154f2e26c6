"""Base model pieces shared by every domain app."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    """When a record was entered and last changed, and by whom (the regulation measures both)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Named(models.Model):
    """A name in Uzbek (required), Russian and English; ``name`` picks the active language."""

    name_uz = models.CharField(_("name (Uzbek)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


def localized(obj: object, field: str) -> str:
    """The value of ``<field>_<lang>`` for the active language, falling back to Uzbek."""
    lang = (get_language() or "uz")[:2]
    value = getattr(obj, f"{field}_{lang}", "") or ""
    return value or getattr(obj, f"{field}_uz", "")


# ISO weekdays, as the timetable and the calendar name them.
WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class StudyWeek(models.IntegerChoices):
    FIVE_DAYS = 5, _("5-day week")
    SIX_DAYS = 6, _("6-day week")


class GpaMethod(models.TextChoices):
    """How the GPA is calculated; the university council chooses (annex 1, item 7)."""

    CREDIT_WEIGHTED = "credit_weighted", _("Credit-weighted average of grade points")
    SIMPLE_AVERAGE = "simple_average", _("Simple average of grade points")


class GpaScope(models.TextChoices):
    """Which years' results the GPA that decides the transfer to the next course covers (annex 1 item 7)."""

    YEAR = "year", _("The academic year's results")
    ALL_YEARS = "all", _("The results of all years studied")


class StaffEntryDays(models.IntegerChoices):
    """Working days HR has to enter hires, dismissals and position changes (annex 3, item 3)."""

    THREE = 3, _("3 working days (chapter 3.1.3)")
    TEN = 10, _("10 working days (annex 3)")


class UniversitySettings(TimeStamped):
    """The one row of settings of this university (annex 1, item 1); ``current()`` returns it."""

    name_uz = models.CharField(_("name (Uzbek)"), max_length=255, default="")
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True, default="")
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True, default="")
    hemis_code = models.CharField(_("HEMIS code of the university"), max_length=16, blank=True, default="")
    launch_date = models.DateField(_("system launch date"), null=True, blank=True)
    study_week = models.PositiveSmallIntegerField(
        _("study week"), choices=StudyWeek.choices, default=StudyWeek.SIX_DAYS
    )
    languages = models.JSONField(_("interface languages"), default=list, blank=True)
    gpa_method = models.CharField(
        _("GPA calculation method"), max_length=32, choices=GpaMethod.choices, blank=True, default=""
    )
    gpa_method_decided_on = models.DateField(_("council decision date"), null=True, blank=True)
    # When the GPA method last changed (set by the settings service): annex 1 item 7 is measured on it.
    gpa_method_set_on = models.DateField(_("GPA method set on"), null=True, blank=True, editable=False)
    gpa_scope = models.CharField(
        _("GPA for the transfer to the next course"),
        max_length=8,
        choices=GpaScope.choices,
        default=GpaScope.YEAR,
    )
    gpa_transfer_threshold = models.DecimalField(
        _("lowest GPA for the transfer to the next course"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("2.40"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
    )
    # Working days after a control the examiner may still enter its grades (HEMIS locks after 2).
    grade_lock_days = models.PositiveSmallIntegerField(
        _("working days to enter control grades"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # A student who missed more than this share of a subject's hours without excuse is barred from its
    # controls (marked on the statement).
    bar_absence_percent = models.PositiveSmallIntegerField(
        _("unexcused absence that bars from the control, in percent of the subject's hours"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    staff_entry_days = models.PositiveSmallIntegerField(
        _("deadline for entering staff changes"), choices=StaffEntryDays.choices, default=StaffEntryDays.THREE
    )
    integration = models.JSONField(_("integration settings"), default=dict, blank=True)
    # The national e-library students are sent to (annex 13 item 8): a link only, never called by the server.
    unilibrary_url = models.URLField(_("Unilibrary address"), default="https://unilibrary.uz")

    class Meta:
        verbose_name = _("university settings")
        verbose_name_plural = _("university settings")

    def __str__(self) -> str:
        return self.name_uz or "OpenHEMIS"

    @classmethod
    def current(cls) -> "UniversitySettings":
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()


class CalendarOverride(TimeStamped):
    """A local exception to the national calendar: an extra day off or an extra working day."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    reason = models.CharField(_("reason"), max_length=255)
    # On an extra working day, the timetable of this weekday (1 = Monday … 7 = Sunday) runs.
    timetable_weekday = models.PositiveSmallIntegerField(
        _("timetable of weekday"),
        null=True,
        blank=True,
        choices=WEEKDAYS,
    )

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.reason}"
