"""What a student enters about themselves: the e-mail, the phone (normalised to +998XXXXXXXXX) and the
scan attached to a personal-data correction request (allowed types and size)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from hemis.core.files import MB, file_error

# A scan of a passport, a certificate or a decision: documents and photographed pages.
SCAN_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
SCAN_MAX_BYTES = 5 * MB

_SEPARATORS = re.compile(r"[\s\-().]")
_NATIONAL = re.compile(r"^\d{9}$")


def normalise_phone(text: str) -> str | None:
    """``text`` as ``+998XXXXXXXXX`` — from "90 123 45 67", "901234567", "+998 90 123-45-67",
    "998901234567", "(90) 123-45-67" — or None when it is not an Uzbek number of nine digits."""
    digits = _SEPARATORS.sub("", text or "")
    if digits.startswith("+998"):
        digits = digits[4:]
    elif digits.startswith("998") and len(digits) == 12:
        digits = digits[3:]
    return f"+998{digits}" if _NATIONAL.match(digits) else None


def phone_error(text: str) -> str | None:
    """Why ``text`` is not a phone number (naming the field), or None."""
    if normalise_phone(text) is None:
        return _("Phone: enter an Uzbek number, +998 and 9 digits, e.g. +998 90 123 45 67.")
    return None


def email_error(text: str) -> str | None:
    """Why ``text`` is not an e-mail address (naming the field), or None."""
    try:
        validate_email(text)
    except ValidationError:
        return _("E-mail: enter a valid address, e.g. name@example.uz.")
    return None


def scan_error(file) -> str | None:
    """Why an attached scan is refused (its type or size), or None."""
    return file_error(file, SCAN_EXTENSIONS, SCAN_MAX_BYTES)
