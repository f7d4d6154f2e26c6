"""Academic groups and students."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemis.academics.enums import Language
from hemis.academics.models import EducationForm, EducationType
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


class SocialCategory(models.TextChoices):
    """HEMIS classifier ``h_social_category``."""

    OTHER = "10", _("Other")
    ORPHAN = "11", _("Orphan in full state care")
    DISABLED = "12", _("Disability of group 1 or 2")
    NO_PARENTAL_CARE = "13", _("Left without parental care")
    FALLEN_SERVICEMAN = "14", _("Child of a fallen serviceman")


class Accommodation(models.TextChoices):
    """HEMIS classifier ``h_accommodation``."""

    OWN_HOME = "11", _("Own home")
    RELATIVES = "12", _("With relatives")
    ACQUAINTANCES = "13", _("With acquaintances")
    RENTED = "14", _("Rented home")
    DORMITORY = "15", _("Student dormitory")


class Citizenship(models.TextChoices):
    """HEMIS classifier ``h_citizenship_type``."""

    UZBEKISTAN = "11", _("Citizen of Uzbekistan")
    FOREIGN = "12", _("Foreign citizen")
    STATELESS = "13", _("Stateless person")


class AchievementKind(models.TextChoices):
    """HEMIS ``h_student_success`` (10–21) and, as "30", a foreign-language certificate."""

    OTHER = "10", _("Other")
    PRESIDENT_SCHOLARSHIP = "11", _("Presidential scholarship")
    NAVOI_SCHOLARSHIP = "12", _("Navoi scholarship")
    ULUGBEK_SCHOLARSHIP = "13", _("Ulugbek scholarship")
    BERUNI_SCHOLARSHIP = "14", _("Beruni scholarship")
    IBN_SINO_SCHOLARSHIP = "15", _("Ibn Sino scholarship")
    AL_BUKHARI_SCHOLARSHIP = "16", _("Al-Bukhari scholarship")
    ZULFIYA_AWARD = "17", _("Zulfiya award")
    MARD_OGLON_AWARD = "18", _("Mard oʻgʻlon award")
    INTERNATIONAL_COMPETITION = "19", _("Winner of an international competition")
    NATIONAL_COMPETITION = "20", _("Winner of a national competition")
    OLYMPIAD = "21", _("Winner of a subject olympiad")
    LANGUAGE_CERTIFICATE = "30", _("Foreign-language certificate")


class PaymentForm(models.TextChoices):
    """HEMIS classifier ``h_payment_form``."""

    GRANT = "11", _("State grant")
    CONTRACT = "12", _("Contract")


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
    curriculum = models.ForeignKey(
        "curricula.Curriculum",
        verbose_name=_("curriculum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("academic group")
        verbose_name_plural = _("academic groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Student(Person, TimeStamped):
    """A student. ``group``, ``course`` and ``status`` are the current state: only applied orders
    (``movements``) change them, and the student's history is the list of those orders. ``faculty`` and
    ``programme`` are kept even without a group (admitted but not yet assigned, expelled, graduated)
    so that the dean's office of the faculty keeps seeing its students."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="student"
    )
    student_id_number = models.CharField(
        _("student ID"), max_length=12, unique=True, validators=[student_id_validator]
    )
    faculty = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("faculty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    programme = models.ForeignKey(
        "academics.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    group_assigned_at = models.DateTimeField(
        _("assigned to the group at"), null=True, blank=True, editable=False
    )
    course = models.PositiveSmallIntegerField(_("course"), default=1)
    status = models.CharField(
        _("status"), max_length=2, choices=StudentStatus.choices, default=StudentStatus.STUDYING
    )
    is_graduate = models.BooleanField(_("graduate status"), default=False)
    payment_form = models.CharField(_("payment form"), max_length=2, choices=PaymentForm.choices)
    education_type = models.CharField(
        _("education type"), max_length=2, choices=EducationType.choices, default=EducationType.BACHELOR
    )
    education_form = models.CharField(
        _("education form"), max_length=2, choices=EducationForm.choices, default=EducationForm.FULL_TIME
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=2, choices=Citizenship.choices, default=Citizenship.UZBEKISTAN
    )
    social_category = models.CharField(
        _("social category"), max_length=2, choices=SocialCategory.choices, default=SocialCategory.OTHER
    )
    accommodation = models.CharField(
        _("accommodation"), max_length=2, choices=Accommodation.choices, blank=True
    )

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course__gte=1, course__lte=7), name="students_course_range"
            ),
        ]


class Subgroup(TimeStamped):
    """A subgroup of an academic group for laboratory work (a student sits in at most one per group)."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="subgroups"
    )
    name = models.CharField(_("name"), max_length=32)
    students = models.ManyToManyField(
        Student, verbose_name=_("students"), blank=True, related_name="subgroups"
    )

    class Meta:
        verbose_name = _("subgroup")
        verbose_name_plural = _("subgroups")
        ordering = ["group", "name"]
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="students_subgroup_name")]

    def __str__(self) -> str:
        return f"{self.group.name} / {self.name}"


class GroupSubject(TimeStamped):
    """A curriculum subject bound to a group for a semester (annex 5 item 8); ``created_at`` is when.
    The teacher is assigned later by the head of the department."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="subjects"
    )
    curriculum_subject = models.ForeignKey(
        "curricula.CurriculumSubject",
        verbose_name=_("curriculum subject"),
        on_delete=models.PROTECT,
        related_name="group_bindings",
    )
    semester = models.ForeignKey(
        "academics.Semester",
        verbose_name=_("semester"),
        on_delete=models.PROTECT,
        related_name="group_subjects",
    )

    class Meta:
        verbose_name = _("group subject")
        verbose_name_plural = _("group subjects")
        ordering = ["group", "curriculum_subject__subject__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "curriculum_subject"], name="students_group_subject_once"
            ),
        ]


class Achievement(TimeStamped):
    """A student achievement (annex 5 item 17): a scholarship, a competition won, an award, a certificate."""

    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="achievements"
    )
    kind = models.CharField(_("kind"), max_length=2, choices=AchievementKind.choices)
    title = models.CharField(_("title"), max_length=255)
    awarded_on = models.DateField(_("awarded on"))
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    certificate_language = models.CharField(
        _("certificate language"), max_length=2, choices=Language.choices, blank=True
    )
    certificate_level = models.CharField(_("level or score"), max_length=32, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["student", "-awarded_on"]


class CorrectableField(models.TextChoices):
    """What a student may ask the dean's office to correct (annex 13 item 7). Applying one writes it
    through the student-edit service; "other" (the group, the programme, the form: data that orders
    change) is answered by the dean's office and writes nothing itself."""

    LAST_NAME = "last_name", _("last name")
    FIRST_NAME = "first_name", _("first name")
    PATRONYMIC = "patronymic", _("patronymic")
    BIRTH_DATE = "birth_date", _("birth date")
    PINFL = "pinfl", _("PINFL")
    PASSPORT = "passport", _("passport")
    GENDER = "gender", _("gender")
    CITIZENSHIP = "citizenship", _("citizenship")
    ADDRESS = "address", _("address")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    ACCOMMODATION = "accommodation", _("accommodation")
    SOCIAL_CATEGORY = "social_category", _("social category")
    OTHER = "other", _("other")


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("open")
    APPLIED = "applied", _("applied")
    REJECTED = "rejected", _("rejected")


class DataCorrectionRequest(TimeStamped):
    """A student's request to correct their personal data (annex 13 item 7), decided by the dean's
    office of their faculty: applied (the field is written) or rejected with an answer."""

    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="correction_requests"
    )
    field = models.CharField(_("field"), max_length=32, choices=CorrectableField.choices)
    current_value = models.CharField(_("value at the time of the request"), max_length=255, blank=True)
    requested_value = models.CharField(_("correct value"), max_length=255)
    comment = models.TextField(_("comment"), blank=True)
    file = models.FileField(_("scan"), upload_to="students/corrections/%Y/%m/", blank=True, max_length=255)
    status = models.CharField(
        _("status"), max_length=8, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("personal-data correction request")
        verbose_name_plural = _("personal-data correction requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="students_correction_status")]
