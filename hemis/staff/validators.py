"""Field validators of staff records."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hemis.staff.enums import ALLOWED_RATES

MAX_PHOTO_BYTES = 5 * 1024 * 1024


def validate_staff_rate(value) -> None:
    """Only the rates of the HEMIS classifier ``h_employment_staff``: 1.00, 0.75, 0.50, 0.25."""
    try:
        rate = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        rate = None
    if rate not in ALLOWED_RATES:
        raise ValidationError(
            _("The staff rate must be one of 1.00, 0.75, 0.50 or 0.25."), code="invalid_rate"
        )


def validate_photo_size(file) -> None:
    if file is not None and getattr(file, "size", 0) > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo must not be larger than 5 MB."), code="photo_too_large")
