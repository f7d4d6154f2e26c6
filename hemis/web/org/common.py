"""What the org pages share: pagination, the fresh copy a ModelForm may change, service errors."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def fresh(obj):
    """A separate copy of ``obj`` for a ModelForm to write into, so the service sees the stored values."""
    return type(obj)._default_manager.get(pk=obj.pk)


def call_service(form, service, **kwargs):
    """Run ``service``; its ValidationError goes onto the form's fields. Returns the result or None."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def model_values(form, fields) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
