"""Teaching pages (issue 12): the department head's distribution of subjects, teachers' progress and
teachers' works."""

from django.urls import path

from hemis.web.teaching import department

urlpatterns = [
    path("teaching/distribution/", department.distribution, name="teaching_distribution"),
    path("teaching/distribution/<int:pk>/remove/", department.load_remove, name="teaching_load_remove"),
    path("teaching/progress/", department.progress, name="teaching_progress"),
    path("teaching/works/", department.works, name="teaching_works"),
    path("teaching/works/<int:pk>/review/", department.work_review, name="teaching_work_review"),
    path("teaching/works/<int:pk>/resubmit/", department.work_resubmit, name="teaching_work_resubmit"),
    path("teaching/works/<int:pk>/file/", department.work_file, name="teaching_work_file"),
]
