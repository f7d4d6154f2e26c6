"""Reads of the university's settings."""

from django.conf import settings

from hemis.core.models import UniversitySettings


def enabled_languages() -> list[tuple[str, str]]:
    """The interface languages the university enabled (all of them until it chose), in LANGUAGES order.

    Reads the settings row without creating it: the login page must not write.
    """
    chosen = UniversitySettings.objects.order_by("pk").values_list("languages", flat=True).first()
    return [(code, name) for code, name in settings.LANGUAGES if not chosen or code in chosen]
