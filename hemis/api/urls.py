"""The APIs: the HEMIS-compatible ``/rest/`` and our own ``/api/``."""

from django.urls import include, path

urlpatterns = [
    path("rest/", include("hemis.api.rest_v1.urls")),
    path("api/", include("hemis.api.own.urls")),
]
