"""Programmes (bachelor directions, master specialties) offered by faculties."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import Named, TimeStamped


class EducationType(models.TextChoices):
    """HEMIS classifier ``h_education_type``."""

    BACHELOR = "11", _("Bachelor")
    MASTER = "12", _("Master")


class EducationForm(models.TextChoices):
    """HEMIS classifier ``h_education_form``."""

    FULL_TIME = "11", _("Full-time")
    EVENING = "12", _("Evening")
    PART_TIME = "13", _("Part-time")


class Programme(Named, TimeStamped):
    code = models.CharField(_("code"), max_length=16, unique=True)
    faculty = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("faculty"), on_delete=models.PROTECT, related_name="programmes"
    )
    education_type = models.CharField(_("education type"), max_length=2, choices=EducationType.choices)
    duration_years = models.PositiveSmallIntegerField(_("duration, years"), default=4)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]
