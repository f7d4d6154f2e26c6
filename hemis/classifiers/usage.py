"""Which model fields hold which classifier's codes, so that a code in use is never deleted.

Fields are named by ``"app_label.Model"`` and resolved through the app registry when asked:
classifiers sit below the domains that use them, so this module imports none of them.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Count

from hemis.classifiers.models import ClassifierOption

USAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "h_gender": (("staff.Employee", "gender"), ("students.Student", "gender")),
    "h_student_status": (("students.Student", "status"),),
    "h_payment_form": (("students.Student", "payment_form"),),
    "h_citizenship_type": (("students.Student", "citizenship"),),
    "h_structure_type": (("org.OrgUnit", "structure_type"),),
    "h_employee_type": (("staff.Employee", "employee_type"),),
    "h_academic_degree": (("staff.Employee", "academic_degree"),),
    "h_academic_rank": (("staff.Employee", "academic_rank"),),
    "h_teacher_position_type": (("staff.Appointment", "position"),),
    "h_employment_form": (("staff.Appointment", "employment_form"),),
    "h_language": (("students.Group", "language"),),
    "h_education_form": (("students.Group", "education_form"),),
    "h_education_type": (("academics.Programme", "education_type"),),
}


@dataclass(frozen=True)
class Use:
    """``count`` records of ``model`` hold the code in ``field``."""

    model: type[models.Model]
    field: models.Field
    count: int

    @property
    def label(self) -> str:
        return f"{self.model._meta.verbose_name_plural} ({self.field.verbose_name}): {self.count}"


def fields_for(key: str) -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for label, name in USAGES.get(key, ()):
        model = apps.get_model(label)
        found.append((model, model._meta.get_field(name)))
    return found


def uses(option: ClassifierOption) -> list[Use]:
    """Where ``option``'s code is stored (one query per registered field)."""
    found = []
    for model, field in fields_for(option.classifier.key):
        count = model._default_manager.filter(**{field.name: option.code}).count()
        if count:
            found.append(Use(model=model, field=field, count=count))
    return found


def is_in_use(option: ClassifierOption) -> bool:
    return any(
        model._default_manager.filter(**{field.name: option.code}).exists()
        for model, field in fields_for(option.classifier.key)
    )


def usage_counts(key: str) -> dict[str, int]:
    """Records holding each code of classifier ``key``: one grouped query per registered field."""
    totals: dict[str, int] = {}
    for model, field in fields_for(key):
        rows = model._default_manager.order_by().values_list(field.name).annotate(n=Count("pk"))
        for code, n in rows:
            totals[code] = totals.get(code, 0) + n
    return totals


def max_code_length(key: str) -> int | None:
    """The longest code every field holding classifier ``key`` can store (None: no field)."""
    lengths = [field.max_length for _model, field in fields_for(key) if field.max_length]
    return min(lengths) if lengths else None
