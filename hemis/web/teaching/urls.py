"""Teaching pages: the teacher's content and assignments, the journal of lessons held, and the
department head's distribution, progress and works (one url module each)."""

from django.urls import include, path

urlpatterns = [
    path("", include("hemis.web.teaching.content_urls")),
    path("", include("hemis.web.teaching.journal_urls")),
    path("", include("hemis.web.teaching.department_urls")),
]
