"""Error pages in the visitor's language; they render without the request context, so never touch
the database (the 500 page must work when the database is the problem)."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def _page(template: str, status: int) -> HttpResponse:
    return HttpResponse(render_to_string(template), status=status)


def forbidden(request, exception=None):
    return _page("403.html", 403)


def not_found(request, exception=None):
    return _page("404.html", 404)


def server_error(request):
    return _page("500.html", 500)
