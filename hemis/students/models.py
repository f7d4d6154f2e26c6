"""Academic groups and students."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import EducationForm
from hemis.core.models import TimeStamped
from hemis.core.people import Person

student_id_validator = RegexValidator(r"^\d{12}$", _("Student ID must be exactly 12 digits."))


class StudentStatus(models.TextChoices):
    """HEMIS classifier ``h_student_status``."""

    OTHER = "10", _("Other")
    STUDYING = "11", _("Studying")
    EXPELLED = "12", _("Expelled")
    ACADEMIC_LEAVE = "13", _("Academic leave")
    GRADUATED = "14", _("Graduated")


class PaymentForm(models.TextChoices):
    """HEMIS classifier ``h_payment_form``."""

    GRANT = "11", _("State grant")
    CONTRACT = "12", _("Contract")


class Language(models.TextChoices):
    """HEMIS classifier ``h_language``."""

    UZBEK = "11", _("Uzbek")
    RUSSIAN = "12", _("Russian")
    KARAKALPAK = "13", _("Karakalpak")
    ENGLISH = "14", _("English")


class Group(TimeStamped):
    name = models.CharField(_("name"), max_length=32, unique=True)
    programme = models.ForeignKey(
        "academics.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="groups"
    )
    # Denormalised from the programme so that scope filters need no join.
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="groups"
    )
    intake_year = models.PositiveSmallIntegerField(_("intake year"))
    course = models.PositiveSmallIntegerField(_("course"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.UZBEK)
    education_form = models.CharField(
        _("education form"), max_length=2, choices=EducationForm.choices, default=EducationForm.FULL_TIME
    )

    class Meta:
        verbose_name = _("academic group")
        verbose_name_plural = _("academic groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Student(Person, TimeStamped):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="student"
    )
    student_id_number = models.CharField(
        _("student ID"), max_length=12, unique=True, validators=[student_id_validator]
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    status = models.CharField(
        _("status"), max_length=2, choices=StudentStatus.choices, default=StudentStatus.STUDYING
    )
    payment_form = models.CharField(_("payment form"), max_length=2, choices=PaymentForm.choices)
    citizenship = models.CharField(_("citizenship"), max_length=2, default="11")  # h_citizenship_type

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["last_name", "first_name"]
