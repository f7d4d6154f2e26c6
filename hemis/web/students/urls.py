"""Groups and students ("students_…") under /students/, student achievements ("achievements_…") under
/programmes/achievements/, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.students import achievements, assign, group_subjects, groups, students, subgroups

urlpatterns = [
    path(
        "students/",
        include(
            [
                path("", students.student_list, name="students_list"),
                path("export/", students.student_export, name="students_export"),
                path("assign/", assign.assign, name="students_assign"),
                path("<int:pk>/", students.student_detail, name="students_student"),
                path("<int:pk>/edit/", students.student_edit, name="students_student_edit"),
                path("groups/", groups.group_list, name="students_groups"),
                path("groups/export/", groups.group_export, name="students_groups_export"),
                path("groups/new/", groups.group_create, name="students_group_create"),
                path("groups/<int:pk>/", groups.group_detail, name="students_group"),
                path("groups/<int:pk>/edit/", groups.group_edit, name="students_group_edit"),
                path("groups/<int:pk>/close/", groups.group_close, name="students_group_close"),
                path(
                    "groups/<int:pk>/subgroups/new/",
                    subgroups.subgroup_create,
                    name="students_subgroup_create",
                ),
                path(
                    "groups/<int:pk>/subjects/", group_subjects.group_subjects, name="students_group_subjects"
                ),
                path(
                    "groups/<int:pk>/subjects/<int:binding_pk>/unbind/",
                    group_subjects.group_subject_unbind,
                    name="students_group_subject_unbind",
                ),
                path(
                    "subgroups/<int:pk>/rename/", subgroups.subgroup_rename, name="students_subgroup_rename"
                ),
                path(
                    "subgroups/<int:pk>/members/",
                    subgroups.subgroup_members,
                    name="students_subgroup_members",
                ),
                path(
                    "subgroups/<int:pk>/delete/", subgroups.subgroup_delete, name="students_subgroup_delete"
                ),
            ]
        ),
    ),
    path(
        "programmes/achievements/",
        include(
            [
                path("", achievements.achievement_list, name="achievements_list"),
                path("export/", achievements.achievement_export, name="achievements_export"),
                path(
                    "student/<int:student_pk>/new/",
                    achievements.achievement_create,
                    name="achievements_create",
                ),
                path("<int:pk>/", achievements.achievement_edit, name="achievements_edit"),
                path("<int:pk>/delete/", achievements.achievement_delete, name="achievements_delete"),
            ]
        ),
    ),
]
