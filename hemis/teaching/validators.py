"""The files teachers and students upload: allowed types and sizes (annex 7 items 2 and 3)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from hemis.core.files import MB, file_error

# A subject's resources and an assignment's own file: documents, slides, tables, archives, pictures, video.
RESOURCE_EXTENSIONS = ("pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "zip", "jpg", "png", "mp4")
RESOURCE_MAX_BYTES = 50 * MB
# A student's submission: documents, archives and photographed pages.
SUBMISSION_EXTENSIONS = ("pdf", "doc", "docx", "zip", "jpg", "png")
SUBMISSION_MAX_BYTES = 20 * MB
# A teacher's methodological or research work (annex 7 item 6): documents and archives.
WORK_EXTENSIONS = ("pdf", "doc", "docx", "zip")
WORK_MAX_BYTES = 20 * MB

_http_url = URLValidator(schemes=["http", "https"])


def resource_file_error(file) -> str | None:
    return file_error(file, RESOURCE_EXTENSIONS, RESOURCE_MAX_BYTES)


def submission_file_error(file) -> str | None:
    return file_error(file, SUBMISSION_EXTENSIONS, SUBMISSION_MAX_BYTES)


def work_file_error(file) -> str | None:
    return file_error(file, WORK_EXTENSIONS, WORK_MAX_BYTES)


def link_error(url: str) -> str | None:
    """Why ``url`` is not a link a student can open (an http or https address), or None."""
    try:
        _http_url(url)
    except ValidationError:
        return _("Enter a link that starts with http:// or https://.")
    return None
