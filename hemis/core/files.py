"""Uploaded files: the type and size checks every upload of the system makes (teachers' resources and
works, students' hand-ins, the scans of a personal-data correction), and a stored one given back."""

from django.http import FileResponse, Http404
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


def stored_file(field_file, *, as_attachment: bool = True) -> FileResponse:
    """A stored upload (a ``FieldFile``) as a response named by its base name; an empty field or a file
    gone from the storage is 404. The caller has fetched its record through the policy."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=as_attachment, filename=field_file.name.rsplit("/", 1)[-1])
