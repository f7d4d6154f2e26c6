"""The academic set-up pages (annex 4), included at /academics/ inside the "web" namespace (academics_…)."""

from django.urls import path

from hemis.web.academics import marking_views, pair_views, rating_views, type_views, year_views

urlpatterns = [
    path("marking-systems/", marking_views.marking_list, name="academics_marking"),
    path("marking-systems/export/", marking_views.marking_export, name="academics_marking_export"),
    path("marking-systems/new/", marking_views.marking_create, name="academics_marking_create"),
    path("marking-systems/<int:pk>/", marking_views.marking_detail, name="academics_marking_detail"),
    path("control-types/", type_views.control_list, name="academics_controls"),
    path("control-types/export/", type_views.control_export, name="academics_controls_export"),
    path("control-types/<int:pk>/", type_views.control_edit, name="academics_control_edit"),
    path("statement-types/", type_views.statement_list, name="academics_statements"),
    path("statement-types/export/", type_views.statement_export, name="academics_statements_export"),
    path("statement-types/new/", type_views.statement_edit, name="academics_statement_create"),
    path("statement-types/<int:pk>/", type_views.statement_edit, name="academics_statement_edit"),
    path("statement-types/<int:pk>/delete/", type_views.statement_delete, name="academics_statement_delete"),
    path("years/", year_views.year_list, name="academics_years"),
    path("years/export/", year_views.year_export, name="academics_years_export"),
    path("years/new/", year_views.year_edit, name="academics_year_create"),
    path("years/<int:pk>/", year_views.year_detail, name="academics_year"),
    path("years/<int:pk>/edit/", year_views.year_edit, name="academics_year_edit"),
    path("years/<int:pk>/semesters/add/", year_views.semester_add, name="academics_semester_add"),
    path("semesters/<int:pk>/", year_views.semester_edit, name="academics_semester_edit"),
    path("semesters/<int:pk>/delete/", year_views.semester_delete, name="academics_semester_delete"),
    path(
        "semesters/<int:pk>/make-current/",
        year_views.semester_make_current,
        name="academics_semester_current",
    ),
    path("lesson-pairs/", pair_views.pair_list, name="academics_pairs"),
    path("lesson-pairs/export/", pair_views.pair_export, name="academics_pairs_export"),
    path("lesson-pairs/year/<int:year_pk>/add/", pair_views.pair_add, name="academics_pair_add"),
    path("lesson-pairs/year/<int:year_pk>/copy/", pair_views.pair_copy, name="academics_pairs_copy"),
    path("lesson-pairs/<int:pk>/", pair_views.pair_edit, name="academics_pair_edit"),
    path("lesson-pairs/<int:pk>/delete/", pair_views.pair_delete, name="academics_pair_delete"),
    path("rating-criteria/", rating_views.criteria_list, name="academics_criteria"),
    path("rating-criteria/export/", rating_views.criteria_export, name="academics_criteria_export"),
    path(
        "rating-criteria/year/<int:year_pk>/add/", rating_views.criterion_add, name="academics_criterion_add"
    ),
    path("rating-criteria/<int:pk>/", rating_views.criterion_edit, name="academics_criterion_edit"),
    path(
        "rating-criteria/<int:pk>/delete/", rating_views.criterion_delete, name="academics_criterion_delete"
    ),
]
