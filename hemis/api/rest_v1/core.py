"""The rules every ``/rest/v1`` operation shares (``../shared/spec/hemis-api/README.md``).

- The envelope ``{"success", "error", "code", "data"}``, the HTTP status equal to ``code``; the
  documented texts for 401 and 404, a description for 400; unknown operations answer the same way.
- ``l`` (``uz-UZ`` default, ``oz-UZ`` Uzbek Cyrillic, ``ru-RU``, ``en-US``) picks the language of names.
- Lists: ``page`` and ``limit`` (20 by default, at most 200), ``data`` = ``{"items", "pagination"}``.
- Dates and times are UTC Unix timestamps (integers); a date is the timestamp of its midnight in Tashkent.
- Embedded references are ``{id, name}``, classifiers ``{code, name}`` with string codes.

An operation is a function ``view(request) -> data`` decorated with ``@operation(access=...)``; it
raises ``ApiError`` (or ``Http404``/``ValidationError``) to answer an error. It reads through the
policy (``request.principal``) like a page does."""

import datetime as dt
import math
import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from hemis.core.timestamps import unix_timestamp

INVALID_CREDENTIALS = "Your request was made with invalid credentials."
NOT_FOUND = "Data not found."
FORBIDDEN = "You are not allowed to perform this action."
RATE_LIMITED = "Rate limit exceeded."
METHOD_NOT_ALLOWED = "Method Not Allowed."

LANGUAGES = {"uz-UZ": "uz", "oz-UZ": "uz", "ru-RU": "ru", "en-US": "en"}
DEFAULT_LANGUAGE = "uz-UZ"
DEFAULT_LIMIT = 20
MAX_LIMIT = 200

# Whether names are written in Uzbek Cyrillic (``l=oz-UZ``) in the current answer.
_cyrillic: ContextVar[bool] = ContextVar("rest_v1_cyrillic", default=False)
# The HEMIS classifiers' names read for the current answer: one query per classifier key.
_labels: ContextVar[dict | None] = ContextVar("rest_v1_labels", default=None)


class ApiError(Exception):
    """An error answer: ``code`` is the HTTP status and the envelope's code."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def not_found() -> ApiError:
    return ApiError(404, NOT_FOUND)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


# --- the envelope ------------------------------------------------------------------------------


def answer(data, code: int = 200) -> JsonResponse:
    return JsonResponse(
        {"success": True, "error": None, "code": code, "data": data},
        status=code,
        json_dumps_params={"ensure_ascii": False},
    )


def error(code: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"success": False, "error": message, "code": code, "data": None},
        status=code,
        json_dumps_params={"ensure_ascii": False},
    )


@contextmanager
def answer_language(code: str | None):
    """The language of one answer (``l``; Uzbek Latin for none or an unknown code): gettext's, the
    Cyrillic switch of ``oz-UZ``, and a fresh cache of classifier names."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    cyrillic_mark, labels_mark = _cyrillic.set(code == "oz-UZ"), _labels.set(None)
    try:
        with translation.override(LANGUAGES[code]):
            yield
    finally:
        _cyrillic.reset(cyrillic_mark)
        _labels.reset(labels_mark)


def validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in msgs)}" for field, msgs in exc.message_dict.items()
        )
    return " ".join(str(m) for m in exc.messages)


# --- values ------------------------------------------------------------------------------------


ts = unix_timestamp  # the name every operation and layout uses


_LATIN_TO_CYRILLIC = [
    ("Oʻ", "Ў"),
    ("oʻ", "ў"),
    ("Gʻ", "Ғ"),
    ("gʻ", "ғ"),
    ("O‘", "Ў"),
    ("o‘", "ў"),
    ("G‘", "Ғ"),
    ("g‘", "ғ"),
    ("O'", "Ў"),
    ("o'", "ў"),
    ("G'", "Ғ"),
    ("g'", "ғ"),
    ("Sh", "Ш"),
    ("sh", "ш"),
    ("SH", "Ш"),
    ("Ch", "Ч"),
    ("ch", "ч"),
    ("CH", "Ч"),
    ("Yo", "Ё"),
    ("yo", "ё"),
    ("Yu", "Ю"),
    ("yu", "ю"),
    ("Ya", "Я"),
    ("ya", "я"),
    ("Ye", "Е"),
    ("ye", "е"),
    ("ʼ", "ъ"),
    ("’", "ъ"),
]
_LETTERS = dict(
    zip(
        "ABDEFGHIJKLMNOPQRSTUVXYZabdefghijklmnopqrstuvxyz",
        "АБДЕФГҲИЖКЛМНОПҚРСТУВХЙЗабдефгҳижклмнопқрстувхйз",
        strict=True,
    )
)


_WORD_INITIAL_E = re.compile(r"(?<![^\W\d_])[Ee]")


def cyrillic(text: str) -> str:
    """Uzbek Latin written in Uzbek Cyrillic (the official correspondence of the two alphabets)."""
    for latin, cyr in _LATIN_TO_CYRILLIC:
        text = text.replace(latin, cyr)
    # "e" opening a word is "э" (Erkak → Эркак); inside a word it is "е".
    text = _WORD_INITIAL_E.sub(lambda m: "Э" if m.group() == "E" else "э", text)
    return "".join(_LETTERS.get(ch, ch) for ch in text)


def text(value) -> str:
    """A name as the request's language writes it (``oz-UZ``: the Uzbek name in Cyrillic)."""
    value = "" if value is None else str(value)
    return cyrillic(value) if _cyrillic.get() else value


def name_of(obj) -> str:
    return text(getattr(obj, "name", obj)) if obj is not None else ""


def ref(obj, **extra) -> dict | None:
    """An embedded reference ``{id, name}`` (None for no object)."""
    if obj is None:
        return None
    return {"id": obj.pk, "name": name_of(obj), **extra}


def classifier(code, label) -> dict | None:
    """A classifier value ``{code, name}`` with its code as a string (None for no value)."""
    if code in (None, ""):
        return None
    return {"code": str(code), "name": text(label)}


def option(key: str, code) -> dict | None:
    """A value of the HEMIS classifier ``key`` (``h_gender``…) as ``{code, name}``, its name from the
    classifier tables in the request's language (each key read once per answer)."""
    if code in (None, ""):
        return None
    from hemis.classifiers import selectors as classifiers

    cache = _labels.get()
    if cache is None:
        cache = {}
        _labels.set(cache)
    if key not in cache:
        cache[key] = classifiers.labels(key)
    return classifier(code, cache[key].get(str(code), str(code)))


def choice(enum_cls, value) -> dict | None:
    """A classifier from one of our ``TextChoices`` whose values are HEMIS codes."""
    if value in (None, ""):
        return None
    return classifier(value, enum_cls(value).label)


# --- parameters --------------------------------------------------------------------------------


def int_param(request, name: str, *, required: bool = False) -> int | None:
    raw = request.GET.get(name, "").strip()
    if raw == "":
        if required:
            raise bad_request(_("Missing required parameter: %(name)s") % {"name": name})
        return None
    try:
        return int(raw)
    except ValueError:
        raise bad_request(
            _("Invalid value of parameter %(name)s: %(value)s is not an integer.")
            % {"name": name, "value": raw}
        ) from None


def ts_param(request, name: str) -> dt.datetime | None:
    """A ``*_from``/``*_to`` filter: a Unix timestamp, as an aware date-time."""
    value = int_param(request, name)
    if value is None:
        return None
    try:
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise bad_request(
            _("Invalid value of parameter %(name)s: %(value)s is not a timestamp.")
            % {"name": name, "value": value}
        ) from None


def str_param(request, name: str) -> str:
    return request.GET.get(name, "").strip()


def page_params(request, *, zero_is_first: bool = False) -> tuple[int, int]:
    """``page`` (from 1; ``zero_is_first``: 0 too, as some operations' documented example sends) and
    ``limit`` (1–200, 20 by default); anything else is a 400."""
    page = int_param(request, "page")
    limit = int_param(request, "limit")
    page = 1 if page is None or (zero_is_first and page == 0) else page
    limit = DEFAULT_LIMIT if limit is None else limit
    if page < 1:
        raise bad_request(_("Invalid value of parameter page: it must be 1 or more."))
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_request(
            _("Invalid value of parameter limit: it must be from 1 to %(max)d.") % {"max": MAX_LIMIT}
        )
    return page, limit


def paginate(request, queryset, shape) -> dict:
    """``{"items": [shape(row) …], "pagination": {...}}`` of the requested page (a page past the last
    is empty; ``pageCount`` says how many there are)."""
    page, limit = page_params(request)
    total = queryset.count()
    start = (page - 1) * limit
    rows = list(queryset[start : start + limit]) if start < total else []
    return {
        "items": [shape(row) for row in rows],
        "pagination": {
            "totalCount": total,
            "pageSize": limit,
            "pageCount": math.ceil(total / limit) if total else 0,
            "page": page,
        },
    }


def delivered(data) -> int:
    """How many records an answer carries (for the log of the data API)."""
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return len(data["items"])
    if isinstance(data, list):
        return len(data)
    return 0 if data is None else 1
