"""Teaching pages (issue 12): the department head's distribution of subjects, teachers' progress and
teachers' works."""

from django.urls import path

from hemis.web.teaching import department

urlpatterns = [
    path("teaching/distribution/", department.distribution, name="teaching_distribution"),
    path("teaching/distribution/<int:pk>/remove/", department.load_remove, name="teaching_load_remove"),
]
