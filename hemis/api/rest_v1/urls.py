"""``/rest/v1/<operation>``: every module's ``ROUTES``; anything else under ``/rest/`` is the 404 envelope."""

from django.urls import path, re_path

from hemis.api.rest_v1 import (
    data_education,
    data_people,
    data_structure,
    endpoint,
    public,
    student_account,
    student_auth,
    student_documents,
    student_education,
    student_studies,
    student_tasks,
)

MODULES = (
    student_auth,
    student_account,
    student_education,
    student_studies,
    student_tasks,
    student_documents,
    public,
    data_structure,
    data_people,
    data_education,
)

app_name = "rest_v1"
urlpatterns = [
    *(path(f"v1/{route}", view, name=route) for module in MODULES for route, view in module.ROUTES),
    re_path(r"^.*$", endpoint.unknown),
]
