"""Person data shared by employees and students (personal data: masked for roles not entitled to it)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """HEMIS classifier ``h_gender``."""

    UNKNOWN = "10", _("Unknown")
    MALE = "11", _("Male")
    FEMALE = "12", _("Female")


pinfl_validator = RegexValidator(r"^\d{14}$", _("PINFL must be exactly 14 digits."))
phone_validator = RegexValidator(r"^\+998\d{9}$", _("Phone must look like +998901234567."))


class Person(models.Model):
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    pinfl = models.CharField(_("PINFL"), max_length=14, unique=True, validators=[pinfl_validator])
    passport = models.CharField(_("passport"), max_length=16, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=2, choices=Gender.choices, default=Gender.UNKNOWN)
    phone = models.CharField(_("phone"), max_length=13, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()


# A person's personal data (chapter 4.1, confidentiality) is journaled as "changed", never by value.
PRIVATE_FIELDS = frozenset({"pinfl", "passport", "birth_date", "phone", "address"})


def journaled(field: str, value):
    """``value`` as the action journal keeps it: a bullet for personal data, else the value itself."""
    return "•" if field in PRIVATE_FIELDS else value
