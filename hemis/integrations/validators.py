"""What the integration registry accepts: the technological instruction's document (its types and
size, checked as every upload of the system is)."""

from hemis.core.files import MB, file_error

# The instruction approved with the ministry centre: a signed scan or the document itself.
INSTRUCTION_EXTENSIONS = ("pdf", "doc", "docx", "odt", "jpg", "jpeg", "png")
INSTRUCTION_MAX_BYTES = 10 * MB


def instruction_file_error(file) -> str | None:
    """Why an instruction document is refused (its type or size), or None."""
    return file_error(file, INSTRUCTION_EXTENSIONS, INSTRUCTION_MAX_BYTES)
