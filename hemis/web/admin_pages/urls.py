"""Administration pages, included at /admin/ in the "web" namespace: route names start with "admin_"."""

from django.urls import path

from hemis.web.admin_pages import journal, passwords, users

urlpatterns = [
    # -- users, roles and password resets --
    path("users/", users.user_list, name="admin_users"),
    path("users/<int:pk>/", users.user_detail, name="admin_user"),
    path("users/<int:pk>/grants/", users.grant_create, name="admin_grant_create"),
    path("users/<int:pk>/grants/<int:grant_pk>/revoke/", users.grant_revoke, name="admin_grant_revoke"),
    path("users/<int:pk>/password/", passwords.password_reset, name="admin_password_reset"),
    path("student-password/", passwords.student_password, name="admin_student_password"),
    # -- action journal --
    path("journal/", journal.journal_page, name="admin_journal"),
    path("journal/export/", journal.journal_export, name="admin_journal_export"),
]
