"""The request form of a document: its kind, the order for an order extract, and the purpose."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hemis.documents.enums import DocumentKind
from hemis.documents.services import PURPOSE_MAX


class OrderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_kind_display()} · № {obj.number} · {obj.date:%d.%m.%Y}"


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    order = OrderChoice(label=_("Order"), queryset=None, required=False)
    purpose = forms.CharField(
        label=_("Purpose (to be presented to)"),
        max_length=PURPOSE_MAX,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. the employer, the tax office")}),
    )

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = orders

    def clean(self):
        data = super().clean()
        if data.get("kind") == DocumentKind.ORDER_EXTRACT and not data.get("order"):
            self.add_error("order", _("Choose the order to extract."))
        return data
