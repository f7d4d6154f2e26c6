"""Teaching pages: a teacher's subjects, the content of one load (topics, resources, assignments and
submissions) and its files."""

from django.urls import path

from hemis.web.teaching import content as views

LOAD = "teaching/loads/<int:pk>/"

urlpatterns = [
    path("teaching/", views.my_subjects, name="teaching_my_subjects"),
    path(LOAD, views.load_detail, name="teaching_load"),
    path(f"{LOAD}topics/add/", views.topic_add, name="teaching_topic_add"),
    path(f"{LOAD}topics/<int:topic_pk>/edit/", views.topic_edit, name="teaching_topic_edit"),
    path(f"{LOAD}topics/<int:topic_pk>/delete/", views.topic_delete, name="teaching_topic_delete"),
    path(f"{LOAD}topics/<int:topic_pk>/move/", views.topic_move, name="teaching_topic_move"),
    path(f"{LOAD}resources/add/", views.resource_add, name="teaching_resource_add"),
    path(
        f"{LOAD}resources/<int:resource_pk>/delete/", views.resource_delete, name="teaching_resource_delete"
    ),
    path(f"{LOAD}assignments/add/", views.assignment_add, name="teaching_assignment_add"),
    path(
        f"{LOAD}assignments/<int:assignment_pk>/edit/", views.assignment_edit, name="teaching_assignment_edit"
    ),
    path(
        f"{LOAD}assignments/<int:assignment_pk>/delete/",
        views.assignment_delete,
        name="teaching_assignment_delete",
    ),
    path(
        f"{LOAD}submissions/<int:submission_pk>/grade/",
        views.submission_grade,
        name="teaching_submission_grade",
    ),
    path("teaching/files/<str:kind>/<int:pk>/", views.download, name="teaching_file"),
]
