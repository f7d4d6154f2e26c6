"""Reference data pages, included at /reference/ inside the "web" namespace (names: reference_…)."""

from django.urls import path

from hemis.web.reference import calendar_views, classifier_views

urlpatterns = [
    path("classifiers/", classifier_views.classifier_list, name="reference_classifiers"),
    path("classifiers/<slug:key>/", classifier_views.classifier_detail, name="reference_classifier"),
    path("classifiers/<slug:key>/add-option/", classifier_views.option_add, name="reference_option_add"),
    path(
        "classifiers/<slug:key>/options/<str:code>/",
        classifier_views.option_edit,
        name="reference_option_edit",
    ),
    path(
        "classifiers/<slug:key>/options/<str:code>/active/",
        classifier_views.option_active,
        name="reference_option_active",
    ),
    path(
        "classifiers/<slug:key>/options/<str:code>/delete/",
        classifier_views.option_delete,
        name="reference_option_delete",
    ),
    path("calendar/", calendar_views.calendar_page, name="reference_calendar"),
    path("calendar/overrides/add/", calendar_views.override_add, name="reference_override_add"),
    path(
        "calendar/overrides/<int:pk>/delete/",
        calendar_views.override_delete,
        name="reference_override_delete",
    ),
]
