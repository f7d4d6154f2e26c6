"""What the careers pages share: the units of the active scope, today, the filters of an export."""

from django.utils import timezone

from hemis.access import policy


def scope_units(request):
    return policy.visible_org_units(request.principal)


def today():
    return timezone.localdate()


def filters_of(form) -> dict:
    """The filters an export ran with, for the journal (plain values)."""
    if not form.is_valid():
        return {}
    return {k: getattr(v, "code", v) for k, v in form.cleaned_data.items() if v not in (None, "")}
