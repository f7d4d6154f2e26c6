"""The classifier pages, in the "web" namespace; paths from the site root (under /reference/, "reference_…")."""

from django.urls import include, path

from hemis.web.classifiers import classifiers

urlpatterns = [
    path(
        "reference/classifiers/",
        include(
            [
                path("", classifiers.classifier_list, name="reference_classifiers"),
                path("<slug:key>/", classifiers.classifier_detail, name="reference_classifier"),
                path("<slug:key>/add-option/", classifiers.option_add, name="reference_option_add"),
                path("<slug:key>/options/<str:code>/", classifiers.option_edit, name="reference_option_edit"),
                path(
                    "<slug:key>/options/<str:code>/active/",
                    classifiers.option_active,
                    name="reference_option_active",
                ),
                path(
                    "<slug:key>/options/<str:code>/delete/",
                    classifiers.option_delete,
                    name="reference_option_delete",
                ),
            ]
        ),
    ),
]
