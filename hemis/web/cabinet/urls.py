"""cabinet pages (issue 14): a student's own studies under /my/."""

from django.urls import include, path

from hemis.web.cabinet import studies, subjects

urlpatterns = [
    path("", include("hemis.web.cabinet.personal_urls")),  # first log-in, personal data, Unilibrary
    path("my/curriculum/", studies.curriculum, name="cabinet_curriculum"),
    path("my/attendance/", studies.attendance, name="cabinet_attendance"),
    path("my/grades/", studies.grades, name="cabinet_grades"),
    path("my/restudy/", studies.restudy, name="cabinet_restudy"),
    path("my/finance/", studies.finance, name="cabinet_finance"),
    path("my/subjects/", subjects.subjects, name="cabinet_subjects"),
    path("my/subjects/<int:pk>/", subjects.subject, name="cabinet_subject"),
    path(
        "my/subjects/<int:pk>/assignments/<int:assignment_pk>/submit/",
        subjects.submit,
        name="cabinet_submit",
    ),
]
