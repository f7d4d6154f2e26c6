"""The request's IP, user agent and active role, for audit events written deeper in the stack."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""
    # The request's principal (lazy): read only when an event is written, so requests that audit
    # nothing never build it.
    principal: object = None

    @property
    def role(self) -> str:
        return (getattr(self.principal, "role", None) or "") if self.principal is not None else ""


EMPTY = RequestContext()
current: ContextVar[RequestContext] = ContextVar("audit_request_context", default=EMPTY)  # noqa: B039 - frozen


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current.set(
            RequestContext(
                ip=request.META.get("REMOTE_ADDR") or None,
                user_agent=request.headers.get("User-Agent", "")[:255],
                principal=getattr(request, "principal", None),
            )
        )
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
