"""``/api/``: the OpenAPI document, its Swagger UI and the operations (``/api/v1/…``); anything else
under ``/api/`` answers the error shape's 404."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView

from hemis.api.own import docs, errors, views
from hemis.api.own.serializers import ID_MAX


class IdConverter:
    """A record's id: digits that fit in a database integer (a bigger number matches no operation)."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/electives/", views.ElectivesView.as_view(), name="electives"),
    path("v1/electives/offers/<id:pk>/choose/", views.ChooseView.as_view(), name="elective-choose"),
    path("v1/electives/choices/<id:pk>/cancel/", views.CancelView.as_view(), name="elective-cancel"),
    path("v1/documents/", views.DocumentsView.as_view(), name="documents"),
    path("v1/documents/<id:pk>/", views.DocumentView.as_view(), name="document"),
    path("v1/documents/<id:pk>/pdf/", views.DocumentPdfView.as_view(), name="document-pdf"),
    path("v1/integrations/", views.IntegrationsView.as_view(), name="integrations"),
    path("v1/integrations/tokens/", views.TokensView.as_view(), name="tokens"),
    path("v1/integrations/calls/", views.CallsView.as_view(), name="calls"),
    re_path(r"^.*$", errors.not_found),
]
