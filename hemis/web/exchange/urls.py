"""The exchange with the ministry (annex 1 items 4 and 6): the sync status page and the PINFL
correction requests."""

from django.urls import path

from hemis.web.exchange import views

urlpatterns = [
    path("exchange/", views.status, name="exchange_status"),
    path("exchange/sync/", views.sync_now, name="exchange_sync"),
    path("exchange/retry/", views.retry, name="exchange_retry"),
    path("exchange/pinfl/", views.pinfl_requests, name="exchange_pinfl"),
    path("exchange/pinfl/<int:pk>/", views.pinfl_request, name="exchange_pinfl_request"),
    path("exchange/pinfl/<int:pk>/letter.pdf", views.pinfl_letter, name="exchange_pinfl_letter"),
    path("exchange/pinfl/<int:pk>/check/", views.pinfl_check, name="exchange_pinfl_check"),
    path("exchange/pinfl/lines/<int:pk>/remove/", views.pinfl_line_remove, name="exchange_pinfl_line_remove"),
]
