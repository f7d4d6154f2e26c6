"""The request's IP, user agent and active role, for audit events written deeper in the stack."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    user_agent: str = ""
    role: str = ""


EMPTY = RequestContext()
current: ContextVar[RequestContext] = ContextVar("audit_request_context", default=EMPTY)  # noqa: B039 - frozen


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        principal = getattr(request, "principal", None)

        def role() -> str:
            try:
                return (principal.role or "") if principal is not None else ""
            except Exception:  # a broken principal must not stop the request
                return ""

        token = current.set(
            RequestContext(
                ip=request.META.get("REMOTE_ADDR") or None,
                user_agent=request.headers.get("User-Agent", "")[:255],
                role=_LazyRole(role),
            )
        )
        try:
            return self.get_response(request)
        finally:
            current.reset(token)


class _LazyRole(str):
    """Resolved only when an event is written, so requests that audit nothing build no principal."""

    def __new__(cls, resolve):
        obj = super().__new__(cls, "")
        obj._resolve = resolve
        return obj

    def resolve(self) -> str:
        return self._resolve()
