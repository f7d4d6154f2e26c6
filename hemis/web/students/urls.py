"""Groups and students pages, included at /students/ in the "web" namespace: route names start with "students_"."""

from django.urls import path

from hemis.web.students import assign, group_subjects, groups, students, subgroups

urlpatterns = [
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
    path("groups/<int:pk>/subgroups/new/", subgroups.subgroup_create, name="students_subgroup_create"),
    path("groups/<int:pk>/subjects/", group_subjects.group_subjects, name="students_group_subjects"),
    path(
        "groups/<int:pk>/subjects/<int:binding_pk>/unbind/",
        group_subjects.group_subject_unbind,
        name="students_group_subject_unbind",
    ),
    path("subgroups/<int:pk>/rename/", subgroups.subgroup_rename, name="students_subgroup_rename"),
    path("subgroups/<int:pk>/members/", subgroups.subgroup_members, name="students_subgroup_members"),
    path("subgroups/<int:pk>/delete/", subgroups.subgroup_delete, name="students_subgroup_delete"),
]
