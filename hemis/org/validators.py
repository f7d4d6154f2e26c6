"""Field validators of the university's requisites and documents (messages name the field's rule)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

DOCUMENT_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

tin_validator = RegexValidator(r"^\d{9}\Z", _("The TIN (STIR) must be exactly 9 digits."), code="tin")
mfo_validator = RegexValidator(r"^\d{5}\Z", _("The bank MFO code must be exactly 5 digits."), code="mfo")
account_validator = RegexValidator(
    r"^\d{20}\Z", _("The bank account number must be exactly 20 digits."), code="account"
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{7,20}\Z", _("Enter a phone number such as +998 71 244 79 20."), code="phone"
)


def validate_document(file) -> None:
    """A scanned document: PDF, JPG or PNG, at most 10 MB."""
    if not file:
        return
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(DOCUMENT_EXTENSIONS):
        raise ValidationError(_("Upload a PDF, JPG or PNG file."), code="document_type")
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="document_size")
