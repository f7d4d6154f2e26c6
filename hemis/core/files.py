"""Uploaded files: the type and size checks every upload of the system makes (teachers' resources and
works, students' hand-ins, the scans of a personal-data correction)."""

from django.utils.translation import gettext as _

MB = 1024 * 1024


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def file_error(file, extensions: tuple[str, ...], max_bytes: int) -> str | None:
    """Why ``file`` is refused (its type or size), or None."""
    if extension(getattr(file, "name", "") or "") not in extensions:
        return _("Upload a file of one of these types: %(types)s.") % {"types": ", ".join(extensions)}
    if file.size > max_bytes:
        return _("The file is larger than %(limit)d MB.") % {"limit": max_bytes // MB}
    return None
