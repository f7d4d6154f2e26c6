"""Writes on classifier options; each is audited. Built-in HEMIS options are never deleted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.classifiers import usage
from hemis.classifiers.models import Classifier, ClassifierOption

NAME_FIELDS = ("name_uz", "name_ru", "name_en")


def _snapshot(option: ClassifierOption) -> dict:
    return {
        "classifier": option.classifier.key,
        "code": option.code,
        **{f: getattr(option, f) for f in NAME_FIELDS},
        "builtin": option.builtin,
        "active": option.active,
    }


def _check_new_code(classifier: Classifier, code: str) -> None:
    if ClassifierOption.objects.filter(classifier=classifier, code=code).exists():
        raise ValidationError(
            {
                "code": _("%(key)s already has an option with the code %(code)s.")
                % {"key": classifier.key, "code": code}
            }
        )
    limit = usage.max_code_length(classifier.key)
    if limit is not None and len(code) > limit:
        raise ValidationError(
            {
                "code": _("Records of this classifier keep codes of at most %(limit)d characters.")
                % {"limit": limit}
            }
        )


@transaction.atomic
def add_option(
    *, classifier: Classifier, code: str, name_uz: str, name_ru: str = "", name_en: str = "", actor
) -> ClassifierOption:
    """Add a local option with a new code at the end of the classifier."""
    code = code.strip()
    _check_new_code(classifier, code)
    last = classifier.options.aggregate(last=Max("position"))["last"] or 0
    option = ClassifierOption(
        classifier=classifier,
        code=code,
        name_uz=name_uz.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        position=last + 1,
        builtin=False,
        active=True,
        created_by=actor,
    )
    option.full_clean()
    option.save()
    audit.record(actor=actor, action="classifiers.option.created", target=option, after=_snapshot(option))
    return option


@transaction.atomic
def update_names(
    *, option: ClassifierOption, name_uz: str, name_ru: str = "", name_en: str = "", actor
) -> ClassifierOption:
    """Change the Uzbek, Russian and English names of an option (built-in ones too); the code stays."""
    before = {f: getattr(option, f) for f in NAME_FIELDS}
    option.name_uz, option.name_ru, option.name_en = name_uz.strip(), name_ru.strip(), name_en.strip()
    after = {f: getattr(option, f) for f in NAME_FIELDS}
    if after == before:
        return option
    option.full_clean()
    option.save(update_fields=[*NAME_FIELDS, "updated_at"])
    audit.record(actor=actor, action="classifiers.option.renamed", target=option, before=before, after=after)
    return option


def _set_active(option: ClassifierOption, active: bool, actor) -> ClassifierOption:
    if option.active == active:
        return option
    option.active = active
    option.save(update_fields=["active", "updated_at"])
    verb = "activated" if active else "deactivated"
    audit.record(
        actor=actor,
        action=f"classifiers.option.{verb}",
        target=option,
        before={"active": not active},
        after={"active": active},
    )
    return option


@transaction.atomic
def deactivate_option(*, option: ClassifierOption, actor) -> ClassifierOption:
    """Hide an option from new entries; records that hold its code keep it and still show its name."""
    return _set_active(option, False, actor)


@transaction.atomic
def activate_option(*, option: ClassifierOption, actor) -> ClassifierOption:
    return _set_active(option, True, actor)


@transaction.atomic
def delete_option(*, option: ClassifierOption, actor) -> None:
    """Delete a local option that no record uses; built-in or used options are refused unchanged."""
    if option.builtin:
        raise ValidationError(
            _("Option %(code)s comes from HEMIS and cannot be deleted; deactivate it instead.")
            % {"code": option.code}
        )
    found = usage.uses(option)
    if found:
        raise ValidationError(
            _("Code %(code)s is in use and cannot be deleted (%(uses)s); deactivate it instead.")
            % {"code": option.code, "uses": "; ".join(use.label for use in found)}
        )
    audit.record(actor=actor, action="classifiers.option.deleted", target=option, before=_snapshot(option))
    option.delete()
