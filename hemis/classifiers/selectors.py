"""Reads of the classifier tables."""

from django.db.models import Count, Q, QuerySet

from hemis.classifiers.models import Classifier, ClassifierOption


def classifiers(search: str = "") -> QuerySet[Classifier]:
    """Every classifier with its number of options, filtered by key or name in any language."""
    qs = Classifier.objects.annotate(option_count=Count("options"))
    search = search.strip()
    if search:
        qs = qs.filter(
            Q(key__icontains=search)
            | Q(name_uz__icontains=search)
            | Q(name_ru__icontains=search)
            | Q(name_en__icontains=search)
        )
    return qs.order_by("key")


def options(key: str, *, include_inactive: bool = False) -> QuerySet[ClassifierOption]:
    """The options of classifier ``key`` in HEMIS order; active ones unless asked otherwise."""
    qs = ClassifierOption.objects.filter(classifier__key=key)
    if not include_inactive:
        qs = qs.filter(active=True)
    return qs.order_by("position", "code")


def choices(key: str) -> list[tuple[str, str]]:
    """``(code, localized name)`` pairs of the active options, for a form's choices."""
    return [(option.code, option.name) for option in options(key)]


def labels(key: str) -> dict[str, str]:
    """Code → localized name (Uzbek when the active language has none), inactive options included."""
    return {option.code: option.name for option in options(key, include_inactive=True)}


def label(key: str, code: str) -> str:
    """The localized name of ``code`` in classifier ``key``; the code itself when it is unknown."""
    option = ClassifierOption.objects.filter(classifier__key=key, code=code).first()
    return option.name if option is not None else code
