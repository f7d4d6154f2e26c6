from django import template

from hemis.core.selectors import enabled_languages

register = template.Library()


@register.filter
def masked(value, allowed: bool) -> str:
    """Personal data for a viewer not entitled to it: all but the last two characters hidden."""
    text = "" if value is None else str(value)
    if allowed or not text:
        return text
    return "•" * max(len(text) - 2, 4) + text[-2:]


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """``{% interface_languages as LANGUAGES %}``: the languages the university enabled, for the switchers."""
    return enabled_languages()
