"""The curricula pages ("curricula_…") under /curricula/, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.curricula import curricula, subjects

urlpatterns = [
    path(
        "curricula/",
        include(
            [
                path("", curricula.curriculum_list, name="curricula_list"),
                path("export/", curricula.curriculum_export, name="curricula_export"),
                path("new/", curricula.curriculum_create, name="curricula_create"),
                path("<int:pk>/", curricula.curriculum_detail, name="curricula_detail"),
                path("<int:pk>/approve/", curricula.curriculum_approve, name="curricula_approve"),
                path("<int:pk>/return/", curricula.curriculum_return, name="curricula_return"),
                path("<int:pk>/copy/", curricula.curriculum_copy, name="curricula_copy"),
                path("semesters/<int:pk>/weeks/", subjects.semester_weeks, name="curricula_weeks"),
                path("semesters/<int:pk>/subjects/add/", subjects.subject_add, name="curricula_subject_add"),
                path("subjects/<int:pk>/", subjects.subject_edit, name="curricula_subject_edit"),
                path("subjects/<int:pk>/delete/", subjects.subject_delete, name="curricula_subject_delete"),
            ]
        ),
    ),
]
