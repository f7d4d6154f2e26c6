"""The first log-in's contacts step, "my personal data" with its correction requests, Unilibrary (annex 13
items 1, 7, 8), and the dean's office's correction pages; in the "web" namespace, paths from the root."""

from django.urls import path

from hemis.web.cabinet import personal
from hemis.web.students import corrections

urlpatterns = [
    path("welcome/", personal.welcome, name="welcome"),
    path("my/personal-data/", personal.personal_data, name="cabinet_personal_data"),
    path("my/personal-data/correction/", personal.correction_request, name="cabinet_correction_request"),
    path(
        "my/personal-data/correction/<int:pk>/file/",
        personal.correction_file,
        name="cabinet_correction_file",
    ),
    path("my/unilibrary/", personal.unilibrary, name="cabinet_unilibrary"),
    path("students/corrections/", corrections.correction_list, name="students_corrections"),
    path("students/corrections/<int:pk>/", corrections.correction, name="students_correction"),
    path("students/corrections/<int:pk>/file/", corrections.correction_file, name="students_correction_file"),
]
