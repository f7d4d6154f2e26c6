"""Kinds of student orders (HEMIS ``h_decree_type`` where it has one) and their reason classifiers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    COURSE_TRANSFER = "course_transfer", _("Transfer to the next course")
    REPEAT_COURSE = "repeat_course", _("Repeating a course")
    EXPULSION = "expulsion", _("Expulsion")
    ACADEMIC_MOBILITY = "academic_mobility", _("Academic mobility")
    ACADEMIC_LEAVE = "academic_leave", _("Academic leave")
    RETURN_FROM_LEAVE = "return_from_leave", _("Return from academic leave")
    REINSTATEMENT = "reinstatement", _("Reinstatement")
    TRANSFER = "transfer", _("Transfer to another group or programme")
    GRADUATE_STATUS = "graduate_status", _("Graduate status")
    GRADUATION = "graduation", _("Graduation")
    COMPLETION = "completion", _("Completion of studies")
    REVERSAL = "reversal", _("Reversal of an order")


# HEMIS h_decree_type of each kind, where the classifier has one (the REST API reports it).
DECREE_TYPE = {
    OrderKind.EXPULSION: "11",
    OrderKind.ACADEMIC_LEAVE: "12",
    OrderKind.REPEAT_COURSE: "13",
    OrderKind.COURSE_TRANSFER: "14",
    OrderKind.REINSTATEMENT: "15",
    OrderKind.RETURN_FROM_LEAVE: "15",
    OrderKind.TRANSFER: "16",
    OrderKind.GRADUATION: "17",
    OrderKind.ADMISSION: "21",
}


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared")
    APPLIED = "applied", _("Applied")


class ExpelReason(models.TextChoices):
    """HEMIS ``h_expel_reason``."""

    OWN_WISH = "11", _("At own request")
    TRANSFER = "12", _("Transfer to another institution")
    HEALTH = "13", _("Health reasons")
    DISCIPLINE = "14", _("Breach of academic discipline")
    ABSENCES = "15", _("Missed classes")
    NON_PAYMENT = "16", _("Tuition not paid")
    IMPRISONMENT = "17", _("Imprisonment")
    ADMISSION_BREACH = "18", _("Breach of the admission rules")
    DEATH = "19", _("Death")


class LeaveReason(models.TextChoices):
    """HEMIS ``h_academic_reason``."""

    MILITARY = "11", _("Military service")
    HEALTH = "12", _("Restoring health")
    MATERNITY = "13", _("Pregnancy and childbirth")
    CHILDCARE = "14", _("Childcare")
