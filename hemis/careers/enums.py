"""HEMIS classifier values and fixed rules of the careers records."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.staff.enums import Position

# h_teacher_success "11" (Lavozimga tanlovdan o'tish): how a passed selection maps onto HEMIS teacher successes.
TEACHER_SUCCESS_SELECTION = "11"

# Every teacher completes professional development at least once every TRAINING_PERIOD_YEARS years:
# a teacher is "due" when the last completed training ended more than that long ago, or never happened.
TRAINING_PERIOD_YEARS = 3

TERM_YEARS_MIN = 1
TERM_YEARS_MAX = 5

# Positions whose holders are teachers for the selection and training rules (h_teacher_position_type).
TEACHING_POSITIONS = (
    Position.INTERN_TEACHER,
    Position.ASSISTANT,
    Position.SENIOR_TEACHER,
    Position.DOCENT,
    Position.PROFESSOR,
    Position.HEAD_OF_DEPARTMENT,
    Position.TEACHER,
)


class CompetitionResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    NOT_PASSED = "not_passed", _("Not passed")


class TrainingPlace(models.TextChoices):
    """HEMIS classifier ``h_qualification`` (where the professional development took place)."""

    OTHER = "10", _("Other")
    BIMM = "11", _("BIMM centre")
    KQT_MO = "12", _("KQT and MO centre")
    FOREIGN = "13", _("Foreign institution")
