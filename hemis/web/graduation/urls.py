"""Graduation pages (issue 14): the clearance sheet (the student's, a unit's queue, the units, the dean's
office's list) and the diplomas (the department's list and record form, the student's checklist and
downloads)."""

from django.urls import path

from hemis.web.graduation import views

urlpatterns = [
    path("clearance/my/", views.clearance_my, name="clearance_my"),
    path("clearance/my/lines/<int:pk>/settled/", views.clearance_settled, name="clearance_settled"),
    path("clearance/queue/", views.clearance_queue, name="clearance_queue"),
    path("clearance/lines/<int:pk>/sign/", views.clearance_sign, name="clearance_sign"),
    path("clearance/lines/<int:pk>/refuse/", views.clearance_refuse, name="clearance_refuse"),
    path("clearance/students/", views.clearance_students, name="clearance_students"),
    path("clearance/students/<int:pk>/open/", views.clearance_open, name="clearance_open"),
    path("clearance/units/", views.clearance_units, name="clearance_units"),
    path("clearance/units/<int:pk>/", views.clearance_unit, name="clearance_unit"),
    path("diplomas/", views.diplomas, name="diplomas"),
    path("diplomas/students/<int:pk>/", views.diploma_record, name="diploma_record"),
    path("diploma/my/", views.diploma_my, name="diploma_my"),
    path("diploma/my/diploma.pdf", views.diploma_download, name="diploma_pdf"),
    path("diploma/my/supplement.pdf", views.supplement_download, name="diploma_supplement_pdf"),
]
