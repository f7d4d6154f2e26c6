from django.urls import include, path
from django.views.i18n import set_language

from hemis.web.core import errors

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("hemis.api.urls")),
    path("", include("hemis.web.urls")),
]

handler403 = errors.forbidden
handler404 = errors.not_found
handler500 = errors.server_error
