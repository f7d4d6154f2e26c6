"""Student achievements (annex 5 item 17): scholarships, awards, competitions won, language certificates.

Add, edit, delete; audited as ``students.achievement.*``. Which students' achievements a role may
touch is the policy's question (``policy.visible_students``, ``achievements.edit`` on the student);
these services check the data. The reads are in ``hemis.students.selectors``.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.students.models import Achievement, AchievementKind, Student

FIELDS = (
    "kind",
    "title",
    "awarded_on",
    "issuer",
    "document_number",
    "certificate_language",
    "certificate_level",
    "valid_until",
)
CERTIFICATE_FIELDS = ("certificate_language", "certificate_level")


def _state(achievement: Achievement) -> dict[str, Any]:
    return {name: getattr(achievement, name) for name in FIELDS}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = {name: values.get(name) for name in FIELDS}
    for name in FIELDS:
        if isinstance(out[name], str):
            out[name] = out[name].strip()
        elif out[name] is None and name not in ("awarded_on", "valid_until"):
            out[name] = ""
    if out["kind"] != AchievementKind.LANGUAGE_CERTIFICATE:
        # Only a language certificate has a language and a level.
        out["certificate_language"] = out["certificate_level"] = ""
    return out


def _check(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if values["kind"] == AchievementKind.LANGUAGE_CERTIFICATE:
        if not values["certificate_language"]:
            errors["certificate_language"] = [_("A language certificate needs its language.")]
        if not values["certificate_level"]:
            errors["certificate_level"] = [_("A language certificate needs its level or score.")]
    awarded_on = values["awarded_on"]
    if awarded_on is not None and awarded_on > timezone.localdate():
        errors["awarded_on"] = [_("The award date cannot be in the future.")]
    valid_until = values["valid_until"]
    if awarded_on is not None and valid_until is not None and valid_until <= awarded_on:
        errors["valid_until"] = [_("“Valid until” must be after the award date.")]
    if errors:
        raise ValidationError(errors)


def _write(achievement: Achievement, values: dict[str, Any]) -> None:
    values = _clean(values)
    _check(values)
    for name, value in values.items():
        setattr(achievement, name, value)
    achievement.full_clean()
    achievement.save()


@transaction.atomic
def add_achievement(*, student: Student, values: dict[str, Any], actor) -> Achievement:
    """Record an achievement of ``student``; audited as ``students.achievement.created``."""
    achievement = Achievement(student=student, created_by=actor)
    _write(achievement, values)
    audit.record(
        actor=actor,
        action="students.achievement.created",
        target=achievement,
        data={"student": student.pk},
        after=_state(achievement),
    )
    return achievement


@transaction.atomic
def update_achievement(*, achievement: Achievement, values: dict[str, Any], actor) -> Achievement:
    before = _state(achievement)
    _write(achievement, {**before, **values})
    audit.record(
        actor=actor,
        action="students.achievement.updated",
        target=achievement,
        data={"student": achievement.student_id},
        before=before,
        after=_state(achievement),
    )
    return achievement


@transaction.atomic
def delete_achievement(*, achievement: Achievement, actor) -> None:
    before = _state(achievement)
    audit.record(
        actor=actor,
        action="students.achievement.deleted",
        target=achievement,
        data={"student": achievement.student_id},
        before=before,
    )
    achievement.delete()
