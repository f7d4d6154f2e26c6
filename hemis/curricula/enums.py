"""HEMIS classifier values of curricula."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CurriculumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class WeekKind(models.TextChoices):
    """What a week of a curriculum semester is for (the study schedule, oʻquv grafigi)."""

    THEORY = "theory", _("Theory")
    EXAMS = "exams", _("Examinations")
    PRACTICE = "practice", _("Practice")
    HOLIDAY = "holiday", _("Holidays")
    ATTESTATION = "attestation", _("State attestation")


class SubjectType(models.TextChoices):
    """HEMIS ``h_subject_type``."""

    MANDATORY = "11", _("Mandatory")
    ELECTIVE = "12", _("Elective")


class SubjectBlock(models.TextChoices):
    """HEMIS ``h_subject_block``: the block of a curriculum a subject belongs to."""

    BACHELOR = "11", _("Bachelor")
    HUMANITIES = "11.01", _("Humanities and socio-economic subjects")
    MATHEMATICS = "11.02", _("Mathematics and natural sciences")
    GENERAL_PROFESSIONAL = "11.03", _("General professional subjects")
    SPECIALISATION = "11.04", _("Specialisation subjects")
    ADDITIONAL = "11.05", _("Additional subjects")
    MASTER = "12", _("Master")
    METHODOLOGY = "12.01", _("General methodological subjects")
    SPECIALTY = "12.02", _("Specialty subjects")
    MASTER_ELECTIVE = "12.03", _("Elective subjects")
    RESEARCH = "12.04", _("Research work")


class FinalForm(models.TextChoices):
    """HEMIS ``h_exam_finish``: how a subject ends."""

    EXAM = "11", _("Examination")
    PASS = "12", _("Pass/fail (zachet)")


class TrainingType(models.TextChoices):
    """HEMIS ``h_training_type``: the lesson types whose hours a curriculum subject plans."""

    LECTURE = "11", _("Lecture")
    LABORATORY = "12", _("Laboratory")
    PRACTICAL = "13", _("Practical")
    SEMINAR = "14", _("Seminar")
    TRAINING = "15", _("Training")
    COURSE_WORK = "16", _("Course work")
    INDEPENDENT = "17", _("Independent study")
