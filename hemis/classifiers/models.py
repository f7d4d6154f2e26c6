"""HEMIS classifier tables: a key such as ``h_gender`` and its options (code "11" → "Erkak")."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import Named, TimeStamped

code_validator = RegexValidator(
    r"^[0-9A-Za-z.]+$", _("A code may contain only Latin letters, digits and dots.")
)


class Classifier(Named, TimeStamped):
    key = models.CharField(_("key"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("classifier")
        verbose_name_plural = _("classifiers")
        ordering = ["key"]


class ClassifierOption(Named, TimeStamped):
    """One value of a classifier. Built-in options come from HEMIS and cannot be deleted."""

    classifier = models.ForeignKey(
        Classifier, verbose_name=_("classifier"), on_delete=models.CASCADE, related_name="options"
    )
    code = models.CharField(_("code"), max_length=16, validators=[code_validator])
    # The order HEMIS lists the options in (groups before their members in the speciality lists).
    position = models.PositiveIntegerField(_("display order"), default=0)
    builtin = models.BooleanField(_("built-in"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("classifier option")
        verbose_name_plural = _("classifier options")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["classifier", "code"], name="classifier_option_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
