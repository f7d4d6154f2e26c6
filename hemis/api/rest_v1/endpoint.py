"""``@operation``: an HEMIS API operation's access (public, student token, data token), language,
errors as envelopes and, for the data API, the log of every call. See ``core`` for the rules."""

import functools

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBase
from django.views.decorators.csrf import csrf_exempt

from hemis.api.rest_v1 import auth
from hemis.api.rest_v1.core import (
    FORBIDDEN,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    ApiError,
    answer,
    answer_language,
    delivered,
    error,
    validation_text,
)


def operation(*, access: str, methods: tuple[str, ...] = ("GET",)):
    """Wrap ``view(request, ...) -> data`` as an operation of the HEMIS API.

    ``access``: ``"public"`` (anyone), ``"student"`` (a Student API token; ``request.principal`` is
    the student's, ``request.api_student`` their record), ``"data"`` (a data-API token issued to an
    API user; rate-limited per address, every call logged and journaled)."""

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def run(request, *args, **kwargs):
            with answer_language(request.GET.get("l")):
                try:
                    if request.method not in methods:
                        raise ApiError(405, METHOD_NOT_ALLOWED)
                    if access == "student":
                        auth.authenticate_student(request)
                    elif access == "data":
                        auth.authenticate_data(request)
                    data = view(request, *args, **kwargs)
                    # an answer of its own (a file, or the envelope with a cookie) goes as it is
                    response = data if isinstance(data, HttpResponseBase) else answer(data)
                except ApiError as exc:
                    response, data = error(exc.code, exc.message), None
                except (Http404, ObjectDoesNotExist):
                    response, data = error(404, NOT_FOUND), None
                except PermissionDenied:
                    response, data = error(403, FORBIDDEN), None
                except ValidationError as exc:
                    response, data = error(400, validation_text(exc)), None
                token = getattr(request, "api_token", None) if access == "data" else None
                if token is not None:
                    auth.log_data_call(request, token, response.status_code, delivered(data))
            return response

        run.rest_access = access
        return run

    return decorate


@csrf_exempt
def unknown(request, *args, **kwargs):
    """Any path under ``/rest/`` that is no operation: the 404 envelope."""
    return error(404, NOT_FOUND)
