"""``/api/docs/``: the Swagger UI of ``/api/schema/``, every file served by this instance (the
drf-spectacular-sidecar copy of swagger-ui-dist), under the site's strict CSP: the page has no inline
script or style — its start-up script is a file of its own (``?script``), the schema validator badge
(an outside host) is off (``SWAGGER_UI_SETTINGS``)."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.html import format_html
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{favicon}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{bundle}"></script>
<script src="{init}"></script>
</body>
</html>
"""


class SwaggerView(SpectacularSwaggerSplitView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if request.GET.get("script") is not None:
            return super().get(request, *args, **kwargs)  # the start-up script, as JavaScript
        html = format_html(
            PAGE,
            lang=translation.get_language() or "uz",
            title=self.title,
            favicon=self._swagger_ui_favicon(),
            css=self._swagger_ui_resource("swagger-ui.css"),
            bundle=self._swagger_ui_resource("swagger-ui-bundle.js"),
            init=f"{request.path}?script=",
        )
        return HttpResponse(html, content_type="text/html; charset=utf-8")
