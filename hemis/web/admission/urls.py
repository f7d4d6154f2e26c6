"""Admission pages, included at /admission/ in the "web" namespace: route names start with "admission_"."""

from django.urls import path

from hemis.web.admission import views

urlpatterns = [
    path("", views.admission_list, name="admission_list"),
    path("export/", views.admission_export, name="admission_export"),
    path("new/", views.admission_create, name="admission_create"),
    path("import/", views.admission_import_new, name="admission_import_new"),
    path("import/template/", views.admission_template, name="admission_template"),
    path("<int:pk>/", views.admission_order, name="admission_order"),
    path("<int:pk>/add/", views.admission_add, name="admission_add"),
    path("<int:pk>/import/", views.admission_import_into, name="admission_import"),
    path("<int:pk>/people/<int:item_pk>/remove/", views.admission_remove, name="admission_remove"),
]
