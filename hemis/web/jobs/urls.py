"""Background-job pages, included at /jobs/ in the "web" namespace: route names start with "job"."""

from django.urls import path

from hemis.web.jobs import views

urlpatterns = [
    path("<uuid:pk>/", views.job_page, name="job"),
    path("<uuid:pk>/progress/", views.job_progress, name="job_progress"),
]
