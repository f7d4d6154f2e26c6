from django.urls import path

from hemis.web.compliance import views

# Included at /compliance/ in the "web" namespace: reverse as "web:compliance_…".
urlpatterns = [
    path("processes/", views.index, name="compliance_index"),
    path("processes/refresh/", views.refresh, name="compliance_refresh"),
    path("processes/<str:process_id>/", views.process_detail, name="compliance_process"),
    path("settings/", views.settings_edit, name="compliance_settings"),
]
