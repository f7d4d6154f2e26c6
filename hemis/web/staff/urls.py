"""Staff pages ("staff_…") under /staff/, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.staff import employees, imports, labour, staff_units

urlpatterns = [
    path(
        "staff/",
        include(
            [
                path("employees/", employees.employee_list, name="staff_employees"),
                path("employees/export/", employees.employee_export, name="staff_employees_export"),
                path("employees/new/", employees.employee_create, name="staff_employee_create"),
                path("employees/import/", imports.import_page, name="staff_import"),
                path("employees/import/template/", imports.import_template, name="staff_import_template"),
                path("employees/<int:pk>/", employees.employee_detail, name="staff_employee"),
                path("employees/<int:pk>/edit/", employees.employee_edit, name="staff_employee_edit"),
                path("employees/<int:pk>/photo/", employees.employee_photo, name="staff_employee_photo"),
                path(
                    "employees/<int:pk>/appointments/new/",
                    labour.appointment_add,
                    name="staff_appointment_add",
                ),
                path(
                    "employees/<int:pk>/appointments/<int:appointment_pk>/end/",
                    labour.appointment_end,
                    name="staff_appointment_end",
                ),
                path("employees/<int:pk>/events/<str:kind>/", labour.event_add, name="staff_event_add"),
                path("employees/<int:pk>/account/", labour.account_create, name="staff_account_create"),
                path("staff-table/", staff_units.summary, name="staff_units"),
                path("staff-table/export/", staff_units.summary_export, name="staff_units_export"),
                path("staff-table/unit/<int:unit_pk>/", staff_units.unit_page, name="staff_unit"),
                path("staff-table/lines/<int:pk>/edit/", staff_units.staff_unit_edit, name="staff_unit_edit"),
                path(
                    "staff-table/lines/<int:pk>/delete/",
                    staff_units.staff_unit_delete,
                    name="staff_unit_delete",
                ),
            ]
        ),
    ),
]
