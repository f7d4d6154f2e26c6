"""The curricula pages, included at /curricula/ inside the "web" namespace (curricula_…)."""

from django.urls import path

from hemis.web.curricula import subject_views, views

urlpatterns = [
    path("", views.curriculum_list, name="curricula_list"),
    path("export/", views.curriculum_export, name="curricula_export"),
    path("new/", views.curriculum_create, name="curricula_create"),
    path("<int:pk>/", views.curriculum_detail, name="curricula_detail"),
    path("<int:pk>/approve/", views.curriculum_approve, name="curricula_approve"),
    path("<int:pk>/return/", views.curriculum_return, name="curricula_return"),
    path("<int:pk>/copy/", views.curriculum_copy, name="curricula_copy"),
    path("semesters/<int:pk>/weeks/", subject_views.semester_weeks, name="curricula_weeks"),
    path("semesters/<int:pk>/subjects/add/", subject_views.subject_add, name="curricula_subject_add"),
    path("subjects/<int:pk>/", subject_views.subject_edit, name="curricula_subject_edit"),
    path("subjects/<int:pk>/delete/", subject_views.subject_delete, name="curricula_subject_delete"),
]
