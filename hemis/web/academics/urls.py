"""The academic set-up pages (annex 4) under /academics/ ("academics_…"), programmes ("programmes_…")
and the subject catalogue ("subjects_…") under /programmes/, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.academics import marking, pairs, programmes, rating, subjects, types, years

urlpatterns = [
    path(
        "academics/",
        include(
            [
                path("marking-systems/", marking.marking_list, name="academics_marking"),
                path("marking-systems/export/", marking.marking_export, name="academics_marking_export"),
                path("marking-systems/new/", marking.marking_create, name="academics_marking_create"),
                path("marking-systems/<int:pk>/", marking.marking_detail, name="academics_marking_detail"),
                path("control-types/", types.control_list, name="academics_controls"),
                path("control-types/export/", types.control_export, name="academics_controls_export"),
                path("control-types/<int:pk>/", types.control_edit, name="academics_control_edit"),
                path("statement-types/", types.statement_list, name="academics_statements"),
                path("statement-types/export/", types.statement_export, name="academics_statements_export"),
                path("statement-types/new/", types.statement_edit, name="academics_statement_create"),
                path("statement-types/<int:pk>/", types.statement_edit, name="academics_statement_edit"),
                path(
                    "statement-types/<int:pk>/delete/",
                    types.statement_delete,
                    name="academics_statement_delete",
                ),
                path("years/", years.year_list, name="academics_years"),
                path("years/export/", years.year_export, name="academics_years_export"),
                path("years/new/", years.year_edit, name="academics_year_create"),
                path("years/<int:pk>/", years.year_detail, name="academics_year"),
                path("years/<int:pk>/edit/", years.year_edit, name="academics_year_edit"),
                path("years/<int:pk>/semesters/add/", years.semester_add, name="academics_semester_add"),
                path("semesters/<int:pk>/", years.semester_edit, name="academics_semester_edit"),
                path("semesters/<int:pk>/delete/", years.semester_delete, name="academics_semester_delete"),
                path(
                    "semesters/<int:pk>/make-current/",
                    years.semester_make_current,
                    name="academics_semester_current",
                ),
                path("lesson-pairs/", pairs.pair_list, name="academics_pairs"),
                path("lesson-pairs/export/", pairs.pair_export, name="academics_pairs_export"),
                path("lesson-pairs/year/<int:year_pk>/add/", pairs.pair_add, name="academics_pair_add"),
                path("lesson-pairs/year/<int:year_pk>/copy/", pairs.pair_copy, name="academics_pairs_copy"),
                path("lesson-pairs/<int:pk>/", pairs.pair_edit, name="academics_pair_edit"),
                path("lesson-pairs/<int:pk>/delete/", pairs.pair_delete, name="academics_pair_delete"),
                path("rating-criteria/", rating.criteria_list, name="academics_criteria"),
                path("rating-criteria/export/", rating.criteria_export, name="academics_criteria_export"),
                path(
                    "rating-criteria/year/<int:year_pk>/add/",
                    rating.criterion_add,
                    name="academics_criterion_add",
                ),
                path("rating-criteria/<int:pk>/", rating.criterion_edit, name="academics_criterion_edit"),
                path(
                    "rating-criteria/<int:pk>/delete/",
                    rating.criterion_delete,
                    name="academics_criterion_delete",
                ),
            ]
        ),
    ),
    path(
        "programmes/",
        include(
            [
                path("", programmes.programme_list, name="programmes_list"),
                path("export/", programmes.programme_export, name="programmes_export"),
                path("new/", programmes.programme_create, name="programmes_create"),
                path("<int:pk>/", programmes.programme_detail, name="programmes_detail"),
                path("<int:pk>/edit/", programmes.programme_edit, name="programmes_edit"),
                path("<int:pk>/close/", programmes.programme_close, name="programmes_close"),
                path("subjects/", subjects.subject_list, name="subjects_list"),
                path("subjects/export/", subjects.subject_export, name="subjects_export"),
                path("subjects/new/", subjects.subject_create, name="subjects_create"),
                path("subjects/import/", subjects.subject_import, name="subjects_import"),
                path(
                    "subjects/import/template/",
                    subjects.subject_import_template,
                    name="subjects_import_template",
                ),
                path("subjects/<int:pk>/", subjects.subject_edit, name="subjects_edit"),
                path(
                    "subjects/<int:pk>/deactivate/", subjects.subject_deactivate, name="subjects_deactivate"
                ),
            ]
        ),
    ),
]
