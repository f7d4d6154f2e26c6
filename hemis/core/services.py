"""Writes on the university's settings (annex 1, item 1) and on the local calendar overrides; every
change is audited."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.core.models import CalendarOverride, UniversitySettings

EDITABLE = frozenset(
    {
        "name_uz",
        "name_ru",
        "name_en",
        "hemis_code",
        "launch_date",
        "unilibrary_url",
        "study_week",
        "languages",
        "gpa_method",
        "gpa_method_decided_on",
        "gpa_scope",
        "gpa_transfer_threshold",
        "grade_lock_days",
        "bar_absence_percent",
        "staff_entry_days",
        "integration",
    }
)
# The keys of ``integration`` this service manages; other keys already stored are kept as they are.
INTEGRATION_KEYS = frozenset({"sync_enabled", "api_base_url", "organisation_code"})
REQUIRED_LANGUAGE = "uz"
TASHKENT = ZoneInfo("Asia/Tashkent")


def _clean_languages(value: Any) -> list[str]:
    known = [code for code, _name in settings.LANGUAGES]
    if not isinstance(value, list | tuple) or any(code not in known for code in value):
        raise ValidationError({"languages": _("Choose interface languages from the list.")})
    if REQUIRED_LANGUAGE not in value:
        raise ValidationError({"languages": _("Uzbek must stay enabled.")})
    return [code for code in known if code in value]


def _clean_integration(value: Any, current: dict) -> dict:
    if not isinstance(value, dict) or set(value) - INTEGRATION_KEYS:
        raise ValidationError({"integration": _("Unknown integration setting.")})
    merged = {**current, **value}
    if not isinstance(merged.get("sync_enabled", False), bool):
        raise ValidationError({"sync_enabled": _("Say yes or no.")})
    url = str(merged.get("api_base_url", "") or "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"api_base_url": _("Enter a valid http or https address.")}) from None
    code = str(merged.get("organisation_code", "") or "")
    if len(code) > 32:
        raise ValidationError({"organisation_code": _("The organisation code is at most 32 characters.")})
    if merged.get("sync_enabled") and not (url and code):
        raise ValidationError(
            {"sync_enabled": _("Synchronisation needs the central API address and the organisation code.")}
        )
    return merged


def _normalised(changes: dict[str, Any], current: UniversitySettings) -> dict[str, Any]:
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise ValidationError({field: _("This setting cannot be changed here.") for field in unknown})
    values = dict(changes)
    if "languages" in values:
        values["languages"] = _clean_languages(values["languages"])
    if "integration" in values:
        values["integration"] = _clean_integration(values["integration"], current.integration or {})
    if "unilibrary_url" in values:
        values["unilibrary_url"] = _clean_link(values["unilibrary_url"])
    return values


def _clean_link(url: Any) -> str:
    """The Unilibrary address: an http or https address; empty gives back the default."""
    url = str(url or "").strip()
    if not url:
        return UniversitySettings._meta.get_field("unilibrary_url").default
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"unilibrary_url": _("Enter a valid http or https address.")}) from None
    return url


@transaction.atomic
def update_university_settings(*, actor, **changes: Any) -> UniversitySettings:
    """Change the settings; saves and audits (``core.settings.updated``) only the fields that differ.

    Changing the GPA method, its scope or the transfer threshold records the day (Tashkent) in
    ``gpa_method_set_on``: annex 1 item 7 is measured on it. Raises ValidationError naming the field; nothing is saved then.
    """
    obj = UniversitySettings.objects.select_for_update().get(pk=UniversitySettings.current().pk)
    values = _normalised(changes, obj)
    before = {field: getattr(obj, field) for field in values}
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in values])
    changed = [field for field in values if getattr(obj, field) != before[field]]
    if not changed:
        return obj
    if {"gpa_method", "gpa_scope", "gpa_transfer_threshold"} & set(changed):
        before["gpa_method_set_on"] = obj.gpa_method_set_on
        obj.gpa_method_set_on = timezone.localdate(timezone=TASHKENT) if obj.gpa_method else None
        changed.append("gpa_method_set_on")
    obj.save(update_fields=[*changed, "updated_at"])
    audit.record(
        actor=actor,
        action="core.settings.updated",
        target=obj,
        before={field: before[field] for field in changed},
        after={field: getattr(obj, field) for field in changed},
    )
    return obj


# --- the working-day calendar ---------------------------------------------------------------------


def _override_snapshot(override: CalendarOverride) -> dict:
    return {
        "date": override.date,
        "is_working_day": override.is_working_day,
        "reason": override.reason,
        "timetable_weekday": override.timetable_weekday,
    }


@transaction.atomic
def add_override(
    *, date: dt.date, is_working_day: bool, reason: str, actor, timetable_weekday: int | None = None
) -> CalendarOverride:
    """Make ``date`` a working day or a day off for this university, whatever the national calendar says.
    An extra working day may run the timetable of another weekday (``timetable_weekday``, 1 = Monday)."""
    if CalendarOverride.objects.filter(date=date).exists():
        raise ValidationError(
            {"date": _("%(date)s already has an override; delete it first.") % {"date": f"{date:%d.%m.%Y}"}}
        )
    override = CalendarOverride(
        date=date,
        is_working_day=is_working_day,
        reason=reason.strip(),
        timetable_weekday=timetable_weekday if is_working_day else None,
        created_by=actor,
    )
    override.full_clean()
    override.save()
    audit.record(
        actor=actor,
        action="core.calendar_override.created",
        target=override,
        after=_override_snapshot(override),
    )
    return override


@transaction.atomic
def remove_override(*, override: CalendarOverride, actor) -> None:
    """Delete an override: the day follows the national calendar again."""
    audit.record(
        actor=actor,
        action="core.calendar_override.deleted",
        target=override,
        before=_override_snapshot(override),
    )
    override.delete()
