"""The "web" namespace: one include per domain sub-package of ``hemis/web/`` (each names its paths from
the site root, e.g. ``hemis/web/movements/urls.py`` holds /orders/ and /admission/)."""

from django.urls import include, path

app_name = "web"

urlpatterns = [
    path("", include("hemis.web.core.urls")),
    path("", include("hemis.web.access.urls")),
    path("", include("hemis.web.audit.urls")),
    path("", include("hemis.web.classifiers.urls")),
    path("", include("hemis.web.org.urls")),
    path("", include("hemis.web.staff.urls")),
    path("", include("hemis.web.careers.urls")),
    path("", include("hemis.web.academics.urls")),
    path("", include("hemis.web.curricula.urls")),
    path("", include("hemis.web.movements.urls")),
    path("", include("hemis.web.students.urls")),
    path("", include("hemis.web.schedule.urls")),
    path("", include("hemis.web.teaching.urls")),
    path("", include("hemis.web.grading.urls")),
    path("", include("hemis.web.cabinet.urls")),
    path("", include("hemis.web.electives.urls")),
    path("", include("hemis.web.documents.urls")),
    path("", include("hemis.web.graduation.urls")),
    path("", include("hemis.web.integrations.urls")),
    path("", include("hemis.web.exchange.urls")),
    path("compliance/", include("hemis.web.compliance.urls")),
    path("jobs/", include("hemis.web.jobs.urls")),
]
