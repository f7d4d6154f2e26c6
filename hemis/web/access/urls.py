"""The account (log-in, password, role switch) and the users-and-roles pages, in the "web" namespace;
paths from the site root (administration under /admin/, route names "admin_…")."""

from django.urls import include, path

from hemis.web.access import account, passwords, users

urlpatterns = [
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.logout_view, name="logout"),
    path("password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("role/", account.switch_role, name="switch_role"),
    path(
        "admin/",
        include(
            [
                path("users/", users.user_list, name="admin_users"),
                path("users/<int:pk>/", users.user_detail, name="admin_user"),
                path("users/<int:pk>/grants/", users.grant_create, name="admin_grant_create"),
                path(
                    "users/<int:pk>/grants/<int:grant_pk>/revoke/",
                    users.grant_revoke,
                    name="admin_grant_revoke",
                ),
                path("users/<int:pk>/password/", passwords.password_reset, name="admin_password_reset"),
                path("student-password/", passwords.student_password, name="admin_student_password"),
            ]
        ),
    ),
]
