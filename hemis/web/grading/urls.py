"""Grading pages (issue 13): statements and grade entry, the academic record, rating and summary
statements, debts and individual plans, paid re-study, and the GPA (one url module each)."""

from django.urls import include, path

urlpatterns = [
    path("", include("hemis.web.grading.statements_urls")),
    path("", include("hemis.web.grading.records_urls")),
    path("", include("hemis.web.grading.restudy_urls")),
]
