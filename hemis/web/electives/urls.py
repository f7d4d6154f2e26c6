"""Electives pages (issue 14, annex 13 item 3): the student's choices, the dean's office's windows."""

from django.urls import path

from hemis.web.electives import views

urlpatterns = [
    # the student
    path("electives/my/", views.my, name="electives_my"),
    path("electives/offers/<int:pk>/choose/", views.choose, name="electives_choose"),
    path("electives/choices/<int:pk>/cancel/", views.cancel, name="electives_cancel"),
    # the dean's office
    path("electives/", views.windows, name="electives_windows"),
    path("electives/<int:pk>/", views.window, name="electives_window"),
    path("electives/<int:pk>/close/", views.window_close, name="electives_window_close"),
    path("electives/offers/<int:pk>/seats/", views.offer_seats, name="electives_offer_seats"),
    path("electives/offers/<int:pk>/close/", views.offer_close, name="electives_offer_close"),
]
