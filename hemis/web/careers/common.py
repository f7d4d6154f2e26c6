"""What the careers pages share: pagination, forms bound to the active scope, service errors on fields."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils import timezone

from hemis.access import policy

PAGE_SIZE = 50


def page_of(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def scope_units(request):
    return policy.visible_org_units(request.principal)


def today():
    return timezone.localdate()


def save_with(form, call, **kwargs):
    """Run the service ``call`` with the form's data; its refusal goes onto the form's fields (None)."""
    try:
        return call(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def filters_of(form) -> dict:
    """The filters an export ran with, for the journal (plain values)."""
    if not form.is_valid():
        return {}
    return {k: getattr(v, "code", v) for k, v in form.cleaned_data.items() if v not in (None, "")}
