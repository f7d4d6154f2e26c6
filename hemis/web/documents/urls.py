"""Documents pages (issue 14): a student's documents, the dean's office's page of a student's documents,
the request, the PDF, and the public verification page."""

from django.urls import path

from hemis.web.documents import views

urlpatterns = [
    path("documents/", views.my_documents, name="documents_my"),
    path("documents/students/<int:pk>/", views.student_documents, name="documents_student"),
    path("documents/request/", views.request_document, name="documents_request"),
    path("documents/<int:pk>/pdf/", views.download, name="documents_pdf"),
    path("verify/<str:number>/", views.verify, name="documents_verify"),
]
