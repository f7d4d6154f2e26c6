"""Careers pages ("careers_…") under /careers/, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.careers import competitions, trainings

urlpatterns = [
    path(
        "careers/",
        include(
            [
                path("selections/", competitions.competition_list, name="careers_competitions"),
                path(
                    "selections/export/", competitions.competition_export, name="careers_competitions_export"
                ),
                path("selections/new/", competitions.competition_create, name="careers_competition_create"),
                path(
                    "selection-monitoring/",
                    competitions.selection_monitoring,
                    name="careers_selection_monitoring",
                ),
                path("selections/<int:pk>/", competitions.competition_detail, name="careers_competition"),
                path(
                    "selections/<int:pk>/edit/",
                    competitions.competition_edit,
                    name="careers_competition_edit",
                ),
                path(
                    "selections/<int:pk>/delete/",
                    competitions.competition_delete,
                    name="careers_competition_delete",
                ),
                path("training/", trainings.training_list, name="careers_trainings"),
                path("training/export/", trainings.training_export, name="careers_trainings_export"),
                path("training/new/", trainings.training_create, name="careers_training_create"),
                path(
                    "training-monitoring/", trainings.training_monitoring, name="careers_training_monitoring"
                ),
                path("training/<int:pk>/", trainings.training_detail, name="careers_training"),
                path("training/<int:pk>/edit/", trainings.training_edit, name="careers_training_edit"),
                path("training/<int:pk>/delete/", trainings.training_delete, name="careers_training_delete"),
                path("teachers/<int:employee_pk>/", trainings.teacher_history, name="careers_teacher"),
            ]
        ),
    ),
]
