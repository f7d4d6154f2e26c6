"""The one way a service's refusal lands on a form."""

from django import forms
from django.core.exceptions import ValidationError

from hemis.web.forms import add_service_errors, call_service


class NameForm(forms.Form):
    name = forms.CharField()
    code = forms.CharField(required=False)


def bound() -> NameForm:
    form = NameForm({"name": "Kimyo", "code": "K1"})
    assert form.is_valid()
    return form


def test_errors_of_known_fields_go_on_the_fields_the_rest_above_the_form():
    form = bound()
    add_service_errors(
        form, ValidationError({"name": ["Taken."], "faculty": ["Closed."], "__all__": ["No."]})
    )
    assert form.errors == {"name": ["Taken."], "__all__": ["Closed.", "No."]}


def test_a_plain_error_goes_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError(["First.", "Second."]))
    assert form.errors == {"__all__": ["First.", "Second."]}


def test_rename_maps_the_services_names_onto_the_forms():
    form = bound()
    add_service_errors(
        form, ValidationError({"org_unit": ["Closed."], "data": ["Bad."]}), {"org_unit": "code"}
    )
    assert form.errors == {"code": ["Closed."], "__all__": ["Bad."]}


def test_the_codes_of_the_services_errors_are_kept():
    form = bound()
    add_service_errors(form, ValidationError({"name": ValidationError("Taken.", code="unique")}))
    assert form.has_error("name", "unique")


def test_call_service_returns_the_result_or_none_with_the_errors_on_the_form():
    def refuse(**kwargs):
        raise ValidationError({"name": [f"{kwargs['name']} is taken."]})

    form = bound()
    assert call_service(form, lambda **kw: kw["name"].upper(), name="kimyo") == "KIMYO"
    assert call_service(form, refuse, name="Kimyo") is None
    assert form.errors == {"name": ["Kimyo is taken."]}
