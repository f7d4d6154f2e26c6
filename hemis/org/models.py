"""The university's structure: a tree of units (rectorate, faculties, departments, centres, divisions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.core.models import Named, TimeStamped


class StructureType(models.TextChoices):
    """HEMIS classifier ``h_structure_type``."""

    OTHER = "10", _("Other")
    FACULTY = "11", _("Faculty")
    DEPARTMENT = "12", _("Department")
    DIVISION = "13", _("Division")
    DIRECTORATE = "14", _("Directorate")
    CENTRE = "15", _("Centre")
    RECTORATE = "16", _("Rectorate")


class OrgUnit(Named, TimeStamped):
    code = models.CharField(_("code"), max_length=32, unique=True)
    structure_type = models.CharField(_("structure type"), max_length=2, choices=StructureType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/7/" of ids from the root: a scope on a unit covers every unit below it.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["path"]

    def covers(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)

    @property
    def is_faculty(self) -> bool:
        return self.structure_type == StructureType.FACULTY
