"""Programmes, the subject catalogue and student achievements, included at /programmes/ in the "web"
namespace: route names start with "programmes_", "subjects_" and "achievements_"."""

from django.urls import path

from hemis.web.programmes import achievement_views, programme_views, subject_views

urlpatterns = [
    path("", programme_views.programme_list, name="programmes_list"),
    path("export/", programme_views.programme_export, name="programmes_export"),
    path("new/", programme_views.programme_create, name="programmes_create"),
    path("<int:pk>/", programme_views.programme_detail, name="programmes_detail"),
    path("<int:pk>/edit/", programme_views.programme_edit, name="programmes_edit"),
    path("<int:pk>/close/", programme_views.programme_close, name="programmes_close"),
    path("subjects/", subject_views.subject_list, name="subjects_list"),
    path("subjects/export/", subject_views.subject_export, name="subjects_export"),
    path("subjects/new/", subject_views.subject_create, name="subjects_create"),
    path("subjects/import/", subject_views.subject_import, name="subjects_import"),
    path("subjects/import/template/", subject_views.subject_import_template, name="subjects_import_template"),
    path("subjects/<int:pk>/", subject_views.subject_edit, name="subjects_edit"),
    path("subjects/<int:pk>/deactivate/", subject_views.subject_deactivate, name="subjects_deactivate"),
    path("achievements/", achievement_views.achievement_list, name="achievements_list"),
    path("achievements/export/", achievement_views.achievement_export, name="achievements_export"),
    path(
        "achievements/student/<int:student_pk>/new/",
        achievement_views.achievement_create,
        name="achievements_create",
    ),
    path("achievements/<int:pk>/", achievement_views.achievement_edit, name="achievements_edit"),
    path("achievements/<int:pk>/delete/", achievement_views.achievement_delete, name="achievements_delete"),
]
