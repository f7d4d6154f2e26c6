"""The home page, the profile, the health check and the working-day calendar, in the "web" namespace;
paths from the site root (the calendar under /reference/, "reference_…")."""

from django.urls import path

from hemis.web.core import calendar, health, home

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("profile/", home.profile, name="profile"),
    path("reference/calendar/", calendar.calendar_page, name="reference_calendar"),
    path("reference/calendar/overrides/add/", calendar.override_add, name="reference_override_add"),
    path(
        "reference/calendar/overrides/<int:pk>/delete/",
        calendar.override_delete,
        name="reference_override_delete",
    ),
]
