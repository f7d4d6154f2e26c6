"""One shape for every error of our API: ``{"error": {"code", "message", "fields"}}``.

``code`` is a stable machine word (``invalid``, ``not_authenticated``, ``permission_denied``,
``not_found``…), ``message`` a sentence in the request's language, ``fields`` the messages of each field
of an invalid request (``{}`` otherwise). A service's refusal (Django ``ValidationError``) is an
``invalid`` error with its fields; an unexpected failure is logged and answered in the same shape."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("django.request")

NON_FIELD = "non_field_errors"


def _messages() -> dict[str, str]:
    return {
        "invalid": _("The request is not valid: see the fields."),
        "parse_error": _("The request body could not be read."),
        "not_authenticated": _("Log in, or send a valid token in the Authorization header."),
        "authentication_failed": _("The token is invalid, expired or revoked."),
        "permission_denied": _("You are not allowed to perform this action."),
        "not_found": _("Not found."),
        "method_not_allowed": _("This method is not allowed here."),
        "not_acceptable": _("The requested response format is not available."),
        "unsupported_media_type": _("The request body's format is not supported: send JSON."),
        "throttled": _("Too many requests: try again in a second."),
        "server_error": _("Something went wrong on our side; the error is logged."),
    }


def body(code: str, message: str | None = None, fields: dict | None = None) -> dict:
    return {
        "error": {"code": code, "message": message or _messages().get(code, code), "fields": fields or {}}
    }


def _merge(out: dict[str, list[str]], more: dict[str, list[str]]) -> dict[str, list[str]]:
    for key, messages in more.items():
        out.setdefault(key, []).extend(messages)
    return out


def _name(prefix: str, key) -> str:
    if prefix:
        return f"{prefix}.{key}"
    return NON_FIELD if key in ("__all__", NON_FIELD) else str(key)


def _flat(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's (possibly nested) error detail as ``{"field" or "field.sub": [messages]}``."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            _merge(out, _flat(value, _name(prefix, key)))
        return out
    if isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            return {prefix or NON_FIELD: [str(v) for v in detail]}
        out = {}
        for i, value in enumerate(detail):
            _merge(out, _flat(value, f"{prefix}.{i}" if prefix else str(i)))
        return out
    return {prefix or NON_FIELD: [str(detail)]}


def handler(exc, context):
    """The ``EXCEPTION_HANDLER`` of REST framework."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=serializers.as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=exc,
            extra={"status_code": 500},
        )
        return Response(body("server_error"), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        response.data = body("invalid", fields=_flat(exc.detail))
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = code if isinstance(code, str) else "error"
        if code == "csrf_failed":
            message = str(exc.detail)
        else:
            message = _messages().get(code) or str(getattr(exc, "detail", exc))
        response.data = body(code, message)
    return response


def not_found(request, *args, **kwargs):
    """Any path under ``/api/`` that is no operation."""
    return JsonResponse(body("not_found"), status=404, json_dumps_params={"ensure_ascii": False})
