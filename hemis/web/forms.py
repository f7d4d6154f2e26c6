"""What the forms of every page share: the date input, and a service's refusal put onto a form.

Services validate and raise ``ValidationError`` (a dict of field → messages, or plain messages);
forms only parse. ``add_service_errors`` is the one place that puts such an error onto a form,
``call_service`` runs a service and does it on refusal. ``fresh``/``model_values`` serve the
ModelForms whose instance the service must see unchanged.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

DATE_INPUT = ["%d.%m.%Y"]


class UnitChoiceField(forms.ModelChoiceField):
    """A choice of org unit shown as "code — name"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.code} — {obj.name}"


class DateInput(forms.DateInput):
    """DD.MM.YYYY with a placeholder in the interface language (the one date input of every form)."""

    def __init__(self, **kwargs):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": _("DD.MM.YYYY"), "inputmode": "numeric"})


def add_service_errors(form: forms.BaseForm, error: ValidationError, rename: dict[str, str] | None = None):
    """A service's ``error`` onto ``form``: each message on the field it names when the form has that
    field (``rename`` maps the service's names onto the form's), every other one above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    rename = rename or {}
    for name, errors in error.error_dict.items():
        target = rename.get(name, name)
        form.add_error(target if target in form.fields and target != NON_FIELD_ERRORS else None, errors)


def call_service(form: forms.BaseForm, service, *, rename: dict[str, str] | None = None, **kwargs):
    """``service(**kwargs)``, or None when it refuses: then its errors are on ``form``."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error, rename)
        return None


def message_errors(request, error: ValidationError) -> None:
    """A service's refusal of an action without a form, told as error messages on the next page."""
    for message in error.messages:
        messages.error(request, message)


def message_form_errors(request, form: forms.BaseForm) -> None:
    """A refused form of an action that redirects (no page to show the form again), told as error
    messages on the next page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def status_of(request, form: forms.BaseForm) -> int:
    """400 for a POST the form or the service refused, else 200."""
    return 400 if request.method == "POST" and form.errors else 200


def fresh(obj):
    """A separate copy of ``obj`` for a ModelForm to write into, so the service sees the stored values."""
    return type(obj)._default_manager.get(pk=obj.pk)


def model_values(form: forms.BaseForm, fields) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
